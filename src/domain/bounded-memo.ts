// A least-recently-used memo bounded by the characters it holds: the render memos (src/render/memo.ts)
// and the blocks article pages keep (src/db/kept-blocks.ts) share it.

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
