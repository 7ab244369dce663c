// Long stories and returning readers, the pure parts of the article page: which updates a page shows,
// where an update is read (its page), and which updates are new since the reader's last visit.
//
// Decisions:
// - A page shows UPDATES_PER_PAGE updates of the list the reader asked for (order and filter), after the
//   pinned update, which only page 1 shows (the top of the story). The key-events box is on every page
//   and links to each key event on its own page.
// - "New" means first published after `since` (an ISO instant): an edit does not make an update new.
//   The first unread is the earliest new one: where a returning reader picks up the story.
// - Only the page's updates need their content: the paging works on light summaries of all updates
//   (ids, order, flags, times), so a story of thousands of updates loads one page's blocks.
import { inReaderOrder, type ReaderOrder } from '../domain/ordering.js';
import type { Update } from '../domain/types.js';

export const UPDATES_PER_PAGE = 50;

export const READER_FILTERS = ['all', 'key'] as const;
export type ReaderFilter = (typeof READER_FILTERS)[number];

/** What the reader asked for: an order, a filter and a page (1-based). */
export interface PageRequest {
  order: ReaderOrder;
  filter: ReaderFilter;
  page: number;
}

/** How one view of the article is paged. */
export interface PagePlan<T> {
  /** The pinned published update, above the list on page 1; none when only key events are listed. */
  pinned: T | undefined;
  pages: number;
  /** The updates on the asked page, in the reader's order (none past the last page). */
  onPage: T[];
  /** The page of each listed update, by id (the pinned one is not listed). */
  pageOf: Map<number, number>;
}

/** Pages the article's updates (given in the editors' order) as the reader asked. */
export function planPage<T extends Pick<Update, 'id' | 'pinned' | 'keyEvent' | 'status' | 'datedAt'>>(
  updates: T[],
  view: PageRequest,
): PagePlan<T> {
  const pinned =
    view.filter === 'all' ? updates.find((u) => u.pinned && u.status === 'published') : undefined;
  const listed = updates.filter((u) => u !== pinned && (view.filter === 'all' || u.keyEvent));
  const list = inReaderOrder(listed, view.order);
  return {
    pinned,
    pages: pageCount(list.length),
    onPage: pageSlice(list, view.page),
    pageOf: pagesById(list.map((u) => u.id)),
  };
}

/** The number of pages a list of `count` updates fills (at least 1, so an empty story has a page). */
export function pageCount(count: number, size = UPDATES_PER_PAGE): number {
  return Math.max(1, Math.ceil(count / size));
}

/** The items on page `page` (1-based). */
export function pageSlice<T>(items: T[], page: number, size = UPDATES_PER_PAGE): T[] {
  return items.slice((page - 1) * size, page * size);
}

/** Each update's page in a list, by id. */
export function pagesById(ids: number[], size = UPDATES_PER_PAGE): Map<number, number> {
  return new Map(ids.map((id, index) => [id, Math.floor(index / size) + 1]));
}

/**
 * A link to an update from a page of the article: the anchor alone when it is on `currentPage` (or is
 * not in the list, like the pinned update on page 1), else `query(page)` and the anchor.
 */
export function updateHref(
  id: number,
  pages: Map<number, number>,
  currentPage: number,
  query: (page: number) => string,
): string {
  const page = pages.get(id) ?? 1;
  return page === currentPage ? `#update-${id}` : `${query(page)}#update-${id}`;
}

/** `?since=`: an ISO 8601 instant with a zone ("2026-12-08T14:04:00Z", "…+01:00"), normalised to UTC. */
export function parseSince(raw: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/i.test(raw))
    return null;
  const ms = Date.parse(raw);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** True when readers first saw the update after `since`. */
export function isNewSince(
  update: Pick<Update, 'firstPublishedAt' | 'status'>,
  since: string | null,
): boolean {
  return (
    since !== null &&
    update.status === 'published' &&
    update.firstPublishedAt !== null &&
    Date.parse(update.firstPublishedAt) > Date.parse(since)
  );
}

/** The new updates since `since`, and the first unread: the earliest published of them. */
export function unreadSince<T extends Pick<Update, 'id' | 'firstPublishedAt' | 'status'>>(
  updates: T[],
  since: string | null,
): { ids: Set<number>; first: T | null } {
  const fresh = updates.filter((u) => isNewSince(u, since));
  const first = fresh.reduce<T | null>(
    (best, u) =>
      best === null || Date.parse(u.firstPublishedAt ?? '') < Date.parse(best.firstPublishedAt ?? '')
        ? u
        : best,
    null,
  );
  return { ids: new Set(fresh.map((u) => u.id)), first };
}
