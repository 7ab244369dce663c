import type { Block, BlockInput, Update } from './types.js';
import type { UpdateInput } from './update-input.js';

// Revisions store snapshots as JSON: an update's snapshot is the `Update` it was after the change (blocks
// with their speakers resolved), an article's is the `Article`. These helpers read them back.

/** True when a revision's snapshot is an update's (it has blocks), not an article's. */
export function isUpdateSnapshot(snapshot: unknown): snapshot is Update {
  if (typeof snapshot !== 'object' || snapshot === null) return false;
  const s = snapshot as Record<string, unknown>;
  return (
    Array.isArray(s.blocks) &&
    typeof s.datedAt === 'string' &&
    (s.precision === 'day' || s.precision === 'minute')
  );
}

/** A stored block as the forms, the API and imports write it: the speaker by name. */
export function blockInputOf(block: Block): BlockInput {
  switch (block.type) {
    case 'text':
      return { type: 'text', markdown: block.markdown };
    case 'qa':
      return {
        type: 'qa',
        question: block.question,
        answer: block.answer,
        speaker: block.speaker?.name ?? null,
        asker: block.asker,
      };
    case 'quote':
      return { type: 'quote', text: block.text, source: block.source };
  }
}

/** The content of an update snapshot as an edit's input (restoring a revision). */
export function snapshotInput(snapshot: Update): UpdateInput {
  return {
    datedAt: snapshot.datedAt,
    precision: snapshot.precision,
    headline: snapshot.headline,
    blocks: snapshot.blocks.map(blockInputOf),
  };
}
