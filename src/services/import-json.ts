import type { StoredBlockInput } from '../db/updates-repo.js';
import { parseTags } from '../domain/article-input.js';
import { SLUG_PATTERN, slugify, uniqueSlug } from '../domain/slug.js';
import { isUpdateSnapshot } from '../domain/snapshots.js';
import type { Actor, Article, Person } from '../domain/types.js';
import { requireArticle } from './article-access.js';
import { inTransaction, type ServiceContext } from './context.js';
import {
  articleExport,
  EXPORT_FORMAT,
  EXPORT_VERSION,
  type ArticleExport,
  type ExportedAccount,
} from './export-format.js';
import { snapshotOf } from './journal.js';

// Moving one article between Dateline databases: `dateline import-json` (this file) and `dateline export`
// (export.ts).

/** An export file that cannot be imported: the CLI prints the message and exits 1. */
export class ImportRefused extends Error {}

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
