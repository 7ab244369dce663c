import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { listMigrations, migrate } from '../../src/db/migrate.js';
import { openDb } from '../../src/db/open-db.js';
import { createRepos } from '../../src/db/repos.js';
import { createUpdatesRepo } from '../../src/db/updates-repo.js';
import { KeptBlocks } from '../../src/db/kept-blocks.js';
import type { Block, Update } from '../../src/domain/types.js';
import { MIGRATIONS_DIR } from '../../src/runtime.js';
import type { ServiceContext } from '../../src/services/context.js';
import { createPerson, editPerson, mergePeople } from '../../src/services/people.js';
import { purgeUpdate } from '../../src/services/revisions.js';
import { deleteUpdate, editUpdate, postUpdate } from '../../src/services/updates.js';
import { actor, freshContext } from '../helpers/db.js';
import { QA_UPDATE, seedArticle } from '../helpers/fixtures.js';
import { recordReads } from '../helpers/read-recorder.js';

// Kept blocks (src/db/kept-blocks.ts, migrations/010_blocks_stamp.sql): an article page reads again only
// the blocks of updates whose blocks or speakers changed, and never shows blocks that are no longer so.

/** The article's updates as the story page loads them (index, then content), and which blocks were read. */
function loader(ctx: ServiceContext) {
  const recorder = recordReads(ctx.db);
  const updates = createUpdatesRepo(ctx.db);
  return (articleId: number) => {
    recorder.clear();
    const index = updates.listIndex(articleId, true);
    const loaded = updates.withContent(index, updates.correctionsByUpdate(articleId));
    const blockReads = recorder.reads.filter((r) => r.sql.includes('FROM blocks b'));
    const readFor = new Set(
      blockReads.flatMap((r) => (r.rows as { update_id: number }[]).map((row) => row.update_id)),
    );
    return { loaded, blockReads: blockReads.length, readFor };
  };
}

/** Replaces the update's blocks with one text block, as an editor's edit does. */
function rewrite(ctx: ServiceContext, updateId: number, markdown: string) {
  const update = ctx.repos.updates.findById(updateId);
  assert.ok(update);
  const { datedAt, precision } = update;
  const blocks = [{ type: 'text' as const, markdown }];
  editUpdate(ctx, actor('editor'), updateId, update.version, { datedAt, precision, headline: null, blocks });
}

const speakers = (update: Update | undefined) =>
  (update?.blocks ?? []).flatMap((b) => (b.type === 'text' ? [] : [b.speaker?.name ?? null]));

