import { transcode } from 'node:buffer';
import { hash, randomUUID } from 'node:crypto';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { brotliCompress, brotliCompressSync, constants, gzip } from 'node:zlib';

// Rendered public pages, kept as bytes. A page goes in when an anonymous reader's request renders it
// through the full Express stack; later anonymous requests for the same URL get the same bytes and headers
// (security headers included), from Express or from the fast path in front of it (src/http/fast-path.ts).
//
// Decisions:
// - Freshness is a generation number, not a guess: every committed content change (`inTransaction`) and
//   every change another process commits to the database (PRAGMA data_version, checked at most every
//   CROSS_PROCESS_CHECK_MS) starts a new generation, and an entry of an older generation is never served.
//   One counter for the whole site keeps it obviously correct: an article page also shows its
//   translation's state, the front page every article; re-rendering a hot page once per change costs
//   about a millisecond.
// - Entries also expire after MAX_AGE_MS, because a page's date headings depend on the current year.
// - Only 200 responses without Set-Cookie are kept; staff (a session cookie) are never served from here.
// - Brotli (nearly every browser accepts it) is made twice. When the page is stored, at quality 0 and on
//   the main thread (35 KB to 7.3 KB), less than handing the job to the thread pool, whose set-up alone
//   cost the main thread 0.26 ms per page, and the reader whose request rendered the page already gets it.
//   Quality 0 and not 1, though 1 is faster alone (94 against 146 µs in a loop) and 4% smaller: measured on
//   the server (edit, then GET, two servers A/B over 900 misses each) quality 0 made a miss 0.08–0.16 ms
//   cheaper (medians) and 0.2 ms (means), presumably as quality 1's two-pass encoder works through much
//   larger buffers and pushes the rest of the render out of the CPU's caches. Once the page has been sent
//   BETTER_AFTER_SENDS times it is worth more work: quality 5 off the main thread (5.9 KB, 0.5 ms) replaces
//   it. A page over QUICK_MAX_BYTES gets both off the main thread. gzip only when a reader without brotli
//   first asks. Until a variant exists the reader gets the identical uncompressed bytes.
// - Bounded: at most MAX_ENTRIES pages and MAX_BYTES bytes, least recently used dropped first (a flood of
//   distinct query strings costs renders, never memory).

const MAX_ENTRIES = 2000;
const MAX_BYTES = 64 * 1024 * 1024;
const MAX_AGE_MS = 60_000;
const CROSS_PROCESS_CHECK_MS = 100;
const QUICK_MAX_BYTES = 128 * 1024;
const BETTER_AFTER_SENDS = 3;
const BROTLI_QUALITY = { quick: 0, better: 5 } as const;

/** The compressions a page may get: brotli quick (at once) and better (read again), gzip when asked. */
type Job = 'gzip' | 'br' | 'br-better';

type Encoding = 'br' | 'gzip' | 'identity';

/** One stored page: its bytes in each encoding and the headers every response of it carries. */
export interface CachedPage {
  generation: number;
  expiresAt: number;
  etag: string;
  /** Flat [name, value, ...] header list without the per-response ones (length, encoding, request id). */
  headers: string[];
  body: Record<Encoding, Buffer | undefined> & { identity: Buffer };
  size: number;
  /** Starts making the variant in that encoding, once (a reader asked for it). */
  prepare: (encoding: 'gzip' | 'br') => void;
  /** Counts a response with the page: one sent often enough gets its better brotli. */
  sent: () => void;
}

/** Headers that belong to one response, not to the page. */
const PER_RESPONSE = new Set(['content-length', 'content-encoding', 'etag', 'x-request-id', 'date']);

/** The encoding to send: brotli, else gzip, else none; `q=0` refuses one. */
export function chooseEncoding(header: string | undefined): Encoding {
  if (!header) return 'identity';
  let br = false;
  let gz = false;
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    const accepted = q === undefined || Number(q) > 0;
    if (name === 'br') br = accepted;
    else if (name === 'gzip' || name === 'x-gzip') gz = accepted;
  }
  return br ? 'br' : gz ? 'gzip' : 'identity';
}

/** Whether `If-None-Match` names the page's ETag (weak comparison, as for GET). */
function notModified(req: IncomingMessage, etag: string): boolean {
  const header = req.headers['if-none-match'];
  if (!header) return false;
  if (header.trim() === '*') return true;
  const bare = etag.replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === bare);
}

export class PageCache {
  private readonly pages = new Map<string, CachedPage>();
  private bytes = 0;
  private generation = 0;
  private lastCheck = 0;
  private dataVersion: number | undefined;
  hits = 0;

  /** `dataVersion` reads PRAGMA data_version: it changes when another connection commits. */
  constructor(
    private readonly readDataVersion: () => number,
    private readonly now: () => number = Date.now,
  ) {}

  /** A new generation: every stored page is stale (called after each committed content change). */
  invalidate(): void {
    this.generation += 1;
    this.pages.clear();
    this.bytes = 0;
  }

  /** The fresh page stored under `key`, if any. */
  get(key: string): CachedPage | undefined {
    const page = this.pages.get(key);
    if (!page) return undefined;
    const now = this.now();
    if (now - this.lastCheck >= CROSS_PROCESS_CHECK_MS) {
      this.lastCheck = now;
      const version = this.readDataVersion();
      if (this.dataVersion !== undefined && version !== this.dataVersion) this.invalidate();
      this.dataVersion = version;
    }
    if (page.generation !== this.generation || page.expiresAt <= now) {
      this.drop(key);
      return undefined;
    }
    // Least recently used first out: re-inserting moves the key to the end of the Map's order.
    this.pages.delete(key);
    this.pages.set(key, page);
    return page;
  }

