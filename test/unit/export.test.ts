import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { migrate } from '../../src/db/migrate.js';
import { openDb } from '../../src/db/open-db.js';
import { createRepos } from '../../src/db/repos.js';
import { snapshotInput } from '../../src/domain/snapshots.js';
import { isValidTimeZone } from '../../src/render/dates.js';
import { MIGRATIONS_DIR } from '../../src/runtime.js';
import type { ServiceContext } from '../../src/services/context.js';
import type { ArticleExport } from '../../src/services/export-format.js';
import { exportArticle } from '../../src/services/export.js';
import { importArticle, ImportRefused, parseExport } from '../../src/services/import-json.js';
import { setKeyEvent, setPinned } from '../../src/services/live.js';
import { restoreRevision } from '../../src/services/revisions.js';
import { deleteUpdate, editUpdate, postUpdate, requireUpdate } from '../../src/services/updates.js';
import { actor, freshContext } from '../helpers/db.js';
import { seedArticle } from '../helpers/fixtures.js';

const CLI = actor('admin');

/** The newsroom's accounts, the same in every database of these tests (authors are matched by email). */
function addAccounts(ctx: ServiceContext) {
  const add = (email: string, displayName: string) =>
    ctx.repos.users.insert(
      { email, displayName, role: 'editor', passwordHash: 'x' },
      '2026-12-01T00:00:00.000Z',
    );
  return { eva: add('eva@example.com', 'Eva Editor'), jon: add('jon@example.com', 'Jon Reporter') };
}

/**
 * A story with everything an export must carry: tags, a pin, a key event, Q&A with a speaker who has a
 * title, organisation and note, a quote, a draft update, a correction, a silent fix and a removed update.
 */
function richStory(ctx: ServiceContext) {
  const users = addAccounts(ctx);
  const eva = actor('editor', users.eva);
  const ids = seedArticle(ctx, { authorId: users.eva });
  const karin = ctx.repos.people.findByName('Karin Berg');
  assert.ok(karin);
  ctx.repos.people.update(karin.id, {
    name: 'Karin Berg',
    title: 'operativ chef',
    organisation: 'Nordhall IT',
    note: 'Nås via pressjouren.',
  });
  const jon = actor('journalist', users.jon);
  ctx.repos.articles.setMembers(ids.articleId, [users.jon], '2026-12-01T00:00:00.000Z');
  const draft = postUpdate(
    ctx,
    jon,
    ids.articleId,
    {
      datedAt: '2026-12-09T08:15:00.000Z',
      precision: 'minute',
      headline: null,
      blocks: [{ type: 'quote', text: 'Vi har full kontroll.', source: 'Nordhall IT' }],
    },
    false,
  ).update;
  const removed = postUpdate(
    ctx,
    eva,
    ids.articleId,
    {
      datedAt: '2026-12-03T23:00:00.000Z',
      precision: 'day',
      headline: 'Felaktig uppgift',
      blocks: [{ type: 'text', markdown: 'Detta stämde inte.' }],
    },
    true,
  ).update;
  deleteUpdate(ctx, eva, removed.id);
  const minute = requireUpdate(ctx, ids.minuteUpdateId);
  const corrected = snapshotInput(minute);
  corrected.blocks[0] = { type: 'text', markdown: 'Efter sex dygn fungerar **nästan** allt igen.' };
  editUpdate(ctx, eva, minute.id, minute.version, corrected, {
    kind: 'correction',
    note: 'Allt fungerar inte ännu.',
  });
  const fixed = requireUpdate(ctx, minute.id);
  editUpdate(ctx, eva, fixed.id, fixed.version, {
    ...snapshotInput(fixed),
    headline: 'Systemen är tillbaka igen',
  });
  setPinned(ctx, eva, ids.dayUpdateId, true);
  setKeyEvent(ctx, eva, ids.minuteUpdateId, true);
  return { ...ids, draftId: draft.id, removedId: removed.id, users };
}

/** The export without what must differ between two databases: ids, the export time, the last change. */
function comparable(doc: ArticleExport): unknown {
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(strip);
    if (typeof value !== 'object' || value === null) return value;
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => !['id', 'articleId', 'authorId', 'createdBy', 'speakerId'].includes(key))
        .map(([key, inner]) => [key, strip(inner)]),
    );
  };
  const copy: Partial<ArticleExport> = { ...doc, article: { ...doc.article, updatedAt: '' } };
  delete copy.exportedAt;
  return strip(copy);
}

