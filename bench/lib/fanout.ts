import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { BENCH_ADMIN, type BenchDateline } from './dateline.js';
import { DeskSession, wallClock } from './desk.js';
import { cpuMs, rssKb } from './server.js';
import { connectReaders, tallyDeliveries, type SseClient } from './sse-client.js';
import { ms, percentile } from './stats.js';

export interface FanoutOptions {
  article: { id: number; slug: string; timeZone: string };
  clients: number;
  updates: number;
  batch: number;
  pause: number;
}

/** The SSE target: this many readers, the last one served within 300 ms p99, ≤ 25 KB each. */
const TARGET = { readers: 10_000, lastReaderP99Ms: 300, bytesPerConnection: 25_000 };

/**
 * Fan-out: N readers of the article's SSE stream, M updates published one at a time through the desk
 * composer (as the admin), each with a unique marker; latency = arrival at a reader − the moment the
 * POST was sent, over all deliveries and for the LAST reader of each update; every reader must get
 * every update exactly once; memory = the server's VmRSS growth while the readers connect.
 */
export async function runFanout(server: BenchDateline, o: FanoutOptions) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  const desk = new DeskSession(server.baseUrl);
  let clients: SseClient[] = [];
  try {
    // Log in first: it warms the server up (templates, argon2, sessions) before the memory baseline.
    await desk.login(BENCH_ADMIN, server.adminPassword);
    await sleep(500);
    const rssBefore = rssKb(server.pid);
    const runId = randomBytes(4).toString('hex');
    const url = new URL(`/articles/${o.article.slug}/events`, server.baseUrl);
    const marker = Buffer.from(`bench-${runId}-`);
    const connected = await connectReaders(url, agent, marker, o.updates, o.clients, o.batch);
    clients = connected.clients;
    await sleep(1000);
    const rssAfter = rssKb(server.pid);

    // The POST's answer comes after the hub has written the update out.
    const sent: number[] = [];
    const postMs: number[] = [];
    const cpuBefore = cpuMs(server.pid);
    const benchCpuBefore = process.cpuUsage();
    const bytesBefore = clients.reduce((sum, c) => sum + c.bytes, 0);
    for (let i = 0; i < o.updates; i++) {
      const when = wallClock(new Date(), o.article.timeZone);
      const text = `Benchmark update ${i + 1} of ${o.updates}. Marker: bench-${runId}-${i}.`;
      sent[i] = performance.now();
      await desk.publishUpdate(o.article.id, when, `Bench ${runId} #${i + 1}`, text);
      postMs.push(performance.now() - (sent[i] ?? 0));
      await sleep(o.pause);
    }
    const complete = () => clients.every((c) => c.arrivals.every((a) => a !== undefined));
    const deadline = performance.now() + 10_000;
    while (!complete() && performance.now() < deadline) await sleep(50);
    const serverCpuMs = cpuMs(server.pid) - cpuBefore;
    const benchCpu = process.cpuUsage(benchCpuBefore);
    const benchCpuMs = (benchCpu.user + benchCpu.system) / 1000;
    const frameBytes = (clients.reduce((sum, c) => sum + c.bytes, 0) - bytesBefore) / (o.clients * o.updates);
    const t = tallyDeliveries(clients, sent);
    const { connectMs, connectTimes } = connected;
    const kibPerConnection = (rssAfter - rssBefore) / o.clients;

    const lastP99 = percentile(t.lastClient, 99);
    const ok = t.misses === 0 && t.duplicates === 0 && t.dropped === 0;
    const pass =
      ok &&
      o.clients >= TARGET.readers &&
      lastP99 <= TARGET.lastReaderP99Ms &&
      kibPerConnection * 1024 <= TARGET.bytesPerConnection;
    const scale = o.clients >= TARGET.readers ? '' : ` (ran ${o.clients} readers: the target needs 10,000)`;
    const lines = [
      `clients        ${o.clients} (batches of ${o.batch})`,
      `updates        ${o.updates} (pause ${o.pause} ms), ${frameBytes.toFixed(0)} bytes per client per update on the wire`,
      `connect        ${ms(connectMs)} total, ${ms(connectMs / o.clients)} per client (per connection p50 ${ms(percentile(connectTimes, 50))}, p99 ${ms(percentile(connectTimes, 99))})`,
      `delivery       all ${t.all.length} deliveries: p50 ${ms(percentile(t.all, 50))}, p99 ${ms(percentile(t.all, 99))}, max ${ms(percentile(t.all, 100))}`,
      `last client    per update: p50 ${ms(percentile(t.lastClient, 50))}, p99 ${ms(lastP99)}, max ${ms(percentile(t.lastClient, 100))}`,
      `first client   per update: p50 ${ms(percentile(t.firstClient, 50))}, p99 ${ms(percentile(t.firstClient, 99))}`,
      `publish POST   round trip p50 ${ms(percentile(postMs, 50))}, p99 ${ms(percentile(postMs, 99))} (answer comes after the fan-out)`,
      `server CPU     ${serverCpuMs} ms over the publish phase = ${(serverCpuMs / o.updates).toFixed(1)} ms per update (10 ms ticks)`,
      `bench CPU      ${benchCpuMs.toFixed(0)} ms over the publish phase = ${(benchCpuMs / o.updates).toFixed(1)} ms per update (readers + desk)`,
      `misses         ${t.misses}`,
      `duplicates     ${t.duplicates}`,
      `dropped        ${t.dropped} streams closed early`,
      `server RSS     ${(rssBefore / 1024).toFixed(1)} MiB before, ${(rssAfter / 1024).toFixed(1)} MiB after connecting = ${kibPerConnection.toFixed(1)} KiB per connection`,
      ok ? 'result         OK: every client got every update exactly once' : 'result         FAILED',
      '',
      `${pass ? 'PASS' : 'FAIL'}  SSE: 10,000 readers, last-reader p99 ≤ 300 ms, none missed, ≤ 25 KB per connection — ` +
        `${o.clients} readers, last-reader p99 ${ms(lastP99)}, ${t.misses + t.duplicates + t.dropped} missed/duplicated/dropped, ` +
        `${((kibPerConnection * 1024) / 1000).toFixed(1)} KB per connection${scale}`,
    ];
    const results = {
      clients: o.clients,
      updates: o.updates,
      deliveryMs: { p50: percentile(t.all, 50), p99: percentile(t.all, 99) },
      lastReaderMs: { p50: percentile(t.lastClient, 50), p99: lastP99 },
      postMs: { p50: percentile(postMs, 50), p99: percentile(postMs, 99) },
      misses: t.misses,
      duplicates: t.duplicates,
      dropped: t.dropped,
      kibPerConnection,
      serverCpuMsPerUpdate: serverCpuMs / o.updates,
      pass,
    };
    return { lines, ok, results };
  } finally {
    for (const client of clients) client.close();
    agent.destroy();
    desk.close();
  }
}
