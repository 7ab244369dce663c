import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';

/** Starts the real server process, waits for its address, runs `work`, then stops it with SIGTERM. */
async function withServer<T>(
  env: Record<string, string>,
  work: (base: string, stdout: () => string) => Promise<T>,
) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  let started = false;
  try {
    const base = await new Promise<string>((resolve, reject) => {
      const timer = setInterval(() => {
        const match = /listening on (http:\/\/[\d.]+:\d+)/.exec(out);
        if (match?.[1]) {
          clearInterval(timer);
          resolve(match[1]);
        }
      }, 50);
      void exited.then((code) => {
        clearInterval(timer);
        reject(new Error(`server exited with ${code}: ${err}`));
      });
    });
    started = true;
    return await work(base, () => out);
  } finally {
    child.kill('SIGTERM');
    const code = await exited;
    if (started) assert.equal(code, 0, 'the server shuts down cleanly');
  }
}

describe('first start', () => {
  const db = join(mkdtempSync(join(tmpdir(), 'dateline-start-')), 'data', 'dateline.db');

  it('when the database is new, then it is created, seeded with the demo story and an admin password is printed once', async () => {
    await withServer({ DATELINE_DB: db }, async (base, stdout) => {
      assert.match(stdout(), /password: \S{20,}/);
      const front = await (await fetch(`${base}/`)).text();
      assert.match(front, /href="\/articles\/it-attack-slar-ut-a-kassor"/);
      const article = await fetch(`${base}/articles/it-attack-slar-ut-a-kassor`);
      assert.equal(article.status, 200);
      const html = await article.text();
      assert.ok((html.match(/class="qa__question"/g) ?? []).length >= 8, 'eight or more Q&A exchanges');
      assert.match(html, /<figure class="block block--quote">/);
      assert.ok((html.match(/class="day__heading"/g) ?? []).length >= 3, 'at least three dates');
    });
  });

  it('when started again, then the data is kept, nothing is seeded and no password is printed', async () => {
    await withServer({ DATELINE_DB: db }, async (base, stdout) => {
      assert.doesNotMatch(stdout(), /password:/);
      const front = await (await fetch(`${base}/`)).text();
      assert.equal((front.match(/<li class="article-card/g) ?? []).length, 2);
    });
  });

  it('when production runs without a session secret, then it refuses to start with a clear message', async () => {
    await assert.rejects(
      withServer({ DATELINE_DB: db, NODE_ENV: 'production', DATELINE_SESSION_SECRET: '' }, () =>
        Promise.resolve(),
      ),
      /DATELINE_SESSION_SECRET/,
    );
  });
});