describe('kept blocks of an article page', () => {
  it('when nothing changed, then no blocks are read again; after an edit, only the edited update’s', () => {
    const ctx = freshContext();
    const { articleId, dayUpdateId, minuteUpdateId } = seedArticle(ctx);
    const load = loader(ctx);
    const first = load(articleId);
    assert.deepEqual([...first.readFor].sort(), [dayUpdateId, minuteUpdateId].sort());
    const again = load(articleId);
    assert.equal(again.blockReads, 0, 'all blocks kept');
    assert.deepEqual(again.loaded, first.loaded);
    assert.deepEqual(again.loaded, ctx.repos.updates.listForArticle(articleId, true));
    rewrite(ctx, dayUpdateId, 'Ny text.');
    const afterEdit = load(articleId);
    assert.deepEqual([...afterEdit.readFor], [dayUpdateId]);
    assert.deepEqual(afterEdit.loaded, ctx.repos.updates.listForArticle(articleId, true));
  });

  it('when an edit leaves the blocks as they were (a new headline), then they are neither rewritten nor read', () => {
    const ctx = freshContext();
    const { articleId, minuteUpdateId } = seedArticle(ctx);
    const load = loader(ctx);
    load(articleId);
    const before = ctx.repos.updates.findById(minuteUpdateId);
    assert.ok(before);
    editUpdate(ctx, actor('editor'), minuteUpdateId, before.version, {
      ...QA_UPDATE,
      headline: 'Ny rubrik',
    });
    const after = load(articleId);
    assert.equal(after.blockReads, 0);
    const shown = after.loaded.find((u) => u.id === minuteUpdateId);
    assert.equal(shown?.headline, 'Ny rubrik');
    assert.deepEqual(shown?.blocks, before.blocks, 'the same blocks, ids included');
    editUpdate(ctx, actor('editor'), minuteUpdateId, before.version + 1, {
      ...QA_UPDATE,
      blocks: QA_UPDATE.blocks.map((b) => (b.type === 'qa' ? { ...b, speaker: 'Johan Ek' } : b)),
    });
    const respoken = load(articleId);
    assert.deepEqual([...respoken.readFor], [minuteUpdateId], 'another speaker is a change');
    assert.ok(speakers(respoken.loaded.find((u) => u.id === minuteUpdateId)).includes('Johan Ek'));
  });

  it('when one update is read after a page kept its blocks, then it gets those while their stamp stays, and keeps none', () => {
    const ctx = freshContext();
    const { articleId, minuteUpdateId } = seedArticle(ctx);
    const { updates } = ctx.repos;
    const pageBlocks = () =>
      updates
        .withContent(updates.listIndex(articleId, true), updates.correctionsByUpdate(articleId))
        .find((u) => u.id === minuteUpdateId)?.blocks;
    assert.ok(!Object.isFrozen(updates.findById(minuteUpdateId)?.blocks), 'nothing kept yet: read');
    const kept = pageBlocks();
    assert.ok(kept && Object.isFrozen(kept));
    // The same array: the update a write renders after its commit finds the blocks' HTML kept with it.
    assert.equal(updates.findById(minuteUpdateId)?.blocks, kept);
    rewrite(ctx, minuteUpdateId, 'Ny text.');
    const edited = updates.findById(minuteUpdateId);
    assert.deepEqual(
      edited?.blocks.map((b) => (b.type === 'text' ? b.markdown : b.type)),
      ['Ny text.'],
    );
    assert.ok(
      !Object.isFrozen(edited?.blocks),
      'read in a write: not kept, a rollback could reuse its stamp',
    );
    assert.notEqual(pageBlocks(), kept);
  });

  it('when a speaker is renamed or merged into another, then every answer shows who speaks now', () => {
    const ctx = freshContext();
    const { articleId, minuteUpdateId } = seedArticle(ctx);
    const load = loader(ctx);
    const karin = ctx.repos.people.list().find((p) => p.name === 'Karin Berg');
    assert.ok(karin);
    assert.ok(speakers(load(articleId).loaded.find((u) => u.id === minuteUpdateId)).includes('Karin Berg'));
    editPerson(ctx, actor('editor'), karin.id, {
      name: 'Karin Berg-Ek',
      title: 'vd',
      organisation: '',
      note: '',
    });
    const renamed = load(articleId);
    assert.deepEqual([...renamed.readFor], [minuteUpdateId], 'only the update she speaks in');
    assert.ok(speakers(renamed.loaded.find((u) => u.id === minuteUpdateId)).includes('Karin Berg-Ek'));
    const other = createPerson(ctx, actor('editor'), {
      name: 'K. Berg',
      title: '',
      organisation: '',
      note: '',
    });
    assert.ok(other.ok);
    mergePeople(ctx, actor('editor'), karin.id, other.person.id);
    const merged = load(articleId).loaded.find((u) => u.id === minuteUpdateId);
    assert.ok(speakers(merged).includes('K. Berg'));
    assert.ok(!speakers(merged).includes('Karin Berg-Ek'));
  });

  it('when a purged update’s id is given to a new update, then the new update never shows the old blocks', () => {
    const ctx = freshContext();
    const { articleId } = seedArticle(ctx);
    const load = loader(ctx);
    const old = postUpdate(ctx, actor('editor'), articleId, QA_UPDATE, true).update;
    load(articleId);
    deleteUpdate(ctx, actor('editor'), old.id);
    purgeUpdate(ctx, actor('admin'), old.id, 'test');
    // As many blocks as the old update had, other words: a per-update count of writes would match.
    const blocks = QA_UPDATE.blocks.map(() => ({ type: 'text' as const, markdown: 'Ny text.' }));
    const replacement = postUpdate(ctx, actor('editor'), articleId, { ...QA_UPDATE, blocks }, true).update;
    assert.equal(replacement.id, old.id, 'SQLite reused the id');
    assert.deepEqual(
      load(articleId)
        .loaded.find((u) => u.id === replacement.id)
        ?.blocks.map((b) => (b.type === 'text' ? b.markdown : b.type)),
      blocks.map((b) => b.markdown),
    );
  });

  it('when another process edits blocks, then this one reads them again', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dateline-stamp-'));
    try {
      const path = join(dir, 'db.sqlite');
      const db = openDb(path);
      migrate(db, MIGRATIONS_DIR);
      const ctx: ServiceContext = {
        db,
        repos: createRepos(db),
        clock: () => new Date('2026-12-08T14:04:00Z'),
      };
      const { articleId, dayUpdateId } = seedArticle(ctx);
      const load = loader(ctx);
      load(articleId);
      const otherDb = openDb(path);
      const other: ServiceContext = { db: otherDb, repos: createRepos(otherDb), clock: ctx.clock };
      rewrite(other, dayUpdateId, 'Ändrat av en annan process.');
      otherDb.close();
      const blocks = load(articleId).loaded.find((u) => u.id === dayUpdateId)?.blocks;
      assert.deepEqual(
        blocks?.map((b) => (b.type === 'text' ? b.markdown : '')),
        ['Ändrat av en annan process.'],
      );
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('when a database with updates is migrated, then each has its own stamp above 0 and the counter is past them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dateline-stamp-migration-'));
    try {
      const db = openDb(':memory:');
      const before = listMigrations(MIGRATIONS_DIR).filter((m) => m.version < 10);
      for (const file of before) copyFileSync(file.path, join(dir, file.path.split('/').pop() ?? ''));
      migrate(db, dir);
      // Written at version 9 through SQL (the repositories of today read the stamp).
      db.exec(`INSERT INTO articles (slug, title, summary, status, live, locale, time_zone, created_at, updated_at)
        VALUES ('a', 'A', '', 'published', 0, 'sv', 'Europe/Stockholm', '2026-01-01', '2026-01-01')`);
      for (let i = 0; i < 3; i++) {
        db.exec(`INSERT INTO updates (article_id, dated_at, precision, status, position, created_at)
          VALUES (1, '2026-01-01T00:00:00Z', 'day', 'published', ${i}, '2026-01-01')`);
      }
      db.exec(`INSERT INTO blocks (update_id, position, type, markdown) VALUES (1, 0, 'text', 'x')`);
      migrate(db, MIGRATIONS_DIR);
      const stamps = db.prepare<[], { blocks_stamp: number }>('SELECT blocks_stamp FROM updates').all();
      assert.equal(new Set(stamps.map((r) => r.blocks_stamp)).size, 3);
      assert.ok(stamps.every((r) => r.blocks_stamp > 0));
      const clock = db.prepare<[], { n: number }>('SELECT n FROM blocks_clock').get()?.n ?? 0;
      assert.ok(clock >= Math.max(...stamps.map((r) => r.blocks_stamp)));
      assert.equal(createRepos(db).updates.listIndex(1, true).length, 3);
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('when summaries do not come from the index (no stamp known), then their blocks are read each time', () => {
    const ctx = freshContext();
    const { articleId } = seedArticle(ctx);
    const recorder = recordReads(ctx.db);
    const updates = createUpdatesRepo(ctx.db);
    const own = updates.listIndex(articleId, true).map((u) => ({ ...u }));
    const corrections = updates.correctionsByUpdate(articleId);
    for (let i = 0; i < 2; i++) {
      recorder.clear();
      const loaded = updates.withContent(own, corrections);
      assert.equal(recorder.reads.filter((r) => r.sql.includes('FROM blocks b')).length, 1);
      assert.deepEqual(loaded, ctx.repos.updates.listForArticle(articleId, true));
    }
  });

  it('keeps blocks within its character bound, the least recently used dropped first', () => {
    const kept = new KeptBlocks(600); // each list below counts ~160 characters
    const text = (n: number): Block[] => [{ id: n, position: 0, type: 'text', markdown: 'x'.repeat(100) }];
    for (const id of [1, 2, 3]) kept.set(id, 7, text(id));
    assert.ok(kept.get(1, 7));
    kept.set(4, 7, text(4));
    assert.equal(kept.get(2, 7), undefined, 'the least recently used went');
    assert.ok(kept.get(1, 7) && kept.get(3, 7) && kept.get(4, 7));
    assert.equal(kept.get(4, 8), undefined, 'another stamp is not the kept one');
  });

  it('kept blocks cannot be changed by a caller (they are shared between requests)', () => {
    const ctx = freshContext();
    const { articleId } = seedArticle(ctx);
    const load = loader(ctx);
    const block = load(articleId).loaded[0]?.blocks[0];
    assert.ok(block);
    assert.throws(() => Object.assign(block, { position: 99 }), TypeError);
  });
});
