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

/** A line of a history page: the revision without its snapshot, with its author and what it is about. */
export interface RevisionEntry {
  id: number;
  articleId: number;
  updateId: number | null;
  kind: RevisionKind;
  note: string | null;
  authorId: number | null;
  authorName: string | null;
  at: string;
  /** From the snapshot: the update's id (also once purged), headline, date and precision; null for article revisions. */
  subject: { updateId: number; headline: string | null; datedAt: string; precision: string } | null;
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

interface EntryRow extends Omit<RevisionRow, 'snapshot'> {
  author_name: string | null;
  s_id: number | null;
  s_headline: string | null;
  s_dated_at: string | null;
  s_precision: string | null;
  s_is_update: number;
}

const COLUMNS = 'id, article_id, update_id, kind, note, snapshot, author_id, created_at';
// An update's snapshot has blocks; an article's does not (a purged update's revisions keep update_id NULL).
const IS_UPDATE = "coalesce(json_type(r.snapshot, '$.blocks') = 'array', 0)";
const ENTRY_SELECT = `SELECT r.id, r.article_id, r.update_id, r.kind, r.note, r.author_id, r.created_at,
  u.display_name AS author_name, json_extract(r.snapshot, '$.id') AS s_id,
  json_extract(r.snapshot, '$.headline') AS s_headline, json_extract(r.snapshot, '$.datedAt') AS s_dated_at,
  json_extract(r.snapshot, '$.precision') AS s_precision, (${IS_UPDATE}) AS s_is_update
  FROM revisions r LEFT JOIN users u ON u.id = r.author_id`;

function toRevision(row: RevisionRow): Revision {
  return {
    id: row.id,
    articleId: row.article_id,
    updateId: row.update_id,
    kind: row.kind,
    note: row.note,
    snapshot: JSON.parse(row.snapshot) as unknown,
    authorId: row.author_id,
    at: row.created_at,
  };
}

function toEntry(row: EntryRow): RevisionEntry {
  return {
    id: row.id,
    articleId: row.article_id,
    updateId: row.update_id,
    kind: row.kind,
    note: row.note,
    authorId: row.author_id,
    authorName: row.author_name,
    at: row.created_at,
    subject:
      row.s_is_update === 1 && row.s_id !== null
        ? {
            updateId: row.s_id,
            headline: row.s_headline,
            datedAt: row.s_dated_at ?? '',
            precision: row.s_precision ?? 'day',
          }
        : null,
  };
}

/** Appends immutable snapshots of articles and updates, and reads them back for history pages. */
export function createRevisionsRepo(db: Db) {
  const insert = db.prepare(
    `INSERT INTO revisions (article_id, update_id, kind, note, snapshot, author_id, created_at)
     VALUES (@articleId, @updateId, @kind, @note, @snapshot, @authorId, @at)`,
  );
  const forArticle = db.prepare<[number], RevisionRow>(
    `SELECT ${COLUMNS} FROM revisions WHERE article_id = ? ORDER BY id`,
  );
  const byId = db.prepare<[number], RevisionRow>(`SELECT ${COLUMNS} FROM revisions WHERE id = ?`);
  const latestOfUpdate = db.prepare<[number, number], { id: number }>(
    'SELECT id FROM revisions WHERE article_id = ? AND update_id = ? ORDER BY id DESC LIMIT 1',
  );
  const latestOfArticle = db.prepare<[number], { id: number }>(
    `SELECT r.id FROM revisions r WHERE r.article_id = ? AND r.update_id IS NULL AND NOT (${IS_UPDATE})
     ORDER BY r.id DESC LIMIT 1`,
  );
  const articleHistory = db.prepare<[number], EntryRow>(
    `${ENTRY_SELECT} WHERE r.article_id = ? ORDER BY r.id DESC`,
  );
  const updateHistory = db.prepare<[number], EntryRow>(
    `${ENTRY_SELECT} WHERE r.update_id = ? ORDER BY r.id DESC`,
  );
  return {
    /** The newest revision of an update (or, with null, of the article's metadata). */
    latestId: (articleId: number, updateId: number | null): number | null =>
      (updateId === null ? latestOfArticle.get(articleId) : latestOfUpdate.get(articleId, updateId))?.id ??
      null,
    insert: (revision: RevisionInput): number =>
      Number(insert.run({ ...revision, snapshot: JSON.stringify(revision.snapshot) }).lastInsertRowid),
    /** Every revision of the article and its updates, oldest first, with snapshots. */
    listForArticle: (articleId: number): Revision[] => forArticle.all(articleId).map(toRevision),
    findById: (id: number): Revision | undefined => {
      const row = byId.get(id);
      return row && toRevision(row);
    },
    /** The article's history page: every revision of it and its updates, newest first. */
    historyOfArticle: (articleId: number): RevisionEntry[] => articleHistory.all(articleId).map(toEntry),
    /** One update's history, newest first. */
    historyOfUpdate: (updateId: number): RevisionEntry[] => updateHistory.all(updateId).map(toEntry),
  };
}

export type RevisionsRepo = ReturnType<typeof createRevisionsRepo>;
