/** At most this many characters of keys and values are kept per memoised function. */
const MEMO_CHARS = 16 * 1024 * 1024;

/**
 * Strings kept under string keys, bounded by the characters of both (least recently used dropped first),
 * so a flood of distinct inputs costs work, never unbounded memory.
 */
export class StringMemo {
  private readonly memo = new Map<string, string>();
  private chars = 0;

  constructor(private readonly maxChars: number) {}

  /** The kept value, now the most recently used one. */
  get(key: string): string | undefined {
    const known = this.memo.get(key);
    if (known === undefined) return undefined;
    // Re-inserting moves the key to the end of the Map's order: the oldest are first out.
    this.memo.delete(key);
    this.memo.set(key, known);
    return known;
  }

  /** Keeps `value` (unless it alone exceeds the bound) and returns it. */
  set(key: string, value: string): string {
    this.delete(key);
    this.memo.set(key, value);
    this.chars += key.length + value.length;
    for (const [oldKey, oldValue] of this.memo) {
      if (this.chars <= this.maxChars) break;
      this.memo.delete(oldKey);
      this.chars -= oldKey.length + oldValue.length;
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
    this.chars -= key.length + old.length;
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
