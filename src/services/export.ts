import type { StoredBlockInput } from '../db/updates-repo.js';
import { parseTags } from '../domain/article-input.js';
import { SLUG_PATTERN, slugify, uniqueSlug } from '../domain/slug.js';
import { isUpdateSnapshot } from '../domain/snapshots.js';
import type { Actor, Article, Block, Person } from '../domain/types.js';
import { requireArticle } from './article-access.js';
import { inTransaction, ServiceError, type ServiceContext } from './context.js';
import {
  articleExport,
  EXPORT_FORMAT,
  EXPORT_VERSION,
  type ArticleExport,
  type ExportedAccount,
  type ExportedBlock,
  type ExportedRevision,
  type ExportedUpdate,
} from './export-format.js';
import { snapshotOf } from './journal.js';

// Moving one article between Dateline databases: `dateline export` and `dateline import-json`.

/** An export file that cannot be imported: the CLI prints the message and exits 1. */
export class ImportRefused extends Error {}

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

/** What an import did, for the command's output. */
export interface ImportResult {
  article: Article;
  updates: number;
  revisions: number;
  peopleCreated: number;
  /** Emails of authors with no account here: their updates and revisions have no author. */
  unmatchedAuthors: string[];
}

/** Reads an export document, or refuses it naming the first problems. */
export function parseExport(data: unknown): ArticleExport {
  const parsed = articleExport.safeParse(data);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues
    .slice(0, 5)
    .map((issue) => `  ${issue.path.join('.') || '(document)'}: ${issue.message}`);
  throw new ImportRefused(
    `not a Dateline article export (format ${EXPORT_FORMAT} ${EXPORT_VERSION}):\n${problems.join('\n')}`,
  );
}

/**
 * Restores an exported article in this database, in one transaction: new ids, people matched by name and
 * organisation (or added to the register), authors matched by email (else none), a unique slug, and the
 * article as a draft unless `keepStatus`. Update times, statuses, pins and positions are kept. With the
 * history, its revisions are copied (snapshots keep their content; the ids this import knows are mapped);
 * without it, each update gets its corrections and an "Imported" revision. One audit row records it.
 */
