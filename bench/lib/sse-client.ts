import http from 'node:http';
import { performance } from 'node:perf_hooks';

const BLANK_LINE = Buffer.from('\n\n');
const DATA = Buffer.from('data:');

/**
 * One reader's SSE stream. Frames are split on blank lines; for every `update.published` frame whose
 * data carries the bench marker, the chunk's arrival time is kept per update (a second copy counts as
 * a duplicate). It works on raw bytes (no UTF-8 decoding of the ~KB payloads) so that 5000 readers on
 * one core cost the measurement as little as possible.
 */
export class SseClient {
  /** Arrival time (performance.now()) of each update, by marker number. */
  readonly arrivals: (number | undefined)[];
  duplicates = 0;
  /** Bytes received on the stream so far. */
  bytes = 0;
  /** The stream ended or failed before the bench closed it. */
  dropped = false;
  private pending: Buffer | undefined;
  private ready: (() => void) | undefined;
  private req: http.ClientRequest | undefined;

  /** `marker` is the text before the update number, e.g. `bench-1a2b3c4d-`. */
  constructor(
    private readonly url: URL,
    private readonly agent: http.Agent,
    private readonly marker: Buffer,
    updates: number,
  ) {
    this.arrivals = new Array<number | undefined>(updates).fill(undefined);
  }

  /** Resolves once the response headers and the `retry:` frame have arrived. */
  connect(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.ready = resolve;
      const headers = { Accept: 'text/event-stream' };
      const req = http.get(this.url, { agent: this.agent, headers }, (res) => {
        if (res.statusCode !== 200) {
          reject(new Error(`events answered ${res.statusCode}`));
          res.resume();
          return;
        }
        res.on('data', (chunk: Buffer) => this.receive(chunk, performance.now()));
        res.on('close', () => (this.dropped = true));
      });
      req.on('error', (err) => {
        this.dropped = true;
        reject(err);
      });
      this.req = req;
    });
  }

  close(): void {
    this.req?.removeAllListeners('error').on('error', () => undefined);
    this.req?.destroy();
  }

  private receive(chunk: Buffer, at: number): void {
    this.bytes += chunk.length;
    let buffer = this.pending ? Buffer.concat([this.pending, chunk]) : chunk;
    let end: number;
    while ((end = buffer.indexOf(BLANK_LINE)) >= 0) {
      this.frame(buffer.subarray(0, end), at);
      buffer = buffer.subarray(end + 2);
    }
    this.pending = buffer.length > 0 ? Buffer.from(buffer) : undefined;
  }

  /** One frame: `retry:`, `id:`/`event:` lines and comments are short; only `data:` can be long. */
  private frame(frame: Buffer, at: number): void {
    const dataAt = frame.indexOf(DATA);
    const head = frame.toString('latin1', 0, dataAt < 0 ? frame.length : dataAt);
    if (head.startsWith('retry:')) {
      this.ready?.();
      this.ready = undefined;
    }
    if (dataAt < 0 || !/^event: ?update\.published$/m.test(head)) return;
    const found = frame.indexOf(this.marker, dataAt);
    if (found < 0) return;
    let index = 0;
    for (let i = found + this.marker.length; i < frame.length; i++) {
      const digit = (frame[i] ?? 0) - 48;
      if (digit < 0 || digit > 9) break;
      index = index * 10 + digit;
    }
    if (index >= this.arrivals.length) return;
    if (this.arrivals[index] === undefined) this.arrivals[index] = at;
    else this.duplicates++;
  }
}

/** Readers of `url`, connected `batch` at a time (so the kernel's accept queue is not flooded). */
export async function connectReaders(
  url: URL,
  agent: http.Agent,
  marker: Buffer,
  updates: number,
  count: number,
  batch: number,
): Promise<{ clients: SseClient[]; connectTimes: number[]; connectMs: number }> {
  const clients: SseClient[] = [];
  for (let i = 0; i < count; i++) clients.push(new SseClient(url, agent, marker, updates));
  const connectTimes: number[] = [];
  const started = performance.now();
  for (let i = 0; i < count; i += batch) {
    await Promise.all(
      clients.slice(i, i + batch).map(async (client) => {
        const t = performance.now();
        await client.connect();
        connectTimes.push(performance.now() - t);
      }),
    );
  }
  return { clients, connectTimes, connectMs: performance.now() - started };
}

/** Every update's arrival at every reader, against the moment each was sent (`sent[u]`). */
export function tallyDeliveries(clients: SseClient[], sent: number[]) {
  const all: number[] = [];
  const lastClient: number[] = [];
  const firstClient: number[] = [];
  let misses = 0;
  for (let u = 0; u < sent.length; u++) {
    let last = -Infinity;
    let first = Infinity;
    for (const client of clients) {
      const at = client.arrivals[u];
      if (at === undefined) {
        misses++;
        continue;
      }
      const latency = at - (sent[u] ?? 0);
      all.push(latency);
      last = Math.max(last, latency);
      first = Math.min(first, latency);
    }
    if (Number.isFinite(last)) lastClient.push(last);
    if (Number.isFinite(first)) firstClient.push(first);
  }
  const duplicates = clients.reduce((sum, c) => sum + c.duplicates, 0);
  const dropped = clients.filter((c) => c.dropped).length;
  return { all, lastClient, firstClient, misses, duplicates, dropped };
}
