import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { migrate } from '../../src/db/migrate.js';
import { openDb } from '../../src/db/open-db.js';
import { createRepos } from '../../src/db/repos.js';
import { MIGRATIONS_DIR } from '../../src/runtime.js';
import type { ServiceContext } from '../../src/services/context.js';
import { postUpdate } from '../../src/services/updates.js';
import { actor } from '../helpers/db.js';
import { seedArticle } from '../helpers/fixtures.js';
import { listen } from '../helpers/sse.js';

// A change committed by another connection (the CLI, a second server process) must reach readers too,
// although the page cache never hears of it: it watches PRAGMA data_version (src/http/page-cache.ts).

const dir = mkdtempSync(join(tmpdir(), 'dateline-cache-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A connection to the file (migrated first: the repositories prepare their statements at once). */
function contextOn(path: string): ServiceContext {
  const db = openDb(path);
  migrate(db, MIGRATIONS_DIR);
  return { db, repos: createRepos(db), clock: () => new Date('2026-12-08T14:04:00.000Z') };
}

describe('page cache and other processes', () => {
  it('when another connection publishes an update, then the next reader after 100 ms sees it', async () => {
    const path = join(dir, 'shared.db');
    const server = contextOn(path);
    const { articleId } = seedArticle(server);
    const app = createApp({
      db: server.db,
      config: loadConfig({}, () => 'x'.repeat(64)),
      clock: server.clock,
    });
    const http = await listen(app);
    const other = contextOn(path); // as `dateline import` would open it
    try {
      const page = () => fetch(`${http.base}/articles/it-attack`).then((res) => res.text());
      const before = await page();
      assert.equal(await page(), before);
      assert.equal(app.pages.hits, 1, 'the page is served from the cache');
      postUpdate(
        other,
        actor('editor'),
        articleId,
        {
          datedAt: '2026-12-09T09:00:00.000Z',
          precision: 'minute',
          headline: null,
          blocks: [{ type: 'text', markdown: 'Skrivet av en annan process.' }],
        },
        true,
      );
      await sleep(150);
      assert.match(await page(), /Skrivet av en annan process\./);
    } finally {
      await http.stop();
      app.close();
      other.db.close();
      server.db.close();
    }
  });
});
