// Editorial order: a REAL position per update, ascending from the top of the page.

export const POSITION_STEP = 1024;
/** Below this gap between neighbours a midpoint loses precision: renumber first. */
export const MIN_GAP = 1e-6;

interface Placed {
  id: number;
  position: number;
}

/** The position between two neighbours (either may be missing at the ends of the list). */
export function positionBetween(before: number | undefined, after: number | undefined): number {
  if (before === undefined && after === undefined) return POSITION_STEP;
  if (before === undefined) return (after as number) - POSITION_STEP;
  if (after === undefined) return before + POSITION_STEP;
  return (before + after) / 2;
}

/** True when two neighbours are too close to take a midpoint between them. */
export function needsRenumber(before: number | undefined, after: number | undefined): boolean {
  return before !== undefined && after !== undefined && after - before < MIN_GAP;
}

/** Evenly spaced positions for a list, keeping its order. */
export function renumbered<T extends Placed>(items: T[]): T[] {
  return items.map((item, index) => ({ ...item, position: (index + 1) * POSITION_STEP }));
}

/**
 * Where a new update dated `datedAt` goes in a newest-first list: before the first update dated earlier.
 * Returns the index it will occupy.
 */
export function insertionIndex(items: { datedAt: string }[], datedAt: string): number {
  const index = items.findIndex((item) => item.datedAt < datedAt);
  return index === -1 ? items.length : index;
}

/** The list with the item at `from` moved by `delta` places (clamped); unchanged when it cannot move. */
export function moved<T>(items: T[], from: number, delta: number): T[] {
  const to = Math.max(0, Math.min(items.length - 1, from + delta));
  if (from < 0 || from >= items.length || to === from) return items;
  const copy = items.slice();
  const [item] = copy.splice(from, 1);
  copy.splice(to, 0, item as T);
  return copy;
}

export const READER_ORDERS = ['editors', 'newest', 'oldest'] as const;
export type ReaderOrder = (typeof READER_ORDERS)[number];

/** The updates (given in the editors' order) as the reader asked: editors' order, newest or oldest first. */
export function inReaderOrder<T extends { datedAt: string }>(updates: T[], order: ReaderOrder): T[] {
  if (order === 'editors') return updates;
  const sign = order === 'newest' ? -1 : 1;
  // Array.prototype.sort is stable: equal times keep the editors' order.
  return updates.slice().sort((a, b) => sign * a.datedAt.localeCompare(b.datedAt));
}
