import type { Block } from '../domain/types.js';

// The blocks of updates an article page read, kept with the update's blocks_stamp (migrations/010): a
// later read takes them from here while the stamp has not moved, and reads from the database only the
// updates whose blocks or speakers changed. Kept blocks are frozen, as they are shared between requests.
// Bounded by updates, the least recently used dropped first.

const MAX_UPDATES = 5_000;

export class KeptBlocks {
  private readonly kept = new Map<number, { stamp: number; blocks: readonly Block[] }>();

  /** The blocks kept for the update when they were read at this stamp. */
  get(updateId: number, stamp: number): Block[] | undefined {
    const entry = this.kept.get(updateId);
    if (entry?.stamp !== stamp) return undefined;
    this.kept.delete(updateId);
    this.kept.set(updateId, entry);
    return entry.blocks as Block[];
  }

  /** Keeps the blocks read for the update at this stamp (frozen) and returns them. */
  set(updateId: number, stamp: number, blocks: Block[]): Block[] {
    for (const block of blocks) {
      if ('speaker' in block && block.speaker) Object.freeze(block.speaker);
      Object.freeze(block);
    }
    Object.freeze(blocks);
    this.kept.delete(updateId);
    this.kept.set(updateId, { stamp, blocks });
    for (const oldest of this.kept.keys()) {
      if (this.kept.size <= MAX_UPDATES) break;
      this.kept.delete(oldest);
    }
    return blocks;
  }
}
