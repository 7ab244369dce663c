import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import { cpuMs, rssKb } from './server.js';
import { hasWrk, runWrk } from './wrk.js';

/** One request of a load run: path and headers. */
export interface Request {
  path: string;
  headers?: Record<string, string>;
}

export interface LoadSpec {
  connections: number;
  /** Seconds. */
  duration: number;
  /** Each connection sends these in turn, over and over. */
  requests: Request[];
}

/** What one load run against one server measured. */
export interface Figures {
  /** Responses per second over the whole run. */
  rps: number;
  /** Latency percentiles in ms (autocannon's histogram: whole milliseconds). */
  p50: number;
  p99: number;
  /** Server CPU (user + system, all threads) per response, in µs (from 10 ms clock ticks). */
  cpuUs: number;
  /** Server resident memory after the run, MiB. */
  rssMiB: number;
  responses: number;
  statuses: { '2xx': number; '3xx': number; '4xx': number; '5xx': number };
  errors: number;
  /** Share of its core the server used: well below 1 means something else limited the run. */
  serverCpu: number;
  /** Share of one core the load generator (this process) used; near 1 means it, not the server, was the limit. */
  clientCpu: number;
}

/**
 * Waits until the server has finished the requests still in flight when the load stopped (its CPU time
 * stays put for 100 ms, at most 30 s), so that they do not run into the next measurement. Their CPU
 * counts in the run that sent them, though autocannon no longer counts their answers: at most
 * `connections` requests, which errs on the side of a higher CPU cost and is noise in runs of seconds.
 */
async function settle(pid: number): Promise<void> {
  const deadline = Date.now() + 30_000;
  let last = cpuMs(pid);
  while (Date.now() < deadline) {
    await sleep(100);
    const now = cpuMs(pid);
    if (now === last) return;
    last = now;
  }
}

/** Which tool drives one-URL scenarios: wrk when installed (see wrk.ts), else autocannon. */
export const LOAD_TOOL = hasWrk() ? 'wrk' : 'autocannon';

/**
 * Drives the server at `baseUrl` (process `pid`) and measures it: with wrk for one URL when it is
 * installed, else (and for several URLs in turn) with autocannon.
 */
export async function runLoad(baseUrl: string, pid: number, spec: LoadSpec): Promise<Figures> {
  if (LOAD_TOOL === 'wrk' && spec.requests.length === 1) return runWrk(baseUrl, pid, spec, settle);
  const first = spec.requests[0];
  if (!first) throw new Error('a load run needs at least one request');
  const cpuBefore = cpuMs(pid);
  const clientBefore = process.cpuUsage();
  const result = await autocannon({
    url: new URL(first.path, baseUrl).href,
    connections: spec.connections,
    duration: spec.duration,
    requests: spec.requests.map((r) => ({ method: 'GET' as const, path: r.path, headers: r.headers ?? {} })),
  });
  const client = process.cpuUsage(clientBefore);
  await settle(pid);
  const cpu = cpuMs(pid) - cpuBefore;
  const responses = result['1xx'] + result['2xx'] + result['3xx'] + result['4xx'] + result['5xx'];
  return {
    rps: responses / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    cpuUs: responses > 0 ? (cpu * 1000) / responses : Number.NaN,
    rssMiB: rssKb(pid) / 1024,
    responses,
    statuses: { '2xx': result['2xx'], '3xx': result['3xx'], '4xx': result['4xx'], '5xx': result['5xx'] },
    errors: result.errors,
    serverCpu: cpu / 1000 / result.duration,
    clientCpu: (client.user + client.system) / 1e6 / result.duration,
  };
}

/** The median of each figure over several runs (statuses and errors are summed). */
export function medianFigures(runs: Figures[]): Figures {
  const median = (pick: (f: Figures) => number) => {
    const sorted = runs.map(pick).sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
  };
  const sum = (pick: (f: Figures) => number) => runs.reduce((total, f) => total + pick(f), 0);
  return {
    rps: median((f) => f.rps),
    p50: median((f) => f.p50),
    p99: median((f) => f.p99),
    cpuUs: median((f) => f.cpuUs),
    rssMiB: median((f) => f.rssMiB),
    responses: sum((f) => f.responses),
    statuses: {
      '2xx': sum((f) => f.statuses['2xx']),
      '3xx': sum((f) => f.statuses['3xx']),
      '4xx': sum((f) => f.statuses['4xx']),
      '5xx': sum((f) => f.statuses['5xx']),
    },
    errors: sum((f) => f.errors),
    serverCpu: median((f) => f.serverCpu),
    clientCpu: median((f) => f.clientCpu),
  };
}
