import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { createApp } from '../../src/app.js';

export interface SseFrame {
  id: string | null;
  event: string | null;
  data: string;
  comment: boolean;
}

/**
 * Serves the app as `npm start` does (the fast path in front of Express) on 127.0.0.1:0; returns the
 * base URL and a stop function that ends open streams.
 */
export async function listen(app: ReturnType<typeof createApp>) {
  const server = createServer(app.handler).listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** An open event stream: read frames one by one, then abort. */
export async function openStream(url: string, headers: Record<string, string> = {}) {
  const controller = new AbortController();
  const res = await fetch(url, {
    headers: { accept: 'text/event-stream', ...headers },
    signal: controller.signal,
  });
  const reader = res.body?.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let transcript = '';
  const queue: SseFrame[] = [];

  // A read that outlives a timeout is kept for the next call, so no chunk is ever dropped.
  let pendingRead: Promise<ReadableStreamReadResult<Uint8Array>> | undefined;

  async function fill(deadline: number): Promise<boolean> {
    if (!reader) return false;
    pendingRead ??= reader.read();
    const timer = new Promise<'timeout'>((resolve) =>
      setTimeout(() => resolve('timeout'), Math.max(0, deadline - Date.now())),
    );
    const chunk = await Promise.race([pendingRead, timer]);
    if (chunk === 'timeout') return false;
    pendingRead = undefined;
    if (chunk.done) return false;
    const text = decoder.decode(chunk.value, { stream: true });
    buffer += text;
    transcript += text;
    let end: number;
    while ((end = buffer.indexOf('\n\n')) !== -1) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const frame: SseFrame = { id: null, event: null, data: '', comment: false };
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) frame.comment = true;
        else if (line.startsWith('id: ')) frame.id = line.slice(4);
        else if (line.startsWith('event: ')) frame.event = line.slice(7);
        else if (line.startsWith('data: ')) frame.data += line.slice(6);
      }
      queue.push(frame);
    }
    return true;
  }

  return {
    res,
    /** The next frame with an event id, or undefined after `timeoutMs` without one. */
    async next(timeoutMs = 2000): Promise<SseFrame | undefined> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const index = queue.findIndex((f) => f.id !== null);
        if (index !== -1) return queue.splice(0, index + 1).at(-1);
        if (Date.now() >= deadline || !(await fill(deadline))) return undefined;
      }
    },
    /** Everything read so far, including comments and the retry line. */
    raw: () => transcript,
    close: () => controller.abort(),
  };
}
