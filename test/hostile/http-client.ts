// A small HTTP client for the bad-input tests: plain fetch against the app on a real port (supertest
// would start a server per request), a session cookie kept by hand, raw bodies allowed.

export interface Reply {
  status: number;
  type: string;
  text: string;
  location: string | null;
}

export interface SendOptions {
  /** A urlencoded form (each value once), or raw bytes with that content type. */
  form?: Record<string, string> | Buffer | string;
  json?: unknown;
  /** A raw body with its own content type. */
  body?: { type: string; data: Buffer | string };
  headers?: Record<string, string>;
}

export class Client {
  cookie = '';

  constructor(readonly base: string) {}

  async send(method: string, path: string, options: SendOptions = {}): Promise<Reply> {
    const headers: Record<string, string> = { accept: 'text/html', ...options.headers };
    if (this.cookie) headers.cookie = this.cookie;
    let body: Buffer | string | undefined;
    if (options.form !== undefined) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body =
        typeof options.form === 'string' || Buffer.isBuffer(options.form)
          ? options.form
          : new URLSearchParams(options.form).toString();
    } else if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.json);
    } else if (options.body) {
      headers['content-type'] = options.body.type;
      body = options.body.data;
    }
    const controller = new AbortController();
    const response = await fetch(this.base + path, {
      method,
      headers,
      body: Buffer.isBuffer(body) ? new Uint8Array(body) : body,
      redirect: 'manual',
      signal: controller.signal,
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0] ?? '';
    const type = response.headers.get('content-type') ?? '';
    // An event stream never ends: its status and type are enough.
    const text = type.startsWith('text/event-stream') ? '' : await response.text();
    if (type.startsWith('text/event-stream')) controller.abort();
    return { status: response.status, type, text, location: response.headers.get('location') };
  }
}

/** How EJS's `<%= %>` writes a text: the form in which typed text must appear in a page. */
export function escapeLikeEjs(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&#34;', "'": '&#39;' })[c] ?? c,
  );
}
