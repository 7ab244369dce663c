import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';

const FIXTURES = fileURLToPath(new URL('../fixtures/transcripts/', import.meta.url));
// A database path that must never be created: the import command does not open the database.
const DB = join(mkdtempSync(join(tmpdir(), 'dateline-import-')), 'never-opened.db');

function dateline(args: string[], input = '') {
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'import', ...args], {
    input,
    encoding: 'utf8',
    env: { ...process.env, LOG_LEVEL: 'silent', DATELINE_DB: DB },
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

  it('when --dry-run is left out, then exit 2 saying creating articles is not available yet', () => {
    const result = dateline(['--year', '2026', join(FIXTURES, 'quotes.txt')]);
    assert.equal(result.status, 2);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /not available yet/);
    assert.equal(existsSync(DB), false, 'import must not open the database');
  });
});