const options = { keepStatus: true, isValidTimeZone };

describe('export and import-json', () => {
  for (const withHistory of [false, true]) {
    it(`when an article is exported${withHistory ? ' with its history' : ''}, imported into a fresh database and exported again, then nothing is lost`, () => {
      const source = freshContext();
      richStory(source);
      const first = exportArticle(source, 'it-attack', { withHistory });
      // Through JSON, as the command line does.
      const doc = parseExport(JSON.parse(JSON.stringify(first)));

      const target = freshContext(() => new Date('2027-01-15T10:00:00.000Z'));
      addAccounts(target);
      target.repos.users.insert(
        { email: 'other@example.com', displayName: 'Other', role: 'admin', passwordHash: 'x' },
        '2027-01-01T00:00:00.000Z',
      );
      const result = importArticle(target, CLI, doc, options);
      assert.deepEqual(result.unmatchedAuthors, []);
      assert.equal(result.article.slug, 'it-attack');
      const second = exportArticle(target, result.article.slug, { withHistory });
      assert.deepEqual(comparable(second), comparable(first));

      assert.equal(first.updates.length, withHistory ? 4 : 3, 'removed updates only with the history');
      assert.equal(
        first.revisions?.length,
        withHistory ? source.repos.revisions.listForArticle(1).length : undefined,
      );
      const corrections = first.updates.flatMap((u) => u.corrections.map((c) => c.note));
      assert.deepEqual(corrections, ['Allt fungerar inte ännu.']);
      assert.deepEqual(first.people, [
        {
          ref: 1,
          name: 'Karin Berg',
          title: 'operativ chef',
          organisation: 'Nordhall IT',
          note: 'Nås via pressjouren.',
        },
      ]);
      // The reader sees the same story: the correction too.
      const page = target.repos.updates.listForArticle(result.article.id, false);
      assert.deepEqual(
        page.map((u) => u.corrections?.map((c) => c.note)),
        [['Allt fungerar inte ännu.'], []],
      );
    });
  }

  it('when the history is imported, then its revisions can be compared and restored in the new database', () => {
    const source = freshContext();
    const { minuteUpdateId } = richStory(source);
    const originalRevisions = source.repos.revisions
      .listForArticle(1)
      .filter((r) => r.updateId === minuteUpdateId);
    const target = freshContext();
    const { users } = { users: addAccounts(target) };
    const result = importArticle(
      target,
      CLI,
      exportArticle(source, 'it-attack', { withHistory: true }),
      options,
    );
    const minute = target.repos.updates
      .listForArticle(result.article.id, true)
      .find((u) => u.headline === 'Systemen är tillbaka igen');
    assert.ok(minute);
    const history = target.repos.revisions.historyOfUpdate(minute.id);
    assert.equal(history.length, originalRevisions.length);
    assert.deepEqual(
      history.map((h) => h.authorName),
      originalRevisions.map(() => 'Eva Editor').reverse(),
    );
    const oldest = history.at(-1);
    assert.ok(oldest);
    restoreRevision(target, actor('editor', users.eva), minute.id, oldest.id);
    const restored = requireUpdate(target, minute.id);
    assert.equal(restored.headline, 'Systemen är tillbaka');
    assert.match(
      restored.blocks[0]?.type === 'text' ? restored.blocks[0].markdown : '',
      /fungerar \*\*allt\*\*/,
    );
    assert.equal(
      restored.blocks[1]?.type === 'qa' ? restored.blocks[1].speaker?.organisation : null,
      'Nordhall IT',
    );
  });

  it('when imported into the same database, then it is a draft with a new slug and new ids, and known people are reused', () => {
    const ctx = freshContext();
    const { articleId } = richStory(ctx);
    const people = ctx.repos.people.list().length;
    const doc = exportArticle(ctx, 'it-attack', { withHistory: false });
    const result = importArticle(ctx, CLI, doc, { keepStatus: false, isValidTimeZone });
    assert.equal(result.article.slug, 'it-attack-2');
    assert.equal(result.article.status, 'draft');
    assert.equal(result.article.publishedAt, null);
    assert.notEqual(result.article.id, articleId);
    assert.equal(result.peopleCreated, 0);
    assert.equal(ctx.repos.people.list().length, people);
    assert.deepEqual(result.article.tags, ['IT-säkerhet']);
    const [audit] = ctx.repos.audit.search({ action: 'article.imported' }, 1);
    assert.equal(audit?.targetId, String(result.article.id));
    // Without the history every update has its corrections and an "Imported" revision to start from.
    const revisions = ctx.repos.revisions.listForArticle(result.article.id);
    assert.deepEqual(
      revisions.map((r) => r.kind),
      ['create', 'create', 'correction', 'create', 'create'],
    );
  });

  it('when an author has no account in the new database, then the import names them and the update has no author', () => {
    const source = freshContext();
    richStory(source);
    const target = freshContext();
    const result = importArticle(
      target,
      CLI,
      exportArticle(source, 'it-attack', { withHistory: false }),
      options,
    );
    assert.deepEqual(result.unmatchedAuthors, ['eva@example.com', 'jon@example.com']);
    assert.ok(target.repos.updates.listForArticle(result.article.id, true).every((u) => u.authorId === null));
    assert.equal(result.peopleCreated, 1);
  });

  it('when the file is not an export, then it is refused with the reason', () => {
    assert.throws(() => parseExport({ format: 'something-else' }), ImportRefused);
    assert.throws(() => parseExport([]), /not a Dateline article export/);
    const ctx = freshContext();
    richStory(ctx);
    const doc = exportArticle(ctx, 'it-attack', { withHistory: false });
    assert.throws(
      () =>
        importArticle(ctx, CLI, { ...doc, article: { ...doc.article, timeZone: 'Mars/Olympus' } }, options),
      /unknown time zone/,
    );
  });
});

