import { z } from 'zod';
import { ARTICLE_STATUSES, LOCALES, PRECISIONS, UPDATE_STATUSES } from '../domain/types.js';

// The JSON document of `dateline export --article SLUG [--with-history]`, read back by
// `dateline import-json FILE`. It holds no database ids: people and updates are referred to by `ref`
// (1, 2, … in order of appearance), accounts by email. Only revision snapshots keep the ids of the
// database they were written in (import-json maps the article, update, author and speaker ids it knows).

export const EXPORT_FORMAT = 'dateline-article';
export const EXPORT_VERSION = 1;

const text = z.string().max(100_000);
const instant = z.string().max(40);

/** A newsroom account, named by email (accounts are not exported: they are matched on import). */
const account = z.object({ email: z.string().max(254), name: z.string().max(200) });

const person = z.object({
  ref: z.number().int().positive(),
  name: z.string().min(1).max(500),
  title: z.string().max(500),
  organisation: z.string().max(500),
  note: z.string().max(10_000),
});

const block = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), markdown: text }),
  z.object({
    type: z.literal('qa'),
    question: text,
    answer: text,
    asker: z.string().max(500).nullable(),
    speaker: z.number().int().positive().nullable(),
  }),
  z.object({
    type: z.literal('quote'),
    text,
    source: z.string().max(500).nullable(),
    speaker: z.number().int().positive().nullable(),
  }),
]);

const correction = z.object({ note: z.string().min(1).max(1000), at: instant, author: account.nullable() });

const update = z.object({
  ref: z.number().int().positive(),
  datedAt: instant,
  precision: z.enum(PRECISIONS),
  headline: z.string().max(1000).nullable(),
  author: account.nullable(),
  status: z.enum(UPDATE_STATUSES),
  pinned: z.boolean(),
  keyEvent: z.boolean(),
  position: z.number(),
  firstPublishedAt: instant.nullable(),
  lastEditedAt: instant.nullable(),
  createdAt: instant,
  /** Set on a removed update (exported only with the history). */
  deletedAt: instant.nullable(),
  blocks: z.array(block).max(1000),
  /** Public corrections, oldest first (also in `revisions` when the history is exported). */
  corrections: z.array(correction),
});

const revision = z.object({
  kind: z.enum(['create', 'edit', 'correction', 'status', 'delete', 'move']),
  note: z.string().max(10_000).nullable(),
  at: instant,
  author: account.nullable(),
  /** The update's ref; null for the article's own revisions and for those of a purged update. */
  update: z.number().int().positive().nullable(),
  snapshot: z.record(z.string(), z.unknown()),
});

export const articleExport = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(EXPORT_VERSION),
  exportedAt: instant,
  article: z.object({
    slug: z.string().min(1).max(200),
    title: z.string().min(1).max(1000),
    summary: z.string().max(10_000),
    status: z.enum(ARTICLE_STATUSES),
    live: z.boolean(),
    locale: z.enum(LOCALES),
    timeZone: z.string().min(1).max(100),
    journalistsPublish: z.boolean(),
    tags: z.array(z.string().min(1).max(200)).max(100),
    createdBy: account.nullable(),
    createdAt: instant,
    updatedAt: instant,
    publishedAt: instant.nullable(),
    coverageStartedAt: instant.nullable(),
    coverageEndedAt: instant.nullable(),
  }),
  people: z.array(person),
  /** In the editors' order (removed ones, with the history, in the place they had). */
  updates: z.array(update),
  /** Every revision of the article and its updates, oldest first: only with `--with-history`. */
  revisions: z.array(revision).optional(),
});

export type ArticleExport = z.infer<typeof articleExport>;
export type ExportedUpdate = ArticleExport['updates'][number];
export type ExportedBlock = ExportedUpdate['blocks'][number];
export type ExportedAccount = z.infer<typeof account>;
export type ExportedRevision = NonNullable<ArticleExport['revisions']>[number];
