/** At most this many characters of keys and values are kept per memoised function. */
const MEMO_CHARS = 16 * 1024 * 1024;

/**
 * Values kept under string keys, bounded by the characters they hold (`charsOf`, plus the keys): least
 * recently used dropped first, so a flood of distinct inputs costs work, never unbounded memory.
 */
export class BoundedMemo<V> {
  private readonly memo = new Map<string, V>();
  private chars = 0;

  constructor(
    private readonly maxChars: number,
    private readonly charsOf: (value: V) => number,
  ) {}

  /** The kept value, now the most recently used one. */
  get(key: string): V | undefined {
    const known = this.memo.get(key);
    if (known === undefined) return undefined;
    // Re-inserting moves the key to the end of the Map's order: the oldest are first out.
    this.memo.delete(key);
    this.memo.set(key, known);
    return known;
  }

  /** Keeps `value` (unless it alone exceeds the bound) and returns it. */
  set(key: string, value: V): V {
    this.delete(key);
    this.memo.set(key, value);
    this.chars += key.length + this.charsOf(value);
    for (const [oldKey, oldValue] of this.memo) {
      if (this.chars <= this.maxChars) break;
      this.memo.delete(oldKey);
      this.chars -= oldKey.length + this.charsOf(oldValue);
    }
    return value;
  }

  /** The characters kept (keys and values). */
  get size(): number {
    return this.chars;
  }

  private delete(key: string): void {
    const old = this.memo.get(key);
    if (old === undefined) return;
    this.memo.delete(key);
    this.chars -= key.length + this.charsOf(old);
  }
}

/** Strings kept under string keys, bounded by the characters of both. */
export class StringMemo extends BoundedMemo<string> {
  constructor(maxChars: number) {
    super(maxChars, (value) => value.length);
  }
}

/**
 * `render` with its recent results kept (at most `maxChars` characters of input and output, least recently
 * used dropped first). For pure string functions on the render path: Markdown to HTML, HTML to plain text.
 */
export function memoised(
  render: (source: string) => string,
  maxChars = MEMO_CHARS,
): (source: string) => string {
  const memo = new StringMemo(maxChars);
  return (source) => memo.get(source) ?? memo.set(source, render(source));
}

/**
 * Plain data (objects, arrays, strings, numbers, booleans, null) equal in every field. Not
 * util.isDeepStrictEqual: on an update with six Q&A blocks that took 9.0 µs against 3.6 µs here, and a miss
 * compares every update on the page.
 */
export function samePlainData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const [x, y] = [a as Record<string, unknown>, b as Record<string, unknown>];
  const keys = Object.keys(x);
  if (keys.length !== Object.keys(y).length) return false;
  for (const key of keys) if (!Object.hasOwn(y, key) || !samePlainData(x[key], y[key])) return false;
  return true;
}

/**
 * Strings made from an input (plain data the caller does not change afterwards), kept under a short key
 * together with the input they were made from, and used only while the input is equal to that one in
 * every field: freshness by comparison, without serialising the input into the key (that was a tenth of
 * a cache miss). Bounded at `maxChars`, counting each result twice: the input kept beside it holds about
 * as much text.
 */
export class InputMemo<I> {
  private readonly memo: BoundedMemo<{ input: I; made: string }>;

  constructor(maxChars: number) {
    this.memo = new BoundedMemo(maxChars, (entry) => 2 * entry.made.length);
  }

  /** The string kept for `key` when it was made from an equal input, else `make()` (then kept). */
  get(key: string, input: I, make: () => string): string {
    const kept = this.memo.get(key);
    if (kept && samePlainData(kept.input, input)) return kept.made;
    return this.memo.set(key, { input, made: make() }).made;
  }

  /** The characters counted (keys and results). */
  get size(): number {
    return this.memo.size;
  }
}
