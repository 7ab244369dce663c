import type { Db } from './open-db.js';

export type RevisionKind = 'create' | 'edit' | 'correction' | 'status' | 'delete' | 'move';

export interface RevisionInput {
  articleId: number;
  updateId: number | null;
  kind: RevisionKind;
  note: string | null;
  snapshot: unknown;
  authorId: number | null;
  at: string;
}

export interface Revision extends Omit<RevisionInput, 'snapshot'> {
  id: number;
  snapshot: unknown;
}

interface RevisionRow {
  id: number;
  article_id: number;
  update_id: number | null;
  kind: RevisionKind;
  note: string | null;
  snapshot: string;
  author_id: number | null;
  created_at: string;
}

/** Appends immutable snapshots of articles and updates. */
export function createRevisionsRepo(db: Db) {
  const insert = db.prepare(
    `INSERT INTO revisions (article_id, update_id, kind, note, snapshot, author_id, created_at)
     VALUES (@articleId, @updateId, @kind, @note, @snapshot, @authorId, @at)`,
  );
  const forArticle = db.prepare<[number], RevisionRow>(
    `SELECT id, article_id, update_id, kind, note, snapshot, author_id, created_at FROM revisions
     WHERE article_id = ? ORDER BY id`,
  );
  const latest = db.prepare<[number, number | null, number | null], { id: number }>(
    `SELECT id FROM revisions WHERE article_id = ? AND (update_id = ? OR (update_id IS NULL AND ? IS NULL))
     ORDER BY id DESC LIMIT 1`,
  );
  return {
    /** The newest revision of an update (or, with null, of the article's metadata). */
    latestId: (articleId: number, updateId: number | null): number | null =>
      latest.get(articleId, updateId, updateId)?.id ?? null,
    insert: (revision: RevisionInput): number =>
      Number(insert.run({ ...revision, snapshot: JSON.stringify(revision.snapshot) }).lastInsertRowid),
    listForArticle: (articleId: number): Revision[] =>
      forArticle.all(articleId).map((row) => ({
        id: row.id,
        articleId: row.article_id,
        updateId: row.update_id,
        kind: row.kind,
        note: row.note,
        snapshot: JSON.parse(row.snapshot) as unknown,
        authorId: row.author_id,
        at: row.created_at,
      })),
  };
}

export type RevisionsRepo = ReturnType<typeof createRevisionsRepo>;
