import type { Db } from './open-db.js';

// Read-only queries for syndication (feeds): which published updates are newest. The updates themselves
// are loaded through the updates repository, so feeds show exactly what article pages show.

/** Lists what feeds carry. */
export function createFeedRepo(db: Db) {
  const recent = db.prepare<[number | null, number | null, number], { id: number }>(
    `SELECT u.id FROM updates u JOIN articles a ON a.id = u.article_id
     WHERE a.status = 'published' AND u.status = 'published' AND u.deleted_at IS NULL
       AND (? IS NULL OR u.article_id = ?)
     ORDER BY u.first_published_at DESC, u.id DESC LIMIT ?`,
  );
  return {
    /** Ids of the newest published updates readers can see (of one article, or of the whole site). */
    recentUpdateIds: (articleId: number | null, limit: number): number[] =>
      recent.all(articleId, articleId, limit).map((row) => row.id),
  };
}

export type FeedRepo = ReturnType<typeof createFeedRepo>;
