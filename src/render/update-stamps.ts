// What page metadata and feeds say of an update in brief: whether it is published, when it was first
// published and last edited, its headline (or dateline); and whether its article is live coverage.
import type { Article, Update } from '../domain/types.js';
import { formatDateHeading, formatDateTime } from './dates.js';

/** Whether the update is published: only these are described to crawlers and link previews. */
export const isPublished = (update: Pick<Update, 'status'>): boolean => update.status === 'published';

/** What the article's dates and authors need of an update: no blocks, no corrections. */
export type UpdateStamp = Pick<
  Update,
  'status' | 'datedAt' | 'firstPublishedAt' | 'lastEditedAt' | 'authorName'
>;

/** When the update was first published (its dateline, for one that never was). */
export function updatePublished(update: UpdateStamp): string {
  return update.firstPublishedAt ?? update.datedAt;
}

/** When the update was last edited, else first published. */
export function updateModified(update: UpdateStamp): string {
  return update.lastEditedAt ?? updatePublished(update);
}

/**
 * The update's headline, or its dateline ("8 december 2026 kl. 15.04" / "8 December 2026"). Day and month
 * are joined by a no-break space, as Swedish and English typography want in dates; it also keeps the page's
 * first plain "8 december" the visible day heading rather than this metadata in <head>.
 */
export function updateHeadline(article: Article, update: Update): string {
  if (update.headline) return update.headline;
  const label =
    update.precision === 'minute'
      ? formatDateTime(update.datedAt, article.locale, article.timeZone)
      : formatDateHeading(update.datedAt, article.locale, article.timeZone);
  return label.replace(/^(\d+) /, '$1\u00a0');
}

/** Whether the article is (or was) covered live, and so described as a LiveBlogPosting. */
export function isLiveCoverage(article: Article): boolean {
  return article.live || article.coverageStartedAt !== null;
}
