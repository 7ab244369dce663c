import { z } from 'zod';

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATELINE_DB: z.string().min(1).default('data/dateline.db'),
  DATELINE_ADMIN_EMAIL: z.email().optional(),
  DATELINE_ADMIN_PASSWORD: z.string().min(12).optional(),
  DATELINE_SESSION_SECRET: z.string().optional(),
  DATELINE_TRUST_PROXY: z.string().default('off'),
  DATELINE_BASE_URL: z.url().optional(),
  DATELINE_SEED_DEMO: z.enum(['on', 'off']).default('on'),
  DATELINE_SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(60),
  DATELINE_SESSION_MAX_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  NODE_ENV: z.string().default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly dbPath: string;
  readonly adminEmail: string | undefined;
  readonly adminPassword: string | undefined;
  /** Signs session cookies; a random per-process secret outside production. */
  readonly sessionSecret: string;
  readonly trustProxy: string | boolean;
  readonly baseUrl: string | undefined;
  readonly seedDemo: boolean;
  /** A session unused this long ends. */
  readonly sessionIdleMs: number;
  /** A session ends this long after login, however active. */
  readonly sessionMaxMs: number;
  readonly production: boolean;
  readonly logLevel: string;
}

export class ConfigError extends Error {}

/** Reads the environment into a typed, frozen configuration; throws ConfigError on bad values. */
export function loadConfig(env: NodeJS.ProcessEnv, randomSecret: () => string): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  const trust = e.DATELINE_TRUST_PROXY;
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    dbPath: e.DATELINE_DB,
    adminEmail: e.DATELINE_ADMIN_EMAIL,
    adminPassword: e.DATELINE_ADMIN_PASSWORD,
    sessionSecret: e.DATELINE_SESSION_SECRET ?? randomSecret(),
    trustProxy: trust === 'off' || trust === '' ? false : trust === 'on' ? true : trust,
    baseUrl: e.DATELINE_BASE_URL?.replace(/\/+$/, ''),
    seedDemo: e.DATELINE_SEED_DEMO === 'on',
    sessionIdleMs: e.DATELINE_SESSION_IDLE_MINUTES * 60 * 1000,
    sessionMaxMs: e.DATELINE_SESSION_MAX_HOURS * 60 * 60 * 1000,
    production,
    logLevel: e.LOG_LEVEL,
  });
}
