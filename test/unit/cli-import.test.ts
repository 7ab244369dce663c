import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { dayKey, zonedWallTimeToUtc } from '../../src/render/dates.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/transcripts/', import.meta.url));
// A database path that must never be created: the import command does not open the database.
const DB = join(mkdtempSync(join(tmpdir(), 'dateline-import-')), 'never-opened.db');

function dateline(args: string[], input = '', env: NodeJS.ProcessEnv = { DATELINE_DB: DB }) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'import', ...args], {
    input,
    encoding: 'utf8',
    // The desk URL's prefix comes from DATELINE_BASE_URL only when a test sets it.
    env: { ...process.env, DATELINE_BASE_URL: undefined, LOG_LEVEL: 'silent', ...env },
  });
}

const expected = (name: string): unknown =>
  JSON.parse(readFileSync(join(FIXTURES, `${name}.expected.json`), 'utf8'));

describe('dateline import', () => {
  const runs: [string, 'sv' | 'en'][] = [
    ['swedish-dash', 'sv'],
    ['labelled-qa-sv', 'sv'],
    ['english-updates', 'en'],
  ];
  for (const [name, locale] of runs) {
    it(`when --dry-run parses ${name}.txt, then stdout is exactly its expected JSON`, () => {
      const result = dateline([
        '--dry-run',
        '--year',
        '2026',
        '--locale',
        locale,
        join(FIXTURES, `${name}.txt`),
      ]);
      assert.equal(result.status, 0, result.stderr);
      assert.deepEqual(JSON.parse(result.stdout), expected(name));
      assert.equal(result.stdout, readFileSync(join(FIXTURES, `${name}.expected.json`), 'utf8'));
      assert.equal(existsSync(DB), false, 'import --dry-run must not open the database');
    });
  }

  it('when the file is -, then the transcript is read from standard input', () => {
    const text = readFileSync(join(FIXTURES, 'quotes.txt'), 'utf8');
    const result = dateline(['--dry-run', '--year', '2026', '--locale', 'sv', '-'], text);
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), expected('quotes'));
  });

  it('when --year and --locale are left out, then this year and Swedish are used', () => {
    const result = dateline(['--dry-run', '-'], 'Den 8 december:\n\nHej "där".\n\nVad hände?\n\n– Inget.');
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), {
      updates: [
        {
          label: 'Den 8 december',
          datedAt: `${new Date().getFullYear()}-12-08`,
          precision: 'day',
          blocks: [
            { type: 'text', markdown: 'Hej "där".' },
            { type: 'qa', question: 'Vad hände?', answer: 'Inget.', speaker: null },
          ],
        },
      ],
    });
  });

  it('when --typography is given, then the quotes are curled for the locale', () => {
    const result = dateline(['--dry-run', '--typography', '--locale', 'en', '-'], 'He said "no".');
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), {
      updates: [
        {
          label: null,
          datedAt: null,
          precision: 'day',
          blocks: [{ type: 'text', markdown: 'He said “no”.' }],
        },
      ],
    });
  });

  it('when the file does not exist, then exit 1 naming it and print nothing on stdout', () => {
    const missing = join(FIXTURES, 'no-such-transcript.txt');
    const result = dateline(['--dry-run', missing]);
    assert.equal(result.status, 1);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /cannot read .*no-such-transcript\.txt: no such file/);
  });

  it('when --locale is not sv or en, then exit 2 with the usage', () => {
    const result = dateline(['--dry-run', '--locale', 'de', join(FIXTURES, 'quotes.txt')]);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /unknown locale de/);
    assert.match(result.stderr, /usage: dateline/);
  });

  it('when --year is not a year or the FILE is missing, then exit 2', () => {
    assert.equal(dateline(['--dry-run', '--year', 'next', '-']).status, 2);
    assert.equal(dateline(['--dry-run']).status, 2);
    assert.equal(dateline(['--dry-run', 'a.txt', 'b.txt']).status, 2);
  });
});

