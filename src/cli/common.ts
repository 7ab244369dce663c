// What the command line's subcommands share: the usage error, the audited actor and database access.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { pino } from 'pino';
import type { Config } from '../config.js';
import type { Actor } from '../domain/types.js';
import { configFromEnv, openAndMigrate, serviceContext } from '../runtime.js';
import type { ServiceContext } from '../services/context.js';

/** A mistake on the command line: the CLI exits 2 and prints the usage. */
export class UsageError extends Error {}

/** Every change made from the command line is audited as this system admin, like one made in the desk. */
export const CLI_ACTOR: Actor = { userId: null, label: 'cli', role: 'admin', ip: null };

/** Parses a subcommand's options strictly (no positionals, no unknown options). */
export function options<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], spec: T) {
  return parseArgs({ args, options: spec, strict: true, allowPositionals: false }).values;
}

/**
 * Opens and migrates the configured database, runs `work` with a service context and closes the
 * database again. Log lines go to stderr so that stdout carries only the command's own output.
 */
export async function withContext<T>(
  work: (ctx: ServiceContext, config: Config) => T | Promise<T>,
): Promise<T> {
  const config = configFromEnv();
  const log = pino({ level: config.logLevel }, pino.destination({ dest: 2, sync: true }));
  const db = await openAndMigrate(config, log);
  try {
    return await work(serviceContext(db), config);
  } finally {
    db.close();
  }
}
