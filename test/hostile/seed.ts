// Stores the hostile corpus in every field a user can fill, through the same validators as the forms
// and the services behind them, and returns what was stored where (the pages to check come from it).
import { createUser } from '../../src/services/accounts.js';
import { createArticle, setArticleStatus } from '../../src/services/articles.js';
import type { ServiceContext } from '../../src/services/context.js';
import { setKeyEvent } from '../../src/services/live.js';
import { createPerson } from '../../src/services/people.js';
import { createToken } from '../../src/services/tokens.js';
import { editUpdate, postUpdate } from '../../src/services/updates.js';
import { validateArticle } from '../../src/domain/article-input.js';
import { slugify, uniqueSlug } from '../../src/domain/slug.js';
import type { Actor, BlockInput } from '../../src/domain/types.js';
import { isValidTimeZone } from '../../src/render/dates.js';
import { ARTICLE_BASE, FIELDS, pack, type Chunk, type FieldName, type Packing } from './corpus.js';
import type { Vector } from './vectors.js';

export interface StoredArticle {
  id: number;
  slug: string;
  title: string;
  summary: string;
  tags: string[];
  updateId: number;
  headline: string | null;
  /** The Markdown of the update's text blocks, in order (for the edit form check). */
  markdown: string[];
}

export interface Stored {
  articles: StoredArticle[];
  people: number[];
  users: number;
  tokens: number;
  packings: Packing[];
  /** (vector, field) pairs stored, per field. */
  fieldCounts: Partial<Record<FieldName, number>>;
}

const at = <T>(list: readonly T[], index: number): T | undefined =>
  list.length === 0 ? undefined : list[index % list.length];

/** The blocks of one vector: a text block, a Q&A block and a quote block, each field hostile. */
export function blocksFor(vector: Vector, speaker: string | null): BlockInput[] {
  const text = vector.text;
  const blocks: BlockInput[] = [];
  const markdown = FIELDS.markdown(text);
  if (markdown !== null) blocks.push({ type: 'text', markdown });
  const question = FIELDS.question(text);
  const answer = FIELDS.answer(text);
  if (question !== null || answer !== null) {
    blocks.push({
      type: 'qa',
      question: question ?? 'Fråga?',
      answer: answer ?? 'Svar.',
      speaker,
      asker: FIELDS.asker(text),
    });
  }
  const quote = FIELDS.quote(text);
  if (quote !== null) blocks.push({ type: 'quote', text: quote, source: FIELDS.source(text) });
  return blocks;
}

/**
 * Stores `vectors` everywhere. `admin` is the actor for register entries and accounts; the updates are
 * written by the hostile-named editors, so their names are the bylines.
 */
