import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import request from 'supertest';
import { createApp } from '../../src/app.js';
import { backupTo, checkDatabaseFile, pruneMigrationBackups } from '../../src/db/backup.js';
import { loadConfig } from '../../src/config.js';
import { migrate } from '../../src/db/migrate.js';
import { openDb } from '../../src/db/open-db.js';
import { createRepos } from '../../src/db/repos.js';
import { MIGRATIONS_DIR } from '../../src/runtime.js';
import { postUpdate } from '../../src/services/updates.js';
import { actor } from '../helpers/db.js';
import { QA_UPDATE, seedArticle } from '../helpers/fixtures.js';

function dateline(args: string[], env: Record<string, string>) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    encoding: 'utf8',
    env: { ...process.env, LOG_LEVEL: 'silent', ...env },
  });
}

function fileContext(path: string) {
  const db = openDb(path);
  migrate(db, MIGRATIONS_DIR);
  return { db, repos: createRepos(db), clock: () => new Date('2026-12-08T14:04:00.000Z') };
}

/** Every published page of the database, as an anonymous reader sees it. */
async function publishedPages(path: string): Promise<Map<string, string>> {
  const ctx = fileContext(path);
  const app = createApp({ db: ctx.db, config: loadConfig({}, () => 's'.repeat(40)), clock: ctx.clock });
  const pages = new Map<string, string>();
  try {
    for (const path of ['/', ...ctx.repos.articles.listPublished(100, 0).map((a) => `/articles/${a.slug}`)]) {
      // supertest listens on a new port each time; absolute links carry it.
      pages.set(path, (await request(app).get(path)).text.replace(/http:\/\/127\.0\.0\.1:\d+/g, 'ORIGIN'));
    }
  } finally {
    app.close();
    ctx.db.close();
  }
  return pages;
}

describe('backup and restore', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dateline-backup-'));
  const live = join(dir, 'live.db');
  const copy = join(dir, 'copy.db');

  it('when backed up while writes keep coming, then the copy is sound and holds every committed update', async () => {
    const ctx = fileContext(live);
    const { articleId } = seedArticle(ctx);
    for (let i = 0; i < 50; i += 1)
      postUpdate(ctx, actor('editor'), articleId, { ...QA_UPDATE, headline: `Före ${i}` }, true);
    let writes = 0;
    const writer = setInterval(() => {
      postUpdate(ctx, actor('editor'), articleId, { ...QA_UPDATE, headline: `Under ${writes}` }, true);
      writes += 1;
    }, 1);
    const before = ctx.repos.updates.listForArticle(articleId, true).length;
    await backupTo(ctx.db, copy);
    clearInterval(writer);
    ctx.db.close();
    assert.deepEqual(checkDatabaseFile(copy), []);
    const restored = fileContext(copy);
    const count = restored.repos.updates.listForArticle(articleId, true).length;
    restored.db.close();
    assert.ok(
      count >= before,
      `the backup has ${count} updates, at least the ${before} committed before it began`,
    );
  });

  it('when the backup is restored into a fresh server, then every published page renders identically', async () => {
    // Take a quiet backup of the current state and compare page by page.
    const ctx = fileContext(live);
    await backupTo(ctx.db, join(dir, 'quiet.db'));
    ctx.db.close();
    const target = join(dir, 'fresh', 'restored.db');
    const result = dateline(['restore', join(dir, 'quiet.db')], { DATELINE_DB: target });
    assert.equal(result.status, 0, result.stderr);
    const original = await publishedPages(live);
    const restored = await publishedPages(target);
    assert.ok(original.size >= 2);
    assert.deepEqual([...restored.keys()], [...original.keys()]);
    for (const [path, html] of original)
      assert.ok(restored.get(path) === html, `${path} differs after restore`);
  });

  it('when the backup file is damaged, then restore refuses it and keeps the database', () => {
    const damaged = join(dir, 'damaged.db');
    const bytes = readFileSync(copy);
    // Flip the page-type byte of the second page (a b-tree page): one flipped byte is enough.
    const pageSize = bytes.readUInt16BE(16) === 1 ? 65536 : bytes.readUInt16BE(16);
    bytes[pageSize] = (bytes[pageSize] ?? 0) ^ 0xff;
    writeFileSync(damaged, bytes);
    const target = join(dir, 'keep.db');
    writeFileSync(target, readFileSync(copy));
    const result = dateline(['restore', damaged], { DATELINE_DB: target });
    assert.equal(result.status, 1, result.stdout);
    assert.match(result.stderr, /refusing to restore/);
    assert.deepEqual(checkDatabaseFile(target), [], 'the current database is untouched');
    assert.match(
      dateline(['restore', join(dir, 'missing.db')], { DATELINE_DB: target }).stderr,
      /does not exist/,
    );
  });

  it('when dateline backup runs, then it reports progress and writes a sound copy', () => {
    const out = join(dir, 'cli.db');
    const result = dateline(['backup', out], { DATELINE_DB: live });
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stderr, /backup: 100% of \d+ pages/);
    assert.ok(existsSync(out));
    assert.deepEqual(checkDatabaseFile(out), []);
  });

  it('when more than five pre-migration backups pile up, then only the newest five are kept', () => {
    const db = join(dir, 'm.db');
    for (let i = 0; i < 8; i += 1)
      writeFileSync(`${db}.pre-migration-2026-12-0${i + 1}T00-00-00-000Z.bak`, 'x');
    const removed = pruneMigrationBackups(db, 5);
    assert.equal(removed.length, 3);
    assert.ok(
      removed.every((name) => /0[123]T/.test(name)),
      removed.join(', '),
    );
  });
});