  /**
   * Stores a rendered page with the headers the full stack set on `res` so far; returns the entry to
   * send, or undefined when the response must not be shared (it sets a cookie).
   */
  store(key: string, res: ServerResponse, html: string): CachedPage | undefined {
    const set = res.getHeaders();
    if (set['set-cookie'] !== undefined) return undefined;
    const identity = utf8Bytes(html);
    const quick =
      identity.length <= QUICK_MAX_BYTES
        ? brotliCompressSync(identity, { params: brotliParams('quick', identity) })
        : undefined;
    let sends = 0;
    const started = new Set<Job>(quick ? ['br'] : []);
    const page: CachedPage = {
      generation: this.generation,
      expiresAt: this.now() + MAX_AGE_MS,
      etag: etagOf(identity, quick),
      headers: flatHeaders({ ...set, 'content-type': 'text/html; charset=utf-8' }),
      body: { identity, gzip: undefined, br: quick },
      size: identity.length + (quick?.length ?? 0),
      prepare: (encoding) => this.compress(key, page, started, encoding),
      sent: () => {
        sends += 1;
        if (sends === BETTER_AFTER_SENDS) this.compress(key, page, started, 'br-better');
      },
    };
    this.drop(key);
    this.pages.set(key, page);
    this.bytes += page.size;
    this.trim();
    page.prepare('br');
    return page;
  }

  /** Starts `job` for the page unless it was started before (`started` is the page's own record). */
  private compress(key: string, page: CachedPage, started: Set<Job>, job: Job): void {
    if (started.has(job)) return;
    started.add(job);
    const encoding = job === 'gzip' ? 'gzip' : 'br';
    const keep = (err: Error | null, bytes: Buffer) => {
      // A page that left the cache meanwhile is not grown (its bytes are no longer counted).
      if (err || this.pages.get(key) !== page) return;
      // The quick brotli finishing after the better one (a large page) does not replace it.
      if (job === 'br' && started.has('br-better') && page.body.br) return;
      const grown = bytes.length - (page.body[encoding]?.length ?? 0);
      page.body[encoding] = bytes;
      page.size += grown;
      this.bytes += grown;
      this.trim();
    };
    const input = page.body.identity;
    if (job === 'gzip') gzip(input, { level: 6 }, keep);
    else brotliCompress(input, { params: brotliParams(job === 'br' ? 'quick' : 'better', input) }, keep);
  }

  private drop(key: string): void {
    const page = this.pages.get(key);
    if (!page) return;
    this.pages.delete(key);
    this.bytes -= page.size;
  }

  private trim(): void {
    for (const key of this.pages.keys()) {
      if (this.pages.size <= MAX_ENTRIES && this.bytes <= MAX_BYTES) break;
      this.drop(key);
    }
  }
}

/**
 * The UTF-8 bytes of a page, as Buffer.from(text) makes them. A page with a few characters beyond Latin-1
 * (an en dash opens every Swedish answer) is a two-byte string, which V8's UTF-8 writer encodes slowly:
 * copying it out as UTF-16 and transcoding with ICU took 18 µs instead of 70–85 for the demo page. A
 * string with a lone surrogate cannot be transcoded: Buffer.from writes U+FFFD for it, as it always did.
 */
export function utf8Bytes(text: string): Buffer {
  try {
    return transcode(Buffer.from(text, 'utf16le'), 'utf16le', 'utf8');
  } catch {
    return Buffer.from(text, 'utf8');
  }
}

/**
 * A weak ETag naming the page's content. Hashed from the quick brotli bytes when there are some: brotli is
 * lossless and gives the same bytes for the same page (same quality, same library), so they name the
 * content as well as the page itself, in a fifth of the bytes (SHA-256 of the demo page: 7 KB, not 35).
 * A library upgrade may change them: readers then download a page once more, which is all a weak ETag
 * promises.
 */
function etagOf(identity: Buffer, quick: Buffer | undefined): string {
  const named = quick ? 'b' : 'i'; // the two kinds can never name the same page by chance
  return `W/"${named}${hash('sha256', quick ?? identity, 'base64url').slice(0, 26)}"`;
}

function brotliParams(kind: keyof typeof BROTLI_QUALITY, input: Buffer) {
  return {
    [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY[kind],
    [constants.BROTLI_PARAM_SIZE_HINT]: input.length,
  };
}

function flatHeaders(headers: OutgoingHttpHeaders): string[] {
  const flat: string[] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || PER_RESPONSE.has(name)) continue;
    for (const one of Array.isArray(value) ? value : [value]) flat.push(name, String(one));
  }
  const vary = flat.indexOf('vary');
  if (vary === -1) flat.push('vary', 'Accept-Encoding');
  else flat[vary + 1] = `${flat[vary + 1]}, Accept-Encoding`;
  return flat;
}

/** Sends a stored page: 304 when the reader has it, else the best encoding the reader accepts. */
export function sendPage(
  req: IncomingMessage,
  res: ServerResponse,
  page: CachedPage,
  requestId?: string,
): void {
  const id = requestId ?? randomUUID();
  page.sent();
  if (notModified(req, page.etag)) {
    res.writeHead(304, [...page.headers, 'etag', page.etag, 'x-request-id', id]);
    res.end();
    return;
  }
  const wanted = chooseEncoding(req.headers['accept-encoding']);
  if (wanted !== 'identity' && !page.body[wanted]) page.prepare(wanted);
  const encoding = page.body[wanted] ? wanted : 'identity';
  const body = page.body[encoding] ?? page.body.identity;
  const headers = [
    ...page.headers,
    'etag',
    page.etag,
    'x-request-id',
    id,
    'content-length',
    String(body.length),
  ];
  if (encoding !== 'identity') headers.push('content-encoding', encoding);
  res.writeHead(200, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
}