export async function seedHostile(
  ctx: ServiceContext,
  admin: Actor & { userId: number },
  vectors: readonly Vector[],
  blockEvery = 1,
): Promise<Stored> {
  const packings = {
    title: pack('title', vectors),
    summary: pack('summary', vectors),
    tags: pack('tags', vectors),
    slug: pack('slug', vectors),
    headline: pack('headline', vectors),
    personName: pack('personName', vectors),
    personTitle: pack('personTitle', vectors),
    personOrganisation: pack('personOrganisation', vectors),
    displayName: pack('displayName', vectors),
    tokenName: pack('tokenName', vectors),
    correctionNote: pack('correctionNote', vectors),
  };
  const fieldCounts: Partial<Record<FieldName, number>> = {};
  const count = (field: FieldName, chunk: Chunk | undefined) => {
    if (chunk) fieldCounts[field] = (fieldCounts[field] ?? 0) + chunk.ids.length;
  };

  // The speaker register: name, title and organisation.
  const people: { id: number; name: string }[] = [];
  const personCount = Math.max(
    packings.personName.chunks.length,
    packings.personTitle.chunks.length,
    packings.personOrganisation.chunks.length,
  );
  for (let i = 0; i < personCount; i += 1) {
    const name = packings.personName.chunks[i];
    const title = packings.personTitle.chunks[i];
    const organisation = packings.personOrganisation.chunks[i];
    const input = {
      name: name?.value ?? `Person ${i}`,
      title: title?.value ?? '',
      organisation: organisation?.value ?? '',
      note: '',
    };
    let result = createPerson(ctx, admin, input);
    if (!result.ok)
      result = createPerson(ctx, admin, { ...input, organisation: `${input.organisation} #${i}` });
    if (!result.ok) throw new Error(`could not store person ${i}: ${JSON.stringify(result.errors)}`);
    people.push({ id: result.person.id, name: result.person.name });
    count('personName', name);
    count('personTitle', title);
    count('personOrganisation', organisation);
  }

  // Accounts with hostile display names (createUser hashes each password: run them side by side).
  const users = await Promise.all(
    packings.displayName.chunks.map(async (chunk, i) => {
      const result = await createUser(ctx, admin, {
        email: `hostile-${i}@example.com`,
        displayName: chunk.value,
        role: 'editor',
        password: `hostile password ${i}`,
      });
      if (!result.ok) throw new Error(`could not store user ${i}: ${JSON.stringify(result.errors)}`);
      count('displayName', chunk);
      return result.user.id;
    }),
  );

  for (const chunk of packings.tokenName.chunks) {
    const result = createToken(ctx, admin, admin.userId, chunk.value);
    if (!result.ok) throw new Error(`could not store token: ${JSON.stringify(result.errors)}`);
    count('tokenName', chunk);
  }

  // One article per title; each with one update carrying its share of the per-vector blocks.
  const blockLists = vectors.map((vector, i) => blocksFor(vector, at(people, i)?.name ?? null));
  for (const blocks of blockLists) {
    for (const block of blocks) {
      if (block.type === 'text') fieldCounts.markdown = (fieldCounts.markdown ?? 0) + 1;
      if (block.type === 'qa') {
        if (block.question !== 'Fråga?') fieldCounts.question = (fieldCounts.question ?? 0) + 1;
        if (block.answer !== 'Svar.') fieldCounts.answer = (fieldCounts.answer ?? 0) + 1;
        if (block.asker !== null) fieldCounts.asker = (fieldCounts.asker ?? 0) + 1;
      }
      if (block.type === 'quote') {
        fieldCounts.quote = (fieldCounts.quote ?? 0) + 1;
        if (block.source !== null) fieldCounts.source = (fieldCounts.source ?? 0) + 1;
      }
    }
  }
  const articleCount = Math.max(
    packings.title.chunks.length,
    packings.summary.chunks.length,
    packings.tags.chunks.length,
    packings.headline.chunks.length,
  );
  // The per-vector blocks go to every `blockEvery`-th article's update (pages checked on a sample of
  // the updates then still see every block); the others get a plain text block.
  const carriers = Math.ceil(articleCount / blockEvery);
  const perCarrier = Math.ceil(vectors.length / carriers);
  const articles: StoredArticle[] = [];
  for (let k = 0; k < articleCount; k += 1) {
    const title = packings.title.chunks[k];
    const summary = packings.summary.chunks[k];
    const tags = packings.tags.chunks[k];
    const slugChunk = packings.slug.chunks[k];
    const form = {
      ...ARTICLE_BASE,
      title: title?.value ?? `Artikel ${k}`,
      summary: summary?.value ?? '',
      tags: tags?.value ?? '',
      live: k % 2 === 0 ? 'on' : '',
    };
    // A slug the validator accepted is used as it is; otherwise the form's default, made unique.
    const slug =
      slugChunk?.value ??
      uniqueSlug(slugify(form.title), (s) => ctx.repos.articles.slugTaken(s) || s === 'artikel');
    const checked = validateArticle({ ...form, slug }, isValidTimeZone);
    if (!checked.ok) throw new Error(`article ${k} was refused: ${JSON.stringify(checked.errors)}`);
    const author: Actor = { ...admin, role: 'editor', userId: at(users, k) ?? admin.userId, label: 'h' };
    const created = createArticle(ctx, author, checked.value);
    if (!created.ok) throw new Error(`article ${k} was refused: ${JSON.stringify(created.errors)}`);
    count('title', title);
    count('summary', summary);
    count('tags', tags);
    count('slug', slugChunk);

    const headline = packings.headline.chunks[k];
    const carrier = k % blockEvery === 0 ? k / blockEvery : -1;
    const blocks =
      carrier < 0 ? [] : blockLists.slice(carrier * perCarrier, (carrier + 1) * perCarrier).flat();
    if (blocks.length > 60) throw new Error(`article ${k} would get ${blocks.length} blocks (at most 60)`);
    const input = {
      datedAt: new Date(Date.UTC(2026, 11, 8, 14, 4) - k * 60_000).toISOString(),
      precision: 'minute' as const,
      headline: headline?.value ?? null,
      blocks: blocks.length > 0 ? blocks : [{ type: 'text' as const, markdown: 'Text.' }],
    };
    const { update } = postUpdate(ctx, author, created.article.id, input, true);
    count('headline', headline);
    setKeyEvent(ctx, admin, update.id, true);
    // A public correction note on the published update (the edit form's "correction" answer).
    const note = packings.correctionNote.chunks[k];
    if (note) {
      const version = ctx.repos.updates.findById(update.id)?.version ?? update.version;
      editUpdate(ctx, author, update.id, version, input, { kind: 'correction', note: note.value });
      count('correctionNote', note);
    }
    const published = setArticleStatus(ctx, admin, created.article.id, 'published');
    articles.push({
      id: published.id,
      slug: published.slug,
      title: published.title,
      summary: published.summary,
      // As stored: a tag keeps the spelling it was first given (tags are shared by slug).
      tags: published.tags,
      updateId: update.id,
      headline: update.headline,
      markdown: input.blocks.flatMap((b) => (b.type === 'text' ? [b.markdown] : [])),
    });
  }
  return {
    articles,
    people: people.map((p) => p.id),
    users: users.length,
    tokens: packings.tokenName.chunks.length,
    packings: Object.values(packings),
    fieldCounts,
  };
}
