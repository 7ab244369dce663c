/**
 * Live-update fan-out benchmark (not a test).
 *
 * Measures, against a real production-mode server (`node dist/server.js`, built first if dist/ is
 * missing or stale, fresh SQLite database in a temp dir with the demo stories seeded):
 *   - connect: time until N SSE readers of the demo article each have their response headers and
 *     the `retry:` frame (connected in batches, so the kernel's accept queue is not flooded);
 *   - memory: the server's VmRSS before and after the readers connect, i.e. KiB per open stream;
 *   - delivery: M updates published one at a time through the live desk composer (as the admin),
 *     each with a unique marker; latency = arrival at a reader - the moment the POST was sent.
 *     Reported over all reader x update deliveries and for the LAST reader of each update;
 *   - completeness: every reader must get every update exactly once (exit 1 otherwise).
 * On a machine with 2+ CPUs and `taskset`, the server runs on CPU 1 and this process (all readers
 * and the desk) on CPU 0, so the two do not compete for one core. Arrival times are taken when this
 * process reads the chunk, so they include the readers' own event-loop queueing (one core for all).
 *
 * Run: npm run bench:live [-- --clients 1000 --updates 20 --batch 200 --pause 200]
 *      add `--cpu-prof DIR` to write a V8 CPU profile of the server into DIR (open it in Chrome DevTools).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DeskSession, wallClock } from './lib/desk.js';
import { cpuMs, ensureBuilt, hasTaskset, pin, rssKb, startServer, type BenchServer } from './lib/server.js';
import { SseClient } from './lib/sse-client.js';
import { ms, percentile } from './lib/stats.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ARTICLE = { id: 1, slug: 'it-attack-slar-ut-a-kassor', timeZone: 'Europe/Stockholm' };
const ADMIN_EMAIL = 'bench@example.com';

const { values: args } = parseArgs({
  options: {
    clients: { type: 'string', default: '1000' },
    updates: { type: 'string', default: '20' },
    batch: { type: 'string', default: '200' },
    pause: { type: 'string', default: '200' },
    'cpu-prof': { type: 'string' },
  },
});
const positive = (name: string, raw: string): number => {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive whole number`);
  return n;
};
const CLIENTS = positive('clients', args.clients);
const UPDATES = positive('updates', args.updates);
const BATCH = positive('batch', args.batch);
const PAUSE_MS = positive('pause', args.pause);

async function main(): Promise<number> {
  const build = ensureBuilt(ROOT);
  const dir = mkdtempSync(join(tmpdir(), 'dateline-bench-'));
  const adminPassword = randomBytes(24).toString('base64url');
  const pinned = cpus().length >= 2 && hasTaskset();
  let server: BenchServer | undefined;
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  const clients: SseClient[] = [];
  let desk: DeskSession | undefined;
  try {
    server = await startServer(
      ROOT,
      {
        ...process.env,
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        PORT: '0',
        LOG_LEVEL: 'warn',
        DATELINE_DB: join(dir, 'bench.db'),
        DATELINE_SESSION_SECRET: randomBytes(32).toString('hex'),
        DATELINE_TRUST_PROXY: 'loopback',
        DATELINE_SEED_DEMO: 'on',
        DATELINE_ADMIN_EMAIL: ADMIN_EMAIL,
        DATELINE_ADMIN_PASSWORD: adminPassword,
      },
      pinned ? 1 : null,
      args['cpu-prof'] === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${args['cpu-prof']}`],
    );
    if (pinned) pin(process.pid, 0);
    const { pid, baseUrl } = server;

    // Log in first: it warms the server up (templates, argon2, sessions) before the memory baseline.
    desk = new DeskSession(baseUrl);
    await desk.login(ADMIN_EMAIL, adminPassword);
    await sleep(500);
    const rssBefore = rssKb(pid);

    // 1. Connect the readers, BATCH at a time.
    const runId = randomBytes(4).toString('hex');
    const marker = Buffer.from(`bench-${runId}-`);
    const url = new URL(`/articles/${ARTICLE.slug}/events`, baseUrl);
    for (let i = 0; i < CLIENTS; i++) clients.push(new SseClient(url, agent, marker, UPDATES));
    const connectTimes: number[] = [];
    const connectStart = performance.now();
    for (let i = 0; i < CLIENTS; i += BATCH) {
      await Promise.all(
        clients.slice(i, i + BATCH).map(async (client) => {
          const t = performance.now();
          await client.connect();
          connectTimes.push(performance.now() - t);
        }),
      );
    }
    const connectMs = performance.now() - connectStart;
    await sleep(1000);
    const rssAfter = rssKb(pid);

    // 2. Publish the updates one at a time; the POST's answer comes after the hub has written them out.
    const sent: number[] = [];
    const postMs: number[] = [];
    const cpuBefore = cpuMs(pid);
    const benchCpuBefore = process.cpuUsage();
    const bytesBefore = clients.reduce((sum, c) => sum + c.bytes, 0);
    for (let i = 0; i < UPDATES; i++) {
      const when = wallClock(new Date(), ARTICLE.timeZone);
      const text = `Benchmark update ${i + 1} of ${UPDATES}. Marker: bench-${runId}-${i}.`;
      sent[i] = performance.now();
      await desk.publishUpdate(ARTICLE.id, when, `Bench ${runId} #${i + 1}`, text);
      postMs.push(performance.now() - (sent[i] ?? 0));
      await sleep(PAUSE_MS);
    }
    const complete = () => clients.every((c) => c.arrivals.every((a) => a !== undefined));
    const deadline = performance.now() + 10_000;
    while (!complete() && performance.now() < deadline) await sleep(50);
    const serverCpuMs = cpuMs(pid) - cpuBefore;
    const benchCpu = process.cpuUsage(benchCpuBefore);
    const benchCpuMs = (benchCpu.user + benchCpu.system) / 1000;
    const frameBytes = (clients.reduce((sum, c) => sum + c.bytes, 0) - bytesBefore) / (CLIENTS * UPDATES);

    // 3. Tally.
    const all: number[] = [];
    const lastClient: number[] = [];
    const firstClient: number[] = [];
    let misses = 0;
    let duplicates = 0;
    let dropped = 0;
    for (let u = 0; u < UPDATES; u++) {
      let last = -Infinity;
      let first = Infinity;
      for (const client of clients) {
        const at = client.arrivals[u];
        if (at === undefined) {
          misses++;
          continue;
        }
        const latency = at - (sent[u] ?? 0);
        all.push(latency);
        last = Math.max(last, latency);
        first = Math.min(first, latency);
      }
      if (Number.isFinite(last)) lastClient.push(last);
      if (Number.isFinite(first)) firstClient.push(first);
    }
    for (const client of clients) {
      duplicates += client.duplicates;
      if (client.dropped) dropped++;
    }

    const cpu = cpus();
    const lines = [
      `Dateline live fan-out bench (${build === 'rebuilt' ? 'built dist/ first' : 'dist/ up to date'})`,
      `machine        ${cpu.length} x ${cpu[0]?.model.trim() ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`,
      `placement      ${pinned ? 'server on CPU 1, readers + desk on CPU 0 (taskset)' : 'not pinned (no taskset or 1 CPU)'}`,
      `clients        ${CLIENTS} (batches of ${BATCH})`,
      `updates        ${UPDATES} (pause ${PAUSE_MS} ms), ${frameBytes.toFixed(0)} bytes per client per update on the wire`,
      `connect        ${ms(connectMs)} total, ${ms(connectMs / CLIENTS)} per client (per connection p50 ${ms(percentile(connectTimes, 50))}, p99 ${ms(percentile(connectTimes, 99))})`,
      `delivery       all ${all.length} deliveries: p50 ${ms(percentile(all, 50))}, p99 ${ms(percentile(all, 99))}, max ${ms(percentile(all, 100))}`,
      `last client    per update: p50 ${ms(percentile(lastClient, 50))}, p99 ${ms(percentile(lastClient, 99))}, max ${ms(percentile(lastClient, 100))}`,
      `first client   per update: p50 ${ms(percentile(firstClient, 50))}, p99 ${ms(percentile(firstClient, 99))}`,
      `publish POST   round trip p50 ${ms(percentile(postMs, 50))}, p99 ${ms(percentile(postMs, 99))} (answer comes after the fan-out)`,
      `server CPU     ${serverCpuMs} ms over the publish phase = ${(serverCpuMs / UPDATES).toFixed(1)} ms per update (10 ms ticks)`,
      `bench CPU      ${benchCpuMs.toFixed(0)} ms over the publish phase = ${(benchCpuMs / UPDATES).toFixed(1)} ms per update (readers + desk)`,
      `misses         ${misses}`,
      `duplicates     ${duplicates}`,
      `dropped        ${dropped} streams closed early`,
      `server RSS     ${(rssBefore / 1024).toFixed(1)} MiB before, ${(rssAfter / 1024).toFixed(1)} MiB after connecting = ${((rssAfter - rssBefore) / CLIENTS).toFixed(1)} KiB per connection`,
    ];
    process.stdout.write(`\n${lines.join('\n')}\n`);
    const ok = misses === 0 && duplicates === 0 && dropped === 0;
    process.stdout.write(
      ok ? 'result         OK: every client got every update exactly once\n' : 'result         FAILED\n',
    );
    return ok ? 0 : 1;
  } finally {
    for (const client of clients) client.close();
    agent.destroy();
    desk?.close();
    await server?.stop();
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