describe('dateline import (saving)', () => {
  const freshDb = () => join(mkdtempSync(join(tmpdir(), 'dateline-import-save-')), 'dateline.db');
  const lastLine = (stdout: string) => stdout.trimEnd().split('\n').at(-1);
  const swedishDash = join(FIXTURES, 'swedish-dash.txt');

  function read(db: string) {
    const conn = new Database(db, { readonly: true });
    try {
      const articles = conn
        .prepare(
          'SELECT id, slug, title, status, live, locale, time_zone, created_by FROM articles ORDER BY id',
        )
        .all() as {
        id: number;
        slug: string;
        title: string;
        status: string;
        live: number;
        created_by: null;
      }[];
      const updates = conn
        .prepare(
          'SELECT id, article_id, dated_at, precision, status FROM updates WHERE deleted_at IS NULL ORDER BY dated_at',
        )
        .all() as { id: number; article_id: number; dated_at: string; precision: string; status: string }[];
      const qa = conn
        .prepare(
          `SELECT b.question, b.answer, p.name AS speaker FROM blocks b JOIN updates u ON u.id = b.update_id
           LEFT JOIN people p ON p.id = b.speaker_id WHERE b.type = 'qa' ORDER BY u.dated_at, b.position`,
        )
        .all() as { question: string; answer: string; speaker: string | null }[];
      const audit = conn.prepare("SELECT action FROM audit_log WHERE actor_label = 'cli'").all() as {
        action: string;
      }[];
      return { articles, updates, qa, audit: audit.map((row) => row.action) };
    } finally {
      conn.close();
    }
  }

  it('when run without --dry-run, then a draft article holds the updates and its desk URL is the last line', () => {
    const db = freshDb();
    const result = dateline(['--year', '2026', swedishDash], '', { DATELINE_DB: db });
    assert.equal(result.status, 0, result.stderr);
    assert.equal(lastLine(result.stdout), '/desk/articles/1');
    const { articles, updates, qa, audit } = read(db);
    assert.deepEqual(articles, [
      {
        id: 1,
        slug: 'den-2-december',
        title: 'Den 2 december',
        status: 'draft',
        live: 0,
        locale: 'sv',
        time_zone: 'Europe/Stockholm',
        created_by: null,
      },
    ]);
    // The text before the first date heading has no date: it gets today's.
    const today = zonedWallTimeToUtc(
      dayKey(new Date().toISOString(), 'Europe/Stockholm'),
      'Europe/Stockholm',
    );
    assert.deepEqual(
      updates.map((u) => [u.dated_at, u.precision, u.status]).sort(),
      [
        ['2026-12-01T23:00:00.000Z', 'day', 'draft'],
        ['2026-12-03T23:00:00.000Z', 'day', 'draft'],
        ['2026-12-04T15:45:00.000Z', 'minute', 'draft'],
        [today, 'day', 'draft'],
      ].sort(),
    );
    assert.deepEqual(
      qa.map((row) => row.speaker),
      ['Karin Berg', 'Karin Berg', 'Johan Ekdahl', 'Lena Sjöberg'],
    );
    assert.equal(qa[0]?.question, 'Hur många kunder berörs?');
    assert.deepEqual(audit, [
      'article.created',
      'update.created',
      'update.created',
      'update.created',
      'update.created',
    ]);
  });

  it('when --title, --publish and DATELINE_BASE_URL are given, then the article is published under that title', () => {
    const db = freshDb();
    const env = { DATELINE_DB: db, DATELINE_BASE_URL: 'https://news.example/' };
    const text = readFileSync(join(FIXTURES, 'english-updates.txt'), 'utf8');
    const args = ['--year', '2026', '--locale', 'en', '--time-zone', 'Europe/London'];
    const result = dateline([...args, '--title', 'Flood defences', '--publish', '-'], text, env);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(lastLine(result.stdout), 'https://news.example/desk/articles/1');
    const { articles, updates } = read(db);
    assert.equal(articles[0]?.title, 'Flood defences');
    assert.equal(articles[0]?.status, 'published');
    assert.ok(updates.length > 0 && updates.every((u) => u.status === 'published'));
  });

  it('when --article names an existing article, then the updates are added to it; an unknown slug exits 1', () => {
    const db = freshDb();
    assert.equal(dateline(['--year', '2026', swedishDash], '', { DATELINE_DB: db }).status, 0);
    const quotes = join(FIXTURES, 'quotes.txt');
    const added = dateline(['--year', '2026', '--article', 'den-2-december', quotes], '', {
      DATELINE_DB: db,
    });
    assert.equal(added.status, 0, added.stderr);
    assert.equal(lastLine(added.stdout), '/desk/articles/1');
    const { articles, updates } = read(db);
    assert.equal(articles.length, 1);
    assert.ok(updates.length > 4);
    assert.ok(updates.every((u) => u.article_id === 1));

    const missing = dateline(['--article', 'no-such-story', quotes], '', { DATELINE_DB: db });
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /no article has the slug no-such-story/);
    assert.equal(read(db).updates.length, updates.length);
  });

  it('when the text is empty or binary, or the options clash, then nothing is saved', () => {
    const db = freshDb();
    const empty = dateline(['-'], '  \n', { DATELINE_DB: db });
    assert.equal(empty.status, 1);
    assert.match(empty.stderr, /it is empty/);
    const binary = dateline(['-'], '\u0000\u0001PNG', { DATELINE_DB: db });
    assert.equal(binary.status, 1);
    assert.match(binary.stderr, /binary/);
    assert.equal(
      dateline(['--title', 'T', '--article', 'x', swedishDash], '', { DATELINE_DB: db }).status,
      2,
    );
    assert.equal(dateline(['--dry-run', '--publish', swedishDash], '', { DATELINE_DB: db }).status, 2);
    assert.equal(dateline(['--time-zone', 'Mars/Base', swedishDash], '', { DATELINE_DB: db }).status, 2);
    assert.equal(existsSync(db), false, 'a refused import never opens the database');
  });
});
