import type { Db } from './open-db.js';

export interface ArticleEvent {
  id: number;
  articleId: number;
  type: string;
  updateId: number | null;
  payload: Record<string, unknown>;
  at: string;
}

interface EventRow {
  id: number;
  article_id: number;
  type: string;
  update_id: number | null;
  payload: string;
  created_at: string;
}

/** Appends and reads the per-article change events that live pages follow. */
export function createEventsRepo(db: Db) {
  const insert = db.prepare(
    'INSERT INTO events (article_id, type, update_id, payload, created_at) VALUES (?, ?, ?, ?, ?)',
  );
  const since = db.prepare<[number, number], EventRow>(
    'SELECT id, article_id, type, update_id, payload, created_at FROM events WHERE article_id = ? AND id > ? ORDER BY id',
  );
  const last = db.prepare<[number], { id: number | null }>(
    'SELECT max(id) AS id FROM events WHERE article_id = ?',
  );
  return {
    /** The newest event id of the article (0 when it has none). */
    lastId: (articleId: number): number => last.get(articleId)?.id ?? 0,
    insert: (event: Omit<ArticleEvent, 'id'>): number =>
      Number(
        insert.run(event.articleId, event.type, event.updateId, JSON.stringify(event.payload), event.at)
          .lastInsertRowid,
      ),
    /** Events of the article after `afterId`, oldest first. */
    listSince: (articleId: number, afterId: number): ArticleEvent[] =>
      since.all(articleId, afterId).map((row) => ({
        id: row.id,
        articleId: row.article_id,
        type: row.type,
        updateId: row.update_id,
        payload: JSON.parse(row.payload) as Record<string, unknown>,
        at: row.created_at,
      })),
  };
}

export type EventsRepo = ReturnType<typeof createEventsRepo>;
