// A database that refuses writes (read-only, disk full): every write answers 503 with a clear message and
// Retry-After, logs one error line, leaves nothing half-written; reads keep working; writes work again
// once the storage does. Uses a FILE database (WAL, synchronous=FULL, as in production) and simulates
// the failures on the app's own connection: `PRAGMA query_only` raises SQLITE_READONLY and a low
// `PRAGMA max_page_count` raises SQLITE_FULL, exactly the errors a read-only mount or a full disk give;
// an I/O error is injected into the audit insert, the last write of a change, to fail it half-way.
import Database from 'better-sqlite3';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { pino } from 'pino';
import request from 'supertest';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { migrate } from '../../src/db/migrate.js';
import { openDb, type Db } from '../../src/db/open-db.js';
import { createRepos } from '../../src/db/repos.js';
import { STORAGE_MESSAGE } from '../../src/http/errors.js';
import { MIGRATIONS_DIR } from '../../src/runtime.js';
import type { ServiceContext } from '../../src/services/context.js';
import { addUser, loginAs } from '../helpers/app.js';
import { seedArticle } from '../helpers/fixtures.js';
import { tokenFor } from './api-helpers.js';

// Rows a write would add; none may appear when it fails.
const TABLES = ['articles', 'updates', 'blocks', 'revisions', 'events', 'audit_log', 'people', 'sessions'];

interface LogLine {
  level: number;
  msg: string;
  code?: string;
}

let dir: string;
let db: Db;
let ctx: ServiceContext;
let app: ReturnType<typeof createApp>;
let logs: LogLine[];
let articleId: number;
let token: string;
let desk: Awaited<ReturnType<typeof loginAs>>;
let deskCsrf: string;
let failAuditInsert = false;

