import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { seedBench } from '../../src/db/bench-seed.js';
import { parseSearchQuery } from '../../src/domain/search.js';
import { blockInputOf } from '../../src/domain/snapshots.js';
import { blockToForm, validateUpdate } from '../../src/domain/update-input.js';
import type { ServiceContext } from '../../src/services/context.js';
import { freshContext } from '../helpers/db.js';

const SMALL = { articles: 12, updates: 3, seed: 7, longStory: 30 };

/** What readers would see of the generated articles: titles, slugs and every block's text. */
function content(ctx: ServiceContext): string[] {
  return ctx.repos.articles
    .listAll()
    .flatMap((article) => [
      `${article.slug} ${article.title} ${article.summary} ${article.tags.join(',')}`,
      ...ctx.repos.updates
        .listForArticle(article.id, true)
        .map((update) => `${update.headline ?? ''} ${JSON.stringify(update.blocks)}`),
    ]);
}

describe('dateline seed-bench', () => {
  it('when it seeds a small dataset, then every article is published with consistent history and index', async () => {
    const ctx = freshContext();
    const made = await seedBench(ctx, SMALL);
    const articles = ctx.repos.articles.listAll();
    assert.equal(articles.length, 12);
    assert.equal(made.articles.sv + made.articles.en, 12);
    assert.ok(made.articles.sv > made.articles.en, 'mostly Swedish');
    assert.ok(articles.every((a) => a.status === 'published'));
    const updates = articles.flatMap((a) => ctx.repos.updates.listForArticle(a.id, true));
    assert.equal(updates.length, made.updates);
    assert.ok(updates.every((u) => u.status === 'published'));
    assert.equal(updates.filter((u) => u.keyEvent).length, made.keyEvents);

    const long = ctx.repos.articles.findBySlug(made.longStory?.slug ?? '');
    assert.ok(long?.live, 'the long story is live');
    assert.equal(ctx.repos.updates.listForArticle(long.id, false).length, 30);

    const count = (sql: string) => (ctx.db.prepare(sql).get() as { n: number }).n;
    // Every update has its create revision, event and audit row; the audit chain holds.
    assert.ok(count("SELECT count(*) AS n FROM revisions WHERE kind = 'create'") >= made.updates + 12);
    assert.ok(count("SELECT count(*) AS n FROM events WHERE type = 'update.published'") >= made.updates - 12);
    assert.equal(ctx.repos.audit.verify().firstBrokenId, null);
    assert.equal(ctx.repos.search.documentCount(), 12 + made.updates);
    const query = parseSearchQuery(long.title.split(' ')[0] ?? '');
    assert.equal(ctx.repos.search.staleCount(), 0, 'the bulk load leaves the article index current');
    assert.ok(query.ok && ctx.repos.search.searchPublished(query.match, 10, 0).total > 0);

    // Q&A speakers are in the register; the text passes the desk's own validation.
    const qa = updates.flatMap((u) => u.blocks).filter((b) => b.type === 'qa');
    assert.ok(qa.length > 0 && qa.every((b) => b.speaker && ctx.repos.people.findByName(b.speaker.name)));
    for (const update of updates) {
      const form = { date: '2026-01-01', time: '12:00', headline: update.headline ?? '' };
      const checked = validateUpdate(
        { ...form, blocks: update.blocks.map((b) => blockToForm(blockInputOf(b))) },
        (wall) => wall,
      );
      assert.ok(checked.ok, JSON.stringify(checked.ok || checked.errors));
    }
    const markdown = updates.flatMap((u) => u.blocks.flatMap((b) => (b.type === 'text' ? [b.markdown] : [])));
    assert.ok(
      markdown.some((m) => /\]\(https:\/\/www\.example\.(se|org)\//.test(m)),
      'links',
    );
    assert.ok(
      markdown.some((m) => /\*\*\S/.test(m)) && markdown.some((m) => /^- /m.test(m)),
      'emphasis, lists',
    );
    ctx.db.close();
  });

  it('when the same seed is used twice, then the text is the same, and another seed gives other text', async () => {
    const [a, b, c] = [freshContext(), freshContext(), freshContext()];
    await seedBench(a, SMALL);
    await seedBench(b, SMALL);
    await seedBench(c, { ...SMALL, seed: 8 });
    assert.deepEqual(content(a), content(b));
    assert.notDeepEqual(content(a), content(c));
    for (const ctx of [a, b, c]) ctx.db.close();
  });

  it('when run from the command line with --demo, then it prints the long story last; a bad count exits 2', () => {
    const db = join(mkdtempSync(join(tmpdir(), 'dateline-seed-bench-')), 'bench.db');
    const run = (args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'seed-bench', '--db', db, ...args], {
        encoding: 'utf8',
        env: { ...process.env, LOG_LEVEL: 'silent' },
      });
    const result = run(['--articles', '3', '--updates', '2', '--long', '5', '--demo']);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /seeded 3 articles .*plus the demo stories/);
    assert.match(result.stdout.trimEnd().split('\n').at(-1) ?? '', /^long story: [a-z0-9-]+ \(5 updates\)$/);
    assert.equal(run(['--articles', 'many']).status, 2);
  });
});
