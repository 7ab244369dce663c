import type { ArticleStatus, Locale, Precision, UpdateStatus } from '../domain/types.js';
import type { Db } from './open-db.js';

// Raw inserts for `dateline import-json`: an exported article and its updates come back with their own
// times, statuses, pins and positions, which the desk's inserts (always "now", always a draft) cannot keep.

/** Every column of an imported article. */
export interface ImportedArticle {
  slug: string;
  title: string;
  summary: string;
  status: ArticleStatus;
  live: boolean;
  locale: Locale;
  timeZone: string;
  journalistsPublish: boolean;
  createdBy: number | null;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
  coverageStartedAt: string | null;
  coverageEndedAt: string | null;
}

/** Every column of an imported update. */
export interface ImportedUpdate {
  articleId: number;
  datedAt: string;
  precision: Precision;
  headline: string | null;
  authorId: number | null;
  status: UpdateStatus;
  pinned: boolean;
  keyEvent: boolean;
  position: number;
  firstPublishedAt: string | null;
  lastEditedAt: string | null;
  createdAt: string;
  deletedAt: string | null;
}

/** Inserts articles and updates exactly as exported. */
export function createTransferRepo(db: Db) {
  const article = db.prepare(
    `INSERT INTO articles (slug, title, summary, status, live, locale, time_zone, journalists_publish, created_by,
       created_at, updated_at, published_at, coverage_started_at, coverage_ended_at)
     VALUES (@slug, @title, @summary, @status, @live, @locale, @timeZone, @journalistsPublish, @createdBy,
       @createdAt, @updatedAt, @publishedAt, @coverageStartedAt, @coverageEndedAt)`,
  );
  const update = db.prepare(
    `INSERT INTO updates (article_id, dated_at, precision, headline, author_id, status, pinned, key_event, position,
       first_published_at, last_edited_at, created_at, deleted_at)
     VALUES (@articleId, @datedAt, @precision, @headline, @authorId, @status, @pinned, @keyEvent, @position,
       @firstPublishedAt, @lastEditedAt, @createdAt, @deletedAt)`,
  );
  const bit = (value: boolean) => (value ? 1 : 0);
  return {
    insertArticle: (values: ImportedArticle): number =>
      Number(
        article.run({ ...values, live: bit(values.live), journalistsPublish: bit(values.journalistsPublish) })
          .lastInsertRowid,
      ),
    insertUpdate: (values: ImportedUpdate): number =>
      Number(
        update.run({ ...values, pinned: bit(values.pinned), keyEvent: bit(values.keyEvent) }).lastInsertRowid,
      ),
  };
}

export type TransferRepo = ReturnType<typeof createTransferRepo>;