export function importArticle(
  ctx: ServiceContext,
  actor: Actor,
  doc: ArticleExport,
  options: { keepStatus: boolean; isValidTimeZone: (tz: string) => boolean },
): ImportResult {
  if (!options.isValidTimeZone(doc.article.timeZone)) {
    throw new ImportRefused(`unknown time zone ${doc.article.timeZone}`);
  }
  const unknownRef = doc.updates
    .flatMap((u) => u.blocks)
    .find((b) => b.type !== 'text' && b.speaker !== null && !doc.people.some((p) => p.ref === b.speaker));
  if (unknownRef) throw new ImportRefused('a block names a speaker that is not in "people"');
  return inTransaction(ctx, (now) => {
    const { repos } = ctx;
    const unmatched = new Set<string>();
    const userIds = new Map<string, number | null>();
    const userOf = (who: ExportedAccount | null): number | null => {
      if (who === null) return null;
      if (!userIds.has(who.email)) userIds.set(who.email, repos.users.findByEmail(who.email)?.id ?? null);
      const id = userIds.get(who.email) ?? null;
      if (id === null) unmatched.add(who.email);
      return id;
    };
    const source = doc.article;
    const base = SLUG_PATTERN.test(source.slug) ? source.slug : slugify(source.title);
    const slug = uniqueSlug(base, (s) => repos.articles.slugTaken(s));
    const status = options.keepStatus ? source.status : 'draft';
    const articleId = repos.transfer.insertArticle({
      ...source,
      slug,
      status,
      createdBy: userOf(source.createdBy) ?? actor.userId,
      updatedAt: now,
      publishedAt: options.keepStatus ? source.publishedAt : null,
    });
    repos.articles.setTags(articleId, parseTags(source.tags.join(',')));

    let peopleCreated = 0;
    const personIds = new Map<number, number>();
    for (const p of doc.people) {
      let found = repos.people.findByNameAndOrganisation(p.name, p.organisation);
      if (!found) {
        found = repos.people.insert(
          { name: p.name, title: p.title, organisation: p.organisation, note: p.note },
          now,
        );
        peopleCreated += 1;
      }
      personIds.set(p.ref, found.id);
    }
    const speaker = (ref: number | null) => (ref === null ? null : (personIds.get(ref) ?? null));

    const updateIds = new Map<number, number>();
    for (const u of doc.updates) {
      const id = repos.transfer.insertUpdate({ ...u, articleId, authorId: userOf(u.author) });
      const blocks: StoredBlockInput[] = u.blocks.map((b) =>
        b.type === 'text'
          ? b
          : b.type === 'qa'
            ? { ...b, speakerId: speaker(b.speaker) }
            : { type: 'quote', text: b.text, source: b.source, speakerId: speaker(b.speaker) },
      );
      repos.updates.replaceBlocks(id, blocks);
      updateIds.set(u.ref, id);
    }

    let revisions = 0;
    if (doc.revisions) {
      const remap = (snapshot: Record<string, unknown>, updateId: number | null): unknown =>
        remapSnapshot(snapshot, { articleId, updateId, userOf, speakers: personIds, people: doc.people });
      for (const r of doc.revisions) {
        const updateId = r.update === null ? null : (updateIds.get(r.update) ?? null);
        repos.revisions.insert({
          articleId,
          updateId,
          kind: r.kind,
          note: r.note,
          snapshot: remap(r.snapshot, updateId),
          authorId: userOf(r.author),
          at: r.at,
        });
        revisions += 1;
      }
    } else {
      const note = `Imported from an export of ${source.slug}`;
      const article = requireArticle(ctx, articleId);
      repos.revisions.insert({
        articleId,
        updateId: null,
        kind: 'create',
        note,
        snapshot: article,
        authorId: actor.userId,
        at: now,
      });
      revisions += 1;
      for (const u of doc.updates) {
        const updateId = updateIds.get(u.ref) ?? 0;
        const stored = repos.updates.findWithDeleted(updateId);
        if (!stored) throw new Error(`imported update ${updateId} is missing`);
        const snapshot = snapshotOf(stored);
        for (const c of u.corrections) {
          repos.revisions.insert({
            articleId,
            updateId,
            kind: 'correction',
            note: c.note,
            snapshot,
            authorId: userOf(c.author),
            at: c.at,
          });
          revisions += 1;
        }
        repos.revisions.insert({
          articleId,
          updateId,
          kind: 'create',
          note,
          snapshot,
          authorId: actor.userId,
          at: now,
        });
        revisions += 1;
      }
    }
    const counts = {
      updates: doc.updates.length,
      revisions,
      peopleCreated,
      unmatchedAuthors: [...unmatched].sort(),
    };
    repos.audit.insert({
      actor,
      action: 'article.imported',
      targetType: 'article',
      targetId: articleId,
      articleId,
      outcome: 'ok',
      detail: { from: source.slug, exportedAt: doc.exportedAt, slug, ...counts },
      at: now,
    });
    return { article: requireArticle(ctx, articleId), ...counts };
  });
}

/**
 * A copied revision's snapshot with the ids this import knows mapped to the new ones: the article's (and,
 * for an update's snapshot, the update's), the author's and the speakers'. The content is never changed.
 */
function remapSnapshot(
  snapshot: Record<string, unknown>,
  ids: {
    articleId: number;
    updateId: number | null;
    userOf: (who: ExportedAccount | null) => number | null;
    speakers: Map<number, number>;
    people: ArticleExport['people'];
  },
): unknown {
  if (!isUpdateSnapshot(snapshot)) return { ...snapshot, id: ids.articleId };
  const byName = (person: Person | null) => {
    if (person === null) return null;
    const ref = ids.people.find((p) => p.name === person.name && p.organisation === person.organisation)?.ref;
    const id = ref === undefined ? undefined : ids.speakers.get(ref);
    return id === undefined ? person : { ...person, id };
  };
  return {
    ...snapshot,
    id: ids.updateId ?? snapshot.id,
    articleId: ids.articleId,
    blocks: snapshot.blocks.map((block) =>
      block.type === 'text' ? block : { ...block, speaker: byName(block.speaker) },
    ),
  };
}
