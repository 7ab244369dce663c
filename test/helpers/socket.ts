import {
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type RequestListener,
  type Server,
} from 'node:http';
import type { AddressInfo } from 'node:net';

// A request listener served on a real socket (127.0.0.1, a free port), as `npm start` serves the app's
// handler: for what supertest cannot show (the fast path in front of Express, raw bytes, HEAD).

export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export type Get = (path: string, headers?: Record<string, string>, method?: string) => Promise<Reply>;

/** Listens with `listener`; `get` sends one request and resolves with the raw answer. */
export async function onSocket(listener: RequestListener): Promise<{ server: Server; get: Get }> {
  const server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const get: Get = (path, headers = {}, method = 'GET') =>
    new Promise<Reply>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path, method, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      });
      req.on('error', reject);
      req.end();
    });
  return { server, get };
}

/** The headers a reader sees, without the ones that differ on every response. */
export function pageHeaders(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const copy: IncomingHttpHeaders = { ...headers };
  for (const name of ['date', 'x-request-id', 'connection', 'keep-alive']) delete copy[name];
  return copy;
}
