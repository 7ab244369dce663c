import { randomBytes } from 'node:crypto';
import { refreshSearch } from '../services/search.js';
import { uniqueSlug, slugify } from '../domain/slug.js';
import type { Actor } from '../domain/types.js';
import { createUser, setUserDisabled } from '../services/accounts.js';
import { createArticle, setArticleStatus } from '../services/articles.js';
import { inTransaction, type ServiceContext } from '../services/context.js';
import { setKeyEvent, setPinned } from '../services/live.js';
import { createPerson } from '../services/people.js';
import { postUpdate } from '../services/updates.js';
import { benchPeople, benchStory, benchUpdate, Random, type BenchStory } from './bench-content.js';

export interface BenchOptions {
  articles: number;
  /** Updates per article on average (the long story comes on top). */
  updates: number;
  seed: number;
  /** Updates of the one long story (0: none); it is the newest article, live. */
  longStory: number;
}

export interface BenchSummary {
  articles: { sv: number; en: number };
  updates: number;
  blocks: { text: number; qa: number; quote: number };
  people: number;
  pinned: number;
  keyEvents: number;
  longStory: { slug: string; updates: number } | null;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** The newest generated activity; stories spread over the two years before it. */
const END = Date.UTC(2026, 10, 20, 18, 0);
/** Articles written per transaction (each service call inside is a savepoint). */
const BATCH = 50;

const SYSTEM: Actor = { userId: null, label: 'system:seed-bench', role: 'admin', ip: null };

/** Disabled editor accounts that sign the generated updates (made once, reused on a second run). */
async function bylines(ctx: ServiceContext): Promise<Actor[]> {
  const actors: Actor[] = [];
  for (const name of ['Nyhetsdesken', 'Morgonredaktionen', 'Kvällsredaktionen', 'The English desk']) {
    const email = `${slugify(name)}@bench.dateline.invalid`;
    let user = ctx.repos.users.findByEmail(email);
    if (!user) {
      const password = randomBytes(24).toString('base64url');
      const made = await createUser(ctx, SYSTEM, { email, displayName: name, role: 'editor', password });
      if (!made.ok) throw new Error(`the byline account ${email} could not be created`);
      user = setUserDisabled(ctx, SYSTEM, made.user.id, true);
    }
    actors.push({ userId: user.id, label: name, role: 'editor', ip: null });
  }
  return actors;
}

/**
 * Fills the database with `articles` published stories of generated Swedish (4 in 5) and English text,
 * written through the same services as the desk (revisions, events, audit rows and the search index
 * stay consistent). The clock follows the story: each change is stamped a few minutes after the
 * update it writes. Deterministic from `seed` (but for the byline accounts' password hashes).
 */
export async function seedBench(
  base: ServiceContext,
  options: BenchOptions,
  progress: (done: number) => void = () => undefined,
): Promise<BenchSummary> {
  const random = new Random(options.seed);
  let at = END - 2 * 365 * DAY;
  const ctx: ServiceContext = { ...base, clock: () => new Date(at) };
  const authors = await bylines(ctx);
  const people = benchPeople(random, Math.min(400, Math.max(20, Math.ceil(options.articles / 10))));
  for (const person of people) {
    if (!ctx.repos.people.findByName(person.name)) createPerson(ctx, SYSTEM, person);
  }
  const names = people.map((p) => p.name);
  const summary: BenchSummary = {
    articles: { sv: 0, en: 0 },
    updates: 0,
    blocks: { text: 0, qa: 0, quote: 0 },
    people: people.length,
    pinned: 0,
    keyEvents: 0,
    longStory: null,
  };

  /** Writes one story: the draft, its first update, publishing, then the rest of its updates. */
  const write = (
    story: BenchStory,
    start: number,
    count: number,
    spacing: [number, number],
    live: boolean,
  ) => {
    at = start - 5 * MINUTE;
    const slug = uniqueSlug(slugify(story.title), (s) => ctx.repos.articles.slugTaken(s));
    const input = { ...story, slug, live };
    const created = createArticle(ctx, SYSTEM, input);
    if (!created.ok) throw new Error(`article ${slug}: ${Object.values(created.errors).join(' ')}`);
    const articleId = created.article.id;
    const author = random.pick(story.locale === 'en' ? authors.slice(3) : authors.slice(0, 3));
    let datedAt = start;
    for (let n = 0; n < count; n++) {
      const update = benchUpdate(random, story, new Date(datedAt).toISOString());
      at = datedAt + random.int(1, 6) * MINUTE;
      const { id } = postUpdate(ctx, author, articleId, update, true).update;
      for (const block of update.blocks) summary.blocks[block.type]++;
      if (n === 0) setArticleStatus(ctx, SYSTEM, articleId, 'published');
      if (n === 0 && count >= 4 && random.chance(0.25)) {
        setPinned(ctx, SYSTEM, id, true);
        summary.pinned++;
      } else if (n > 0 && random.chance(0.12)) {
        setKeyEvent(ctx, SYSTEM, id, true);
        summary.keyEvents++;
      }
      datedAt += random.int(spacing[0], spacing[1]) * MINUTE;
    }
    summary.articles[story.locale]++;
    summary.updates += count;
    return slug;
  };

  const total = options.articles;
  const step = (2 * 365 * DAY) / Math.max(1, total);
  for (let first = 0; first < total; first += BATCH) {
    inTransaction(ctx, () => {
      for (let i = first; i < Math.min(total, first + BATCH); i++) {
        const long = i === total - 1 && options.longStory > 0;
        const story = benchStory(random, random.chance(0.8) || long ? 'sv' : 'en', names);
        const count = long ? options.longStory : random.int(1, Math.max(1, 2 * options.updates - 1));
        const start = long ? END - options.longStory * 35 * MINUTE : END - 2 * 365 * DAY + i * step;
        const slug = write(story, start, count, long ? [10, 60] : [10, 240], long || i >= total * 0.97);
        if (long) summary.longStory = { slug, updates: count };
      }
    });
    progress(Math.min(total, first + BATCH));
  }
  refreshSearch(ctx);
  return summary;
}
