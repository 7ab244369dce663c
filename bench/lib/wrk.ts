import { execFileSync, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Figures, LoadSpec } from './load.js';
import { cpuMs, rssKb } from './server.js';

// wrk (Debian's `wrk`, written in C) as the load generator for one-URL scenarios. autocannon, in
// JavaScript on the single core the load generator gets here, tops out near 11,000 answers a second of
// a 6 KiB page: below what the fast path serves, so it measured itself, not Dateline. wrk drives 45,000+
// from the same core. Both servers of a comparison are driven by the same tool.

const SCRIPT = fileURLToPath(new URL('./wrk-report.lua', import.meta.url));

/** True when `wrk` is on the PATH. */
export function hasWrk(): boolean {
  try {
    execFileSync('wrk', ['--version'], { stdio: 'ignore' });
    return true;
  } catch (err) {
    // wrk --version exits 1 after printing its version: it is there if it could be started at all.
    return (err as NodeJS.ErrnoException).code !== 'ENOENT';
  }
}

/** Runs wrk (1 thread) against one URL and reads the line wrk-report.lua prints. */
export async function runWrk(
  baseUrl: string,
  pid: number,
  spec: LoadSpec,
  settle: (pid: number) => Promise<void>,
): Promise<Figures> {
  const [request] = spec.requests;
  if (!request || spec.requests.length !== 1) throw new Error('wrk runs one request');
  const headers = Object.entries(request.headers ?? {}).flatMap(([k, v]) => ['-H', `${k}: ${v}`]);
  const args = ['-t1', `-c${spec.connections}`, `-d${spec.duration}s`, '-s', SCRIPT, ...headers];
  const cpuBefore = cpuMs(pid);
  const child = spawn('wrk', [...args, new URL(request.path, baseUrl).href], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  // The load generator's CPU, sampled while it runs (its /proc entry goes when it exits).
  let clientMs = 0;
  const sampler = setInterval(() => {
    if (child.pid !== undefined) {
      try {
        clientMs = cpuMs(child.pid);
      } catch {
        /* exited */
      }
    }
  }, 200);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  clearInterval(sampler);
  await settle(pid);
  const cpu = cpuMs(pid) - cpuBefore;
  const line = /^WRK (.+)$/m.exec(output)?.[1];
  if (code !== 0 || !line) throw new Error(`wrk failed (exit ${code}):\n${output}`);
  const [durationUs = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, errors = 0, p50Us = 0, p99Us = 0] = line
    .split(' ')
    .map(Number);
  const seconds = durationUs / 1e6;
  const responses = s2 + s3 + s4 + s5;
  return {
    rps: responses / seconds,
    p50: p50Us / 1000,
    p99: p99Us / 1000,
    cpuUs: responses > 0 ? (cpu * 1000) / responses : Number.NaN,
    rssMiB: rssKb(pid) / 1024,
    responses,
    statuses: { '2xx': s2, '3xx': s3, '4xx': s4, '5xx': s5 },
    errors,
    serverCpu: cpu / 1000 / seconds,
    clientCpu: clientMs / 1000 / seconds,
  };
}
