import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Newest modification time (ms) of the files under `path` (or of `path` itself). */
function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** Runs `npm run build` when dist/server.js is missing or older than src/ and the build config. */
export function ensureBuilt(root: string): 'up to date' | 'rebuilt' {
  const entry = join(root, 'dist', 'server.js');
  const inputs = ['src', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'].map((p) =>
    join(root, p),
  );
  const newestInput = Math.max(...inputs.filter((p) => existsSync(p)).map(newestMtime));
  if (existsSync(entry) && statSync(entry).mtimeMs >= newestInput) return 'up to date';
  process.stderr.write('bench: dist/ is missing or stale, running npm run build\n');
  execFileSync('npm', ['run', 'build'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  return 'rebuilt';
}

/** True when `taskset` is on the PATH (util-linux). */
export function hasTaskset(): boolean {
  try {
    execFileSync('taskset', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Pins a running process (all its threads) to one CPU (best effort). */
export function pin(pid: number, cpu: number): boolean {
  try {
    execFileSync('taskset', ['-apc', String(cpu), String(pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export interface BenchServer {
  child: ChildProcess;
  pid: number;
  baseUrl: string;
  stop(): Promise<void>;
}

/**
 * Starts `node dist/server.js` (or another `script`; optionally under `taskset -c CPU`: taskset execs
 * node, so the pid is node's) and resolves once it prints "… listening on http://HOST:PORT".
 */
export function startServer(
  root: string,
  env: NodeJS.ProcessEnv,
  cpu: number | null,
  nodeFlags: string[] = [],
  script = join(root, 'dist', 'server.js'),
): Promise<BenchServer> {
  const node = [process.execPath, ...nodeFlags, script];
  const [cmd, ...args] = cpu === null ? node : ['taskset', '-c', String(cpu), ...node];
  const child = spawn(cmd as string, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  // Keep draining both pipes for the whole run: a full pipe would block the server's logger.
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output = (output + chunk).slice(-4000)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error('server did not start within 30 s')), 30_000);
    const fail = (err: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${err.message}\n--- server output ---\n${output}`));
    };
    child.on('exit', (code, signal) => fail(new Error(`server exited early (${code ?? signal})`)));
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      output = (output + chunk).slice(-4000);
      const match = / listening on (http:\/\/[\d.]+:\d+)/.exec(output);
      if (!match || child.pid === undefined) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      const pid = child.pid;
      resolve({ child, pid, baseUrl: match[1] as string, stop: () => stopChild(child) });
    });
  });
}

/** SIGTERM, then SIGKILL after 5 s if the process is still there. */
function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Resident memory of a process in KiB (VmRSS in /proc/PID/status). */
export function rssKb(pid: number): number {
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) : Number.NaN;
}

/** User + system CPU in ms from a /proc stat file (clock ticks of 10 ms). */
function statCpuMs(path: string): number {
  const stat = readFileSync(path, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** CPU time (user + system) a process has used, all its threads, in ms (/proc/PID/stat). */
export function cpuMs(pid: number): number {
  return statCpuMs(`/proc/${pid}/stat`);
}

/** CPU time of the process's main thread (JavaScript) alone, in ms (/proc/PID/task/PID/stat). */
export function mainThreadCpuMs(pid: number): number {
  return statCpuMs(`/proc/${pid}/task/${pid}/stat`);
}

/** Time on a CPU (ns) of one thread, from its schedstat (exact, unlike /proc/PID/stat's 10 ms ticks). */
function threadRunNs(pid: number, tid: string): number {
  try {
    return Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
  } catch {
    return 0; // the thread ended meanwhile
  }
}

/**
 * CPU time (ms, nanosecond precision) of all the process's threads now alive, and of its main thread;
 * for short windows (one request), where /proc/PID/stat's 10 ms ticks are too coarse.
 */
export function runTimeMs(pid: number): { all: number; main: number } {
  let all = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) all += threadRunNs(pid, tid);
  return { all: all / 1e6, main: threadRunNs(pid, String(pid)) / 1e6 };
}

/**
 * Waits until the process has used less than 5% of a core for a second (at most `limitMs`): a server on
 * a 1 GiB database checks its integrity in a worker thread for the first seconds after starting, on the
 * same core, and latency measured then would be the check's. Returns how long it waited.
 */
export async function untilIdle(pid: number, limitMs = 60_000): Promise<number> {
  const started = Date.now();
  for (let before = cpuMs(pid); Date.now() - started < limitMs;) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const now = cpuMs(pid);
    if (now - before < 50) break;
    before = now;
  }
  return Date.now() - started;
}
