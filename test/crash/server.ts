// The real server as a child process (`node dist/server.js`, the node process itself, so SIGKILL hits the
// process that holds the database), started on a free port and killed or stopped on demand; and the
// real CLI (`node dist/cli.js token create`) against the same database.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SERVER = join(ROOT, 'dist', 'server.js');
const CLI = join(ROOT, 'dist', 'cli.js');
const LISTENING = /Dateline listening on (http:\/\/127\.0\.0\.1:\d+)/;
const START_TIMEOUT_MS = 20_000;

export const ADMIN_EMAIL = 'crash-admin@example.com';

/** How the server runs: production (the real thing) or a negative control with a fault switched on. */
export interface ServerMode {
  nodeEnv: 'production' | 'test';
  /** DATELINE_FAULT and the consent variable; a production server must ignore them. */
  fault?: string;
}

/** The environment of the server and CLI: the parent's, without any DATELINE_* or NODE_ENV of its own. */
export function serverEnv(dbPath: string, mode: ServerMode): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('DATELINE_') && key !== 'NODE_ENV' && key !== 'PORT') env[key] = value;
  }
  return {
    ...env,
    NODE_ENV: mode.nodeEnv,
    DATELINE_DB: dbPath,
    DATELINE_SESSION_SECRET: randomBytes(32).toString('hex'),
    DATELINE_ADMIN_EMAIL: ADMIN_EMAIL,
    DATELINE_ADMIN_PASSWORD: `Crash-${randomBytes(12).toString('base64url')}`,
    DATELINE_SEED_DEMO: 'off',
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'warn',
    ...(mode.fault ? { DATELINE_FAULT: mode.fault, DATELINE_FAULT_INJECTION: 'i-know-this-loses-data' } : {}),
  };
}

/** The server process: `baseUrl` while it is up, null while it is down. */
export class ServerProcess {
  baseUrl: string | null = null;
  /** Everything the server wrote on stderr, across restarts (fault notices, start-up failures). */
  stderr = '';
  starts = 0;
  private child: ChildProcess | undefined;
  private waiters: ((baseUrl: string) => void)[] = [];

  constructor(private readonly env: NodeJS.ProcessEnv) {}

  /** The base URL once the server is up (at once when it is). */
  whenUp(): Promise<string> {
    if (this.baseUrl !== null) return Promise.resolve(this.baseUrl);
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Starts the server and resolves when it listens; rejects when it exits or hangs instead. */
  async start(): Promise<string> {
    if (this.child) throw new Error('the server is already running');
    const child = spawn(process.execPath, [SERVER], { cwd: ROOT, env: this.env, stdio: 'pipe' });
    this.child = child;
    this.starts += 1;
    let stdout = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      this.stderr += chunk;
    });
    const baseUrl = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`the server did not start in time:\n${stdout}`)),
        START_TIMEOUT_MS,
      );
      // Keep draining stdout for the whole life of the process (a full pipe would block the server).
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        if (stdout.length < 100_000) stdout += chunk;
        const match = LISTENING.exec(stdout);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`the server exited at start (${code ?? signal}):\n${this.stderr.slice(-2000)}`));
      });
    });
    this.baseUrl = baseUrl;
    for (const waiter of this.waiters.splice(0)) waiter(baseUrl);
    return baseUrl;
  }

  /** `kill -9` of the server process; resolves once it is gone. Clients see it as down at once. */
  kill(): Promise<void> {
    return this.end('SIGKILL');
  }

  /** A graceful stop (SIGTERM: the server closes the database). */
  stop(): Promise<void> {
    return this.end('SIGTERM');
  }

  private async end(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    this.baseUrl = null;
    if (!child) return;
    this.child = undefined;
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    await exited;
  }
}

/** Creates an API token for the admin with the real CLI; the token is the last line of its output. */
export async function createTokenWithCli(env: NodeJS.ProcessEnv): Promise<string> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [CLI, 'token', 'create', '--email', ADMIN_EMAIL, '--name', 'crash'],
    { cwd: ROOT, env },
  );
  const token = stdout.trim().split('\n').pop() ?? '';
  if (!/^dl_[A-Za-z0-9_-]{43}$/.test(token)) throw new Error(`no token in the CLI's output:\n${stdout}`);
  return token;
}
