import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';

const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });

export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The body as sent (compressed when the server compressed it). */
  raw: Buffer;
  /** Round trip, ms. */
  ms: number;
}

/** One request over a keep-alive connection; `body` is sent as JSON. */
export function send(
  baseUrl: string,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: unknown,
): Promise<Reply> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const all: http.OutgoingHttpHeaders = { ...headers };
  if (payload !== undefined) {
    all['Content-Type'] = 'application/json';
    all['Content-Length'] = Buffer.byteLength(payload);
  }
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(new URL(path, baseUrl), { method, headers: all, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          raw: Buffer.concat(chunks),
          ms: performance.now() - started,
        }),
      );
    });
    req.on('error', reject);
    req.end(payload);
  });
}

/** The body as text, decompressed per its Content-Encoding. */
export function textOf(reply: Reply): string {
  const encoding = reply.headers['content-encoding'];
  if (encoding === 'gzip') return gunzipSync(reply.raw).toString('utf8');
  if (encoding === 'br') return brotliDecompressSync(reply.raw).toString('utf8');
  return reply.raw.toString('utf8');
}

/** The body parsed as JSON (decompressed first when needed). */
export function jsonOf<T>(reply: Reply): T {
  return JSON.parse(textOf(reply)) as T;
}

/** A JSON API call with a bearer token; anything but `expect` is an error naming the answer. */
export async function api<T>(
  baseUrl: string,
  token: string,
  method: string,
  path: string,
  body?: unknown,
  expect = 200,
): Promise<T> {
  const reply = await send(baseUrl, method, path, { Authorization: `Bearer ${token}` }, body);
  if (reply.status !== expect)
    throw new Error(`${method} ${path} answered ${reply.status}: ${textOf(reply).slice(0, 300)}`);
  return jsonOf<T>(reply);
}

/** Closes the shared keep-alive connections. */
export function closeClient(): void {
  agent.destroy();
}
