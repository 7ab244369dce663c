import { BoundedMemo } from '../domain/bounded-memo.js';
import type { Block } from '../domain/types.js';

// The blocks of updates an article page read, kept with the update's blocks_stamp (migrations/010): a
// later read takes them from here while the stamp has not moved, and reads from the database only the
// updates whose blocks or speakers changed. Kept blocks are frozen, as they are shared between requests.
// Bounded by the characters they hold (an update may have 60 blocks of up to 20,000 characters), least
// recently used dropped first.

const KEPT_CHARS = 16 * 1024 * 1024;

interface Kept {
  stamp: number;
  blocks: readonly Block[];
  chars: number;
}

export class KeptBlocks {
  private readonly kept: BoundedMemo<Kept>;

  constructor(maxChars = KEPT_CHARS) {
    this.kept = new BoundedMemo(maxChars, (entry) => entry.chars);
  }

  /** The blocks kept for the update when they were read at this stamp. */
  get(updateId: number, stamp: number): Block[] | undefined {
    const entry = this.kept.get(String(updateId));
    return entry?.stamp === stamp ? (entry.blocks as Block[]) : undefined;
  }

  /** Keeps the blocks read for the update at this stamp (frozen) and returns them. */
  set(updateId: number, stamp: number, blocks: Block[]): Block[] {
    for (const block of blocks) {
      if ('speaker' in block && block.speaker) Object.freeze(block.speaker);
      Object.freeze(block);
    }
    Object.freeze(blocks);
    this.kept.set(String(updateId), { stamp, blocks, chars: JSON.stringify(blocks).length });
    return blocks;
  }
}
