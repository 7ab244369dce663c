import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { startServer, type BenchServer } from './server.js';

/** The admin account every benchmark server is started with. */
export const BENCH_ADMIN = 'bench@example.com';

export interface BenchDateline extends BenchServer {
  adminPassword: string;
}

/**
 * Starts the built Dateline in production mode on `dbPath` (pinned to `cpu` unless null): a random
 * session secret, a public https base URL, loopback trusted as the TLS proxy (so bench clients can send
 * `X-Forwarded-Proto: https` and get Secure cookies back), the demo stories on a fresh database and
 * the bench admin. Warnings only are logged.
 */
export async function startDateline(
  root: string,
  dbPath: string,
  cpu: number | null,
  nodeFlags: string[] = [],
): Promise<BenchDateline> {
  const adminPassword = randomBytes(24).toString('base64url');
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'warn',
    DATELINE_DB: dbPath,
    DATELINE_BASE_URL: 'https://dateline.example',
    DATELINE_SESSION_SECRET: randomBytes(32).toString('hex'),
    DATELINE_TRUST_PROXY: 'loopback',
    DATELINE_SEED_DEMO: 'on',
    DATELINE_ADMIN_EMAIL: BENCH_ADMIN,
    DATELINE_ADMIN_PASSWORD: adminPassword,
  };
  return { ...(await startServer(root, env, cpu, nodeFlags)), adminPassword };
}

/** Runs the built `dateline` command on `dbPath` and returns its standard output. */
export function dateline(root: string, dbPath: string, args: string[]): string {
  return execFileSync(process.execPath, [join(root, 'dist', 'cli.js'), ...args], {
    cwd: root,
    env: { ...process.env, DATELINE_DB: dbPath, LOG_LEVEL: 'warn' },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 16 * 2 ** 20,
  });
}

/** Creates an API token for the bench admin (who exists once the server has started once). */
export function benchToken(root: string, dbPath: string): string {
  const out = dateline(root, dbPath, ['token', 'create', '--email', BENCH_ADMIN, '--name', 'bench']);
  const token = out.trimEnd().split('\n').at(-1) ?? '';
  if (!token.startsWith('dl_')) throw new Error(`token create printed no token: ${out}`);
  return token;
}