describe('dateline export / import-json (command line)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dateline-export-'));
  const run = (db: string, args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
      encoding: 'utf8',
      env: { ...process.env, DATELINE_DB: db, LOG_LEVEL: 'silent', DATELINE_SEED_DEMO: 'off' },
    });
  const database = (name: string, fill: (ctx: ServiceContext) => void) => {
    const path = join(dir, name);
    const db = openDb(path);
    migrate(db, MIGRATIONS_DIR);
    fill({ db, repos: createRepos(db), clock: () => new Date() });
    db.close();
    return path;
  };

  it('when exported to a file and imported into another database, then a re-export matches and the last line is "ID SLUG"', () => {
    const a = database('a.db', (ctx) => richStory(ctx));
    const b = database('b.db', (ctx) => {
      addAccounts(ctx);
      seedArticle(ctx, { slug: 'it-attack' }); // the slug is taken here
    });
    const file = join(dir, 'story.json');
    const exported = run(a, ['export', '--article', 'it-attack', '--with-history', '--out', file]);
    assert.equal(exported.status, 0, exported.stderr);
    assert.match(exported.stdout, /exported "It-attack slår ut a-kassor" \(4 updates, \d+ revisions\) to /);

    const imported = run(b, ['import-json', '--keep-status', file]);
    assert.equal(imported.status, 0, imported.stderr);
    const lines = imported.stdout.trim().split('\n');
    assert.match(
      lines[0] ?? '',
      /^imported "It-attack slår ut a-kassor" as published: 4 updates, \d+ revisions/,
    );
    assert.match(lines.at(-1) ?? '', /^\d+ it-attack-2$/);

    const again = run(b, ['export', '--article', 'it-attack-2', '--with-history']);
    assert.equal(again.status, 0, again.stderr);
    const first = parseExport(JSON.parse(readFileSync(file, 'utf8')));
    const second = parseExport(JSON.parse(again.stdout));
    assert.deepEqual(
      comparable({ ...second, article: { ...second.article, slug: 'it-attack' } }),
      comparable(first),
    );
  });

  it('when the slug is unknown, the file is not JSON or an option is missing, then exit 1, 1 and 2', () => {
    const a = database('c.db', () => undefined);
    assert.equal(run(a, ['export', '--article', 'nope']).status, 1);
    const junk = join(dir, 'junk.json');
    writeFileSync(junk, 'not json');
    const refused = run(a, ['import-json', junk]);
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /is not JSON/);
    assert.equal(run(a, ['export']).status, 2);
    assert.equal(run(a, ['import-json']).status, 2);
  });
});
