import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { benchToken, type BenchDateline } from './dateline.js';
import { api } from './http-client.js';
import { cpuMs } from './server.js';
import { connectReaders, tallyDeliveries, type SseClient } from './sse-client.js';
import { ms, percentile } from './stats.js';

export interface WriteLoadOptions {
  article: { id: number; slug: string };
  clients: number;
  updates: number;
  batch: number;
  pause: number;
  /** Connections of the read load on the article page. */
  readers: number;
  /** CPU for the read load (null: not pinned). */
  cpu: number | null;
}

interface ReadFigures {
  rps: number;
  responses: number;
  non2xx: number;
  errors: number;
  p50: number;
  p99: number;
}

/** Starts the read load child (autocannon on the page) at a lower priority than this process. */
function startReads(root: string, url: string, o: WriteLoadOptions) {
  const node = [process.execPath, '--import', 'tsx', join(root, 'bench', 'lib', 'read-load.ts')];
  const pinned = o.cpu === null ? node : ['taskset', '-c', String(o.cpu), ...node];
  const child = spawn('nice', ['-n', '10', ...pinned, url, String(o.readers)], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  const done = new Promise<ReadFigures>((resolve, reject) => {
    child.on('exit', () => {
      try {
        resolve(JSON.parse(out) as ReadFigures);
      } catch {
        reject(new Error(`the read load printed no figures: ${out}`));
      }
    });
  });
  const stop = () => (child.kill('SIGTERM'), done);
  return { stop, kill: () => child.exitCode === null && child.kill('SIGKILL') };
}

/** An update as a newsroom posts it: text carrying the bench marker, a Q&A exchange and a quote. */
function updateBody(runId: string, i: number) {
  const minute = `${new Date().toISOString().slice(0, 16)}:00Z`;
  return {
    datedAt: minute,
    headline: `Bench ${runId} #${i + 1}`,
    publish: true,
    blocks: [
      { type: 'text', markdown: `Läget just nu, **uppdatering ${i + 1}**. Marker: bench-${runId}-${i}.` },
      { type: 'qa', question: 'Vad händer nu?', answer: 'Vi arbetar vidare.', speaker: 'Karin Berg' },
      {
        type: 'quote',
        text: 'Vi återkommer med mer information.',
        source: 'Pressmeddelande från Nordhall IT',
      },
    ],
  };
}

/**
 * Writes under load: R readers hold the article's SSE stream open while a separate process (niced,
 * on the load generator's CPU) reads the article page at full speed; meanwhile U updates are posted
 * through the JSON API one at a time (durable commit, revision, event, audit row, fan-out to the R
 * readers). The round trip of each POST is the figure; the readers must each get every update once.
 */
export async function runWriteUnderLoad(
  root: string,
  server: BenchDateline,
  dbPath: string,
  o: WriteLoadOptions,
) {
  const token = benchToken(root, dbPath);
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  const runId = randomBytes(4).toString('hex');
  const events = new URL(`/articles/${o.article.slug}/events`, server.baseUrl);
  let clients: SseClient[] = [];
  let reads: ReturnType<typeof startReads> | undefined;
  try {
    const marker = Buffer.from(`bench-${runId}-`);
    clients = (await connectReaders(events, agent, marker, o.updates, o.clients, o.batch)).clients;
    reads = startReads(root, new URL(`/articles/${o.article.slug}`, server.baseUrl).href, o);
    await sleep(2000); // let the read load reach full speed
    const sent: number[] = [];
    const postMs: number[] = [];
    const cpuBefore = cpuMs(server.pid);
    const started = performance.now();
    for (let i = 0; i < o.updates; i++) {
      sent[i] = performance.now();
      await api(
        server.baseUrl,
        token,
        'POST',
        `/api/v1/articles/${o.article.id}/updates`,
        updateBody(runId, i),
        201,
      );
      postMs.push(performance.now() - (sent[i] ?? 0));
      await sleep(o.pause);
    }
    const seconds = (performance.now() - started) / 1000;
    const serverCpu = (cpuMs(server.pid) - cpuBefore) / 1000 / seconds;
    const read = await reads.stop();
    const complete = () => clients.every((c) => c.arrivals.every((a) => a !== undefined));
    const deadline = performance.now() + 10_000;
    while (!complete() && performance.now() < deadline) await sleep(50);
    const t = tallyDeliveries(clients, sent);
    const [p50, p99] = [percentile(postMs, 50), percentile(postMs, 99)];
    const lost = t.misses + t.duplicates + t.dropped;
    const enough = o.clients >= 1000 ? '' : ` (ran ${o.clients} readers: the target needs 1000)`;
    const pass = p50 <= 10 && p99 <= 50 && lost === 0 && o.clients >= 1000 && read.responses > 0;
    const lines = [
      `readers        ${o.clients} on SSE; the page read by ${o.readers} connections at ${Math.round(read.rps)} req/s (p50 ${read.p50} ms, p99 ${read.p99} ms, ${read.non2xx} not 2xx, ${read.errors} errors)`,
      `posts          ${o.updates} through the API (pause ${o.pause} ms): round trip p50 ${ms(p50)}, p99 ${ms(p99)}, max ${ms(percentile(postMs, 100))}`,
      `server CPU     ${(serverCpu * 100).toFixed(0)}% of its core while posting`,
      `delivery       last reader per update p50 ${ms(percentile(t.lastClient, 50))}, p99 ${ms(percentile(t.lastClient, 99))}; ${t.misses} missed, ${t.duplicates} duplicated, ${t.dropped} dropped`,
      '',
      `${pass ? 'PASS' : 'FAIL'}  API posting under load: p50 ≤ 10 ms, p99 ≤ 50 ms with 1000 SSE readers and full-speed reads — ` +
        `p50 ${ms(p50)}, p99 ${ms(p99)}, ${lost} deliveries missed/duplicated/dropped${enough}`,
    ];
    const results = {
      clients: o.clients,
      updates: o.updates,
      postMs: { p50, p99 },
      reads: read,
      lost,
      serverCpu,
      pass,
    };
    return { lines, ok: lost === 0, results };
  } finally {
    reads?.kill();
    for (const client of clients) client.close();
    agent.destroy();
  }
}
