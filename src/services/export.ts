import type { Block, Person } from '../domain/types.js';
import { ServiceError, type ServiceContext } from './context.js';
import {
  EXPORT_FORMAT,
  EXPORT_VERSION,
  type ArticleExport,
  type ExportedAccount,
  type ExportedBlock,
  type ExportedRevision,
  type ExportedUpdate,
} from './export-format.js';

// Moving one article between Dateline databases: `dateline export` (this file) and `dateline import-json`
// (import-json.ts).

/**
 * The article with its tags, its updates in the editors' order with their blocks and corrections, and
 * the people who speak in them; with `withHistory` also its removed updates and every revision.
 */
export function exportArticle(
  ctx: ServiceContext,
  slug: string,
  options: { withHistory: boolean },
): ArticleExport {
  const article = ctx.repos.articles.findBySlug(slug);
  if (!article) throw new ServiceError('not_found', `No article has the slug ${slug}.`);
  const accounts = new Map<number, ExportedAccount | null>();
  const account = (userId: number | null): ExportedAccount | null => {
    if (userId === null) return null;
    if (!accounts.has(userId)) {
      const user = ctx.repos.users.findById(userId);
      accounts.set(userId, user ? { email: user.email, name: user.displayName } : null);
    }
    return accounts.get(userId) ?? null;
  };
  const current = ctx.repos.updates.listForArticle(article.id, true);
  const removed = options.withHistory ? ctx.repos.updates.listRemoved(article.id) : [];
  const updates = [
    ...current.map((update) => ({ ...update, deletedAt: null as string | null })),
    ...removed,
  ].sort((a, b) => a.position - b.position || a.id - b.id);
  const refs = new Map(updates.map((update, index) => [update.id, index + 1]));
  const people = new Map<number, { ref: number; person: Person }>();
  const speakerRef = (speaker: Person | null): number | null => {
    if (speaker === null) return null;
    const known = people.get(speaker.id) ?? { ref: people.size + 1, person: speaker };
    people.set(speaker.id, known);
    return known.ref;
  };
  const blockOf = (block: Block): ExportedBlock =>
    block.type === 'text'
      ? { type: 'text', markdown: block.markdown }
      : block.type === 'qa'
        ? {
            type: 'qa',
            question: block.question,
            answer: block.answer,
            asker: block.asker,
            speaker: speakerRef(block.speaker),
          }
        : { type: 'quote', text: block.text, source: block.source, speaker: speakerRef(block.speaker) };
  const revisions = ctx.repos.revisions.listForArticle(article.id);
  const exported: ExportedUpdate[] = updates.map((update) => ({
    ref: refs.get(update.id) ?? 0,
    datedAt: update.datedAt,
    precision: update.precision,
    headline: update.headline,
    author: account(update.authorId),
    status: update.status,
    pinned: update.pinned,
    keyEvent: update.keyEvent,
    position: update.position,
    firstPublishedAt: update.firstPublishedAt,
    lastEditedAt: update.lastEditedAt,
    createdAt: update.createdAt,
    deletedAt: update.deletedAt,
    blocks: update.blocks.map(blockOf),
    corrections: revisions
      .filter((r) => r.kind === 'correction' && r.updateId === update.id && r.note !== null)
      .map((r) => ({ note: r.note ?? '', at: r.at, author: account(r.authorId) })),
  }));
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: ctx.clock().toISOString(),
    article: {
      slug: article.slug,
      title: article.title,
      summary: article.summary,
      status: article.status,
      live: article.live,
      locale: article.locale,
      timeZone: article.timeZone,
      journalistsPublish: article.journalistsPublish,
      tags: article.tags,
      createdBy: account(article.createdBy),
      createdAt: article.createdAt,
      updatedAt: article.updatedAt,
      publishedAt: article.publishedAt,
      coverageStartedAt: article.coverageStartedAt,
      coverageEndedAt: article.coverageEndedAt,
    },
    people: [...people.values()].map(({ ref, person }) => ({
      ref,
      name: person.name,
      title: person.title,
      organisation: person.organisation,
      note: ctx.repos.people.findById(person.id)?.note ?? '',
    })),
    updates: exported,
    ...(options.withHistory
      ? {
          revisions: revisions.map((r): ExportedRevision => ({
            kind: r.kind,
            note: r.note,
            at: r.at,
            author: account(r.authorId),
            update: r.updateId === null ? null : (refs.get(r.updateId) ?? null),
            snapshot: r.snapshot as Record<string, unknown>,
          })),
        }
      : {}),
  };
}
