/**
 * Live-update benchmarks (not tests), against a real production-mode server (`node dist/server.js`,
 * built first if dist/ is missing or stale, a fresh SQLite database in a temp dir with the demo stories).
 *
 *   --mode fanout (default): N SSE readers of the demo article (connected in batches), M updates
 *     published one at a time through the live desk composer; delivery latency over all deliveries and
 *     for the last reader of each update, KiB of server memory per connection, and every reader must
 *     get every update exactly once (bench/lib/fanout.ts). Prints the issue's SSE target line.
 *   --mode write-under-load: N readers on SSE (default 1000) while another process reads the article
 *     page at full speed; M updates posted through the JSON API; POST round trip p50/p99 against the
 *     target p50 ≤ 10 ms, p99 ≤ 50 ms (bench/lib/write-under-load.ts).
 *
 * On a machine with 2+ CPUs and `taskset`, the server runs on CPU 1 and the readers, the desk and the
 * read load on CPU 0. Arrival times are taken when this process reads the chunk, so they include the
 * readers' own event-loop queueing (one core for all). Results go to bench/results/.
 *
 * Run: npm run bench:live [-- --mode fanout|write-under-load --clients 10000 --updates 20 --batch 200
 *      --pause 200 --readers 50]; add `--cpu-prof DIR` to write a V8 CPU profile of the server into DIR.
 * Exit status 1 when a reader missed an update or the target line says FAIL.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startDateline } from './lib/dateline.js';
import { runFanout } from './lib/fanout.js';
import { closeClient } from './lib/http-client.js';
import { machine, machineLine, writeResults } from './lib/report.js';
import { ensureBuilt, hasTaskset, pin } from './lib/server.js';
import { runWriteUnderLoad } from './lib/write-under-load.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ARTICLE = { id: 1, slug: 'it-attack-slar-ut-a-kassor', timeZone: 'Europe/Stockholm' };
const MODES = ['fanout', 'write-under-load'];

const { values: args } = parseArgs({
  options: {
    mode: { type: 'string', default: 'fanout' },
    clients: { type: 'string' },
    updates: { type: 'string' },
    batch: { type: 'string', default: '200' },
    pause: { type: 'string' },
    readers: { type: 'string', default: '50' },
    'cpu-prof': { type: 'string' },
  },
});
const fanout = args.mode === 'fanout';
if (!MODES.includes(args.mode)) throw new Error(`--mode must be one of ${MODES.join(', ')}`);
const positive = (name: string, raw: string): number => {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive whole number`);
  return n;
};
const options = {
  clients: positive('clients', args.clients ?? (fanout ? '10000' : '1000')),
  updates: positive('updates', args.updates ?? (fanout ? '20' : '200')),
  batch: positive('batch', args.batch),
  pause: positive('pause', args.pause ?? (fanout ? '200' : '50')),
  readers: positive('readers', args.readers),
};

async function main(): Promise<number> {
  const build = ensureBuilt(ROOT);
  const dir = mkdtempSync(join(tmpdir(), 'dateline-bench-'));
  const dbPath = join(dir, 'bench.db');
  const pinned = cpus().length >= 2 && hasTaskset();
  const profile = args['cpu-prof'] === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${args['cpu-prof']}`];
  const server = await startDateline(ROOT, dbPath, pinned ? 1 : null, profile);
  try {
    if (pinned) pin(process.pid, 0);
    const run = fanout
      ? await runFanout(server, { ...options, article: ARTICLE })
      : await runWriteUnderLoad(ROOT, server, dbPath, {
          ...options,
          article: ARTICLE,
          cpu: pinned ? 0 : null,
        });
    const facts = machine();
    const header = [
      `Dateline live bench, ${args.mode} (${build === 'rebuilt' ? 'built dist/ first' : 'dist/ up to date'})`,
      machineLine(
        facts,
        pinned,
        `server on CPU 1; ${fanout ? 'readers and desk' : 'readers, desk and read load'} on CPU 0`,
      ),
    ];
    process.stdout.write(`\n${[...header, ...run.lines].join('\n')}\n`);
    const file = writeResults(ROOT, `-live-${args.mode}`, {
      kind: args.mode,
      machine: facts,
      pinned,
      options,
      ...run.results,
    });
    process.stdout.write(`results        ${file}\n`);
    return run.ok && run.results.pass ? 0 : 1;
  } finally {
    closeClient();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`bench: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
