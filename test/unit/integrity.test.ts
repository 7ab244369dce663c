import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { checkInBackground, quickCheckInWorker, SYNC_CHECK_LIMIT_BYTES } from '../../src/db/integrity.js';
import { openDb } from '../../src/db/open-db.js';
import { unlessDamaged } from '../../src/http/damaged.js';

let dir: string;
let good: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'dateline-integrity-'));
  good = join(dir, 'good.db');
  const db = openDb(good);
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT); CREATE INDEX t_body ON t (body);');
  const insert = db.prepare('INSERT INTO t (body) VALUES (?)');
  for (let i = 0; i < 2000; i += 1) insert.run(`rad ${i} `.repeat(20));
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('the background integrity check', () => {
  it('checks only files larger than the limit in the background', () => {
    const big = join(dir, 'big.db');
    writeFileSync(big, '');
    truncateSync(big, SYNC_CHECK_LIMIT_BYTES + 1); // sparse: takes no space
    assert.equal(checkInBackground(big), true);
    assert.equal(checkInBackground(good), false);
    assert.equal(checkInBackground(join(dir, 'missing.db')), false);
    assert.equal(checkInBackground(':memory:'), false);
  });

  it('when the database is sound, then the worker says ok', async () => {
    assert.equal(await quickCheckInWorker(good), 'ok');
  });

  it('when a page is damaged, then the worker names the problem', async () => {
    const bytes = readFileSync(good);
    const pageSize = bytes.readUInt16BE(16);
    bytes[pageSize * 3] = (bytes[pageSize * 3] ?? 0) ^ 0xff; // the type byte of a b-tree page
    const damaged = join(dir, 'damaged.db');
    writeFileSync(damaged, bytes);
    const result = await quickCheckInWorker(damaged);
    assert.notEqual(result, 'ok');
    assert.ok(result.length > 0);
  });
});

describe('unlessDamaged', () => {
  it('serves until damage is reported, then answers 503 with what to do', async () => {
    let damage: string | null = null;
    const app: RequestListener = (_req, res) => res.end('page');
    const server = createServer(unlessDamaged(app, () => damage)).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    try {
      assert.equal(await (await fetch(url)).text(), 'page');
      damage = 'database disk image is malformed';
      const res = await fetch(url);
      assert.equal(res.status, 503);
      assert.equal(res.headers.get('cache-control'), 'no-store');
      assert.match(await res.text(), /restore the newest good backup \(dateline restore FILE\)/);
    } finally {
      server.close();
    }
  });
});
