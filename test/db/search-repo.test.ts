import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { migrate } from '../../src/db/migrate.js';
import { openDb } from '../../src/db/open-db.js';
import { createRepos } from '../../src/db/repos.js';
import { MATCH_OPEN } from '../../src/domain/search.js';
import { MIGRATIONS_DIR } from '../../src/runtime.js';
import { searchArticles } from '../../src/services/search.js';
import { postUpdate } from '../../src/services/updates.js';
import { actor, freshContext } from '../helpers/db.js';
import { QA_UPDATE, seedArticle } from '../helpers/fixtures.js';

const PUBLIC = { kind: 'public' } as const;

describe('the search index', () => {
  it('when the index is rebuilt, then it holds exactly what incremental indexing wrote', () => {
    const ctx = freshContext();
    seedArticle(ctx);
    seedArticle(ctx, { slug: 'two', publish: false });
    const rows = () => ctx.db.prepare('SELECT rowid, * FROM search_index ORDER BY rowid').all();
    const before = rows();
    ctx.db.prepare("INSERT INTO search_index (rowid, title) VALUES (999, 'stale')").run();
    const articles = ctx.db.transaction(() => ctx.repos.search.rebuild())();
    assert.equal(articles, 2);
    assert.deepEqual(rows(), before);
    // 2 articles + 2 updates each
    assert.equal(ctx.repos.search.documentCount(), 6);
  });

  it('when a match is in one update, then the snippet comes from that update, not another match', () => {
    const ctx = freshContext();
    const { articleId } = seedArticle(ctx);
    postUpdate(
      ctx,
      actor('editor'),
      articleId,
      { ...QA_UPDATE, headline: 'Andra', blocks: [{ type: 'text', markdown: 'Natten var lång.' }] },
      true,
    );
    const { hits } = searchArticles(ctx, '"natten"', PUBLIC, 10, 0);
    assert.equal(hits.length, 1);
    assert.equal(hits[0]?.matches, 3);
    const best = hits[0]?.updateId;
    const text =
      ctx.repos.updates
        .findById(best ?? 0)
        ?.blocks.map((b) => JSON.stringify(b))
        .join(' ') ?? '';
    const marked = /\uE000([^\uE001]*)\uE001/.exec(hits[0]?.snippet ?? '')?.[1] ?? '';
    assert.ok(hits[0]?.snippet.includes(MATCH_OPEN));
    assert.ok(text.toLowerCase().includes(marked.toLowerCase()), `${marked} is in update ${best}`);
  });

  it('when rows are deleted outside the services, then triggers keep the index clean', () => {
    const ctx = freshContext();
    const { articleId, minuteUpdateId } = seedArticle(ctx);
    const docs = (updateId: number) =>
      (
        ctx.db
          .prepare('SELECT count(*) AS n FROM search_index WHERE rowid = (CAST(? AS INTEGER) << 32) + ?')
          .get(articleId, updateId) as { n: number }
      ).n;
    assert.equal(docs(minuteUpdateId), 1);
    ctx.db
      .prepare('UPDATE updates SET deleted_at = ? WHERE id = ?')
      .run('2026-12-09T00:00:00Z', minuteUpdateId);
    assert.equal(docs(minuteUpdateId), 0);
    ctx.db.prepare('DELETE FROM articles WHERE id = ?').run(articleId);
    assert.equal(ctx.repos.search.documentCount(), 0);
  });

  it('when a database with content is migrated to the search schema, then the content is indexed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dateline-migrations-'));
    const files = readdirSync(MIGRATIONS_DIR).filter((name) => name.endsWith('.sql'));
    const searchFile = files.find((name) => name.endsWith('_search.sql'));
    assert.ok(searchFile);
    for (const name of files)
      if (name < searchFile) copyFileSync(join(MIGRATIONS_DIR, name), join(dir, name));
    const db = openDb(':memory:');
    migrate(db, dir);
    const now = '2026-12-08T10:00:00.000Z';
    db.prepare(
      `INSERT INTO articles (id, slug, title, summary, status, created_at, updated_at)
       VALUES (1, 'gammal', 'Gammal artikel om löner', 'Ingress', 'published', ?, ?)`,
    ).run(now, now);
    db.prepare(
      `INSERT INTO updates (id, article_id, dated_at, precision, status, position, created_at)
       VALUES (7, 1, ?, 'day', 'published', 1024, ?)`,
    ).run(now, now);
    db.prepare("INSERT INTO people (id, name, created_at) VALUES (3, 'Karin Berg', ?)").run(now);
    db.prepare(
      "INSERT INTO blocks (update_id, position, type, question, answer, speaker_id) VALUES (7, 0, 'qa', 'Varför?', 'Därför.', 3)",
    ).run();
    migrate(db, MIGRATIONS_DIR);
    const ctx = { db, repos: createRepos(db), clock: () => new Date() };
    assert.equal(searchArticles(ctx, '"löner"', PUBLIC, 10, 0).hits[0]?.articleId, 1);
    assert.equal(searchArticles(ctx, '"berg"', PUBLIC, 10, 0).hits[0]?.updateId, 7);
    db.close();
  });
});

describe('dateline reindex', () => {
  it('when run, then it rebuilds the index and says how much it holds', () => {
    const db = join(mkdtempSync(join(tmpdir(), 'dateline-reindex-')), 'r.db');
    const run = (args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
        encoding: 'utf8',
        env: { ...process.env, LOG_LEVEL: 'silent', DATELINE_DB: db },
      });
    assert.equal(run(['migrate']).status, 0);
    const result = run(['reindex']);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /^search index rebuilt: 0 articles, 0 documents$/m);
    assert.equal(run(['reindex', '--bogus']).status, 2);
  });
});
