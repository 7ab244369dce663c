import http from 'node:http';

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * A logged-in desk user over plain http. The production session cookie is Secure, so every request
 * says it came through an https proxy (the server trusts loopback proxies) and the cookie is sent
 * back by hand.
 */
export class DeskSession {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  private readonly cookies = new Map<string, string>();
  private csrf = '';

  constructor(private readonly baseUrl: string) {}

  async login(email: string, password: string): Promise<void> {
    const form = await this.request('GET', '/login');
    const reply = await this.request('POST', '/login', { _csrf: csrfOf(form.body), email, password });
    if (reply.status !== 303) throw new Error(`login answered ${reply.status}, expected 303`);
    // The session was regenerated at login: take the new session's token from the live desk.
    this.csrf = csrfOf((await this.request('GET', '/desk/articles/1')).body);
  }

  /** Publishes a one-block text update through the live desk composer. */
  async publishUpdate(
    articleId: number,
    when: { date: string; time: string },
    headline: string,
    markdown: string,
  ) {
    const reply = await this.request('POST', `/desk/articles/${articleId}/updates`, {
      _csrf: this.csrf,
      date: when.date,
      time: when.time,
      headline,
      'blocks.0.type': 'text',
      'blocks.0.markdown': markdown,
      action: 'publish',
    });
    if (reply.status !== 303)
      throw new Error(`publishing answered ${reply.status}: ${reply.body.slice(0, 300)}`);
  }

  close(): void {
    this.agent.destroy();
  }

  private request(method: string, path: string, form?: Record<string, string>): Promise<Reply> {
    const body = form ? new URLSearchParams(form).toString() : undefined;
    const headers: http.OutgoingHttpHeaders = { 'X-Forwarded-Proto': 'https' };
    if (this.cookies.size > 0) headers.Cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (body !== undefined) {
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
      headers['Content-Length'] = Buffer.byteLength(body);
    }
    return new Promise((resolve, reject) => {
      const req = http.request(new URL(path, this.baseUrl), { method, headers, agent: this.agent }, (res) => {
        for (const line of res.headers['set-cookie'] ?? []) {
          const [pair = ''] = line.split(';');
          const eq = pair.indexOf('=');
          if (eq > 0) this.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
        }
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      });
      req.on('error', reject);
      req.end(body);
    });
  }
}

function csrfOf(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error('no _csrf field in the page');
  return match[1];
}

/** Today's date and the current minute as a wall clock in `timeZone` (the composer's fields). */
export function wallClock(now: Date, timeZone: string): { date: string; time: string } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { date: `${get('year')}-${get('month')}-${get('day')}`, time: `${get('hour')}:${get('minute')}` };
}