const errorLines = () => logs.filter((line) => line.level >= 50);
const counts = () =>
  Object.fromEntries(
    TABLES.map((table) => [
      table,
      db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${table}`).get()?.n,
    ]),
  );
const readOnly = (on: boolean) => db.pragma(`query_only = ${on ? 'ON' : 'OFF'}`);
const api = {
  post: (path: string) => request(app).post(path).set('Authorization', `Bearer ${token}`),
  get: (path: string) => request(app).get(path).set('Authorization', `Bearer ${token}`),
};

const UPDATE = {
  datedAt: '2026-12-08T16:00:00Z',
  headline: 'Lagringen sviker',
  publish: true,
  blocks: [{ type: 'qa', question: 'Sparades något?', answer: 'Nej, ingenting.', speaker: 'Disk Full' }],
};

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dateline-storage-'));
  db = openDb(join(dir, 'dateline.db'));
  migrate(db, MIGRATIONS_DIR);
  ctx = { db, repos: createRepos(db), clock: () => new Date() };
  const editor = await addUser(ctx, 'editor');
  articleId = seedArticle(ctx, { authorId: editor.id }).articleId;
  token = tokenFor(ctx, editor.id);
  logs = [];
  const log = pino(
    { level: 'info' },
    { write: (line: string) => void logs.push(JSON.parse(line) as LogLine) },
  );
  injectAuditIoError(db);
  app = createApp({ db, config: loadConfig({}, () => 'x'.repeat(64)), log });
  desk = await loginAs(app, 'editor@example.com');
  deskCsrf = await desk.token();
});

after(() => {
  app.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Makes the app's audit insert throw SQLITE_IOERR_WRITE while `failAuditInsert` is on. */
function injectAuditIoError(target: Db): void {
  const prepare = target.prepare.bind(target);
  target.prepare = ((source: string) => {
    const statement = prepare(source);
    if (source.includes('INSERT INTO audit_log')) {
      const run = statement.run.bind(statement);
      statement.run = (...params: unknown[]) => {
        if (failAuditInsert) throw new Database.SqliteError('disk I/O error', 'SQLITE_IOERR_WRITE');
        return run(...params);
      };
    }
    return statement;
  }) as Db['prepare'];
}

beforeEach(() => {
  failAuditInsert = false;
  readOnly(false);
  db.pragma('max_page_count = 1073741823');
  logs.length = 0;
});

describe('when the database is read-only', () => {
  it('then an API write answers 503 JSON with Retry-After, logs one error line and saves nothing', async () => {
    const before = counts();
    readOnly(true);
    const res = await api.post(`/api/v1/articles/${articleId}/updates`).send(UPDATE).expect(503);
    assert.deepEqual(res.body, { error: { code: 'storage_unavailable', message: STORAGE_MESSAGE } });
    assert.match(res.headers['retry-after'] ?? '', /^\d+$/);
    assert.deepEqual(
      errorLines().map((line) => [line.msg, line.code]),
      [['database cannot be written', 'SQLITE_READONLY']],
    );
    readOnly(false);
    assert.deepEqual(
      counts(),
      before,
      'the transaction rolled back: no content, revision, event or audit row',
    );
  });

  it('then a desk form answers the 503 page, and desk and reader pages still load', async () => {
    const before = counts();
    readOnly(true);
    const res = await desk.agent
      .post(`/desk/articles/${articleId}/updates`)
      .type('form')
      .send({
        date: '2026-12-09',
        time: '09:30',
        headline: 'Från desken',
        'blocks.0.type': 'qa',
        'blocks.0.question': 'Gick det att spara?',
        'blocks.0.answer': 'Nej.',
        'blocks.0.speaker': 'Disk Full',
        action: 'publish',
        _csrf: deskCsrf,
      })
      .expect(503);
    assert.match(res.headers['content-type'] ?? '', /text\/html/);
    assert.ok(res.text.includes(STORAGE_MESSAGE.replace(/;/, ';')), res.text);
    assert.ok(res.headers['retry-after']);
    assert.equal(errorLines().length, 1, JSON.stringify(logs));

    // Reads keep working: anonymous readers, and staff (whose session just is not extended).
    await request(app).get('/').expect(200);
    const page = await request(app).get('/articles/it-attack').expect(200);
    assert.match(page.text, /Systemen är tillbaka/);
    const deskPage = await desk.agent.get(`/desk/articles/${articleId}`);
    assert.equal(deskPage.status, 200, JSON.stringify(logs));
    await api.get(`/api/v1/articles/${articleId}`).expect(200);
    assert.equal(errorLines().length, 1, 'reads log no errors');
    readOnly(false);
    assert.deepEqual(counts(), before);
  });

  it('then, once writable again, the same write succeeds', async () => {
    readOnly(true);
    await api.post(`/api/v1/articles/${articleId}/updates`).send(UPDATE).expect(503);
    readOnly(false);
    const res = await api.post(`/api/v1/articles/${articleId}/updates`).send(UPDATE).expect(201);
    const body = res.body as { id: number };
    const page = await request(app).get('/articles/it-attack').expect(200);
    assert.match(page.text, /Sparades något\?/);
    const revisions = db
      .prepare<[number], { kind: string }>('SELECT kind FROM revisions WHERE update_id = ?')
      .all(body.id);
    assert.deepEqual(revisions, [{ kind: 'create' }]);
  });
});

describe('when the disk is full', () => {
  it('then a write answers 503 and leaves nothing half-written', async () => {
    const before = counts();
    // The file may not grow by a single page: the next page the write needs fails with SQLITE_FULL.
    db.pragma(`max_page_count = ${Number(db.pragma('page_count', { simple: true }))}`);
    const big = {
      ...UPDATE,
      blocks: Array.from({ length: 8 }, (_, i) => ({
        type: 'text',
        markdown: `${i} ${'lång text '.repeat(1500)}`,
      })),
    };
    const res = await api.post(`/api/v1/articles/${articleId}/updates`).send(big).expect(503);
    assert.equal((res.body as { error: { message: string } }).error.message, STORAGE_MESSAGE);
    assert.deepEqual(
      errorLines().map((line) => line.code),
      ['SQLITE_FULL'],
    );
    await request(app).get('/articles/it-attack').expect(200);
    db.pragma('max_page_count = 1073741823');
    assert.deepEqual(counts(), before);
    assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
    await api.post(`/api/v1/articles/${articleId}/updates`).send(big).expect(201);
  });
});

describe('when an I/O error strikes half-way through a change', () => {
  it('then the content, revision and event written before it are rolled back', async () => {
    const before = counts();
    failAuditInsert = true;
    const res = await api.post(`/api/v1/articles/${articleId}/updates`).send(UPDATE).expect(503);
    assert.equal((res.body as { error: { message: string } }).error.message, STORAGE_MESSAGE);
    assert.deepEqual(
      errorLines().map((line) => line.code),
      ['SQLITE_IOERR_WRITE'],
    );
    failAuditInsert = false;
    assert.deepEqual(counts(), before, 'all or nothing');
  });
});
