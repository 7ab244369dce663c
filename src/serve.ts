import { createServer } from 'node:http';
import { createApp } from './app.js';
import { ConfigError } from './config.js';
import { DamagedDatabaseError } from './db/open-db.js';
import { MigrationError } from './db/migrate.js';
import { checkInBackground, quickCheckInWorker } from './db/integrity.js';
import { isFreshDatabase, seedDemoContent } from './db/seed.js';
import { unlessDamaged } from './http/damaged.js';
import { safeConfigFromEnv, createLogger, openAndMigrate, serviceContext } from './runtime.js';
import { ensureAdmin } from './services/bootstrap.js';

/** Starts Dateline: configuration → database → migrations → first-start seeding → HTTP. */
export async function serve(): Promise<void> {
  const config = safeConfigFromEnv();
  const log = createLogger(config);
  const deferCheck = checkInBackground(config.dbPath);
  const db = await openAndMigrate(config, log, deferCheck ? 'deferred' : 'now');
  const ctx = serviceContext(db);
  if (config.seedDemo && isFreshDatabase(ctx)) {
    await seedDemoContent(ctx);
    log.info('seeded the demo stories');
  }
  const admin = await ensureAdmin(ctx, config);
  if (admin?.generatedPassword) {
    // Printed once, on the console only; it is not logged or stored anywhere in clear text.
    process.stdout.write(
      `\nFirst admin account created.\n  email:    ${admin.email}\n  password: ${admin.generatedPassword}\n` +
        'Change it after logging in. It will not be shown again.\n\n',
    );
  } else if (admin) {
    log.info({ email: admin.email }, 'created the first admin account');
  }
  const app = createApp({ db, config, log });
  let damage: string | null = null;
  const server = createServer(unlessDamaged(app.handler, () => damage)).listen(
    config.port,
    config.host,
    () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : config.port;
      // Plain line on stdout so people (and tests) see where to go, whatever the log level.
      process.stdout.write(`Dateline listening on http://${config.host}:${port}\n`);
    },
  );
  if (deferCheck) {
    const started = Date.now();
    void quickCheckInWorker(config.dbPath).then((result) => {
      if (result === 'ok') {
        log.info({ ms: Date.now() - started }, 'the database passed its integrity check');
        return;
      }
      damage = result;
      log.fatal({ result }, 'the database failed its integrity check: serving 503 until it is restored');
    });
  }
  const stop = () => {
    log.info('shutting down');
    server.close(() => {
      app.close();
      db.close();
      process.exit(0);
    });
    server.closeAllConnections();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/** Prints expected start-up failures as one clear line and exits non-zero. */
export function failStart(err: unknown): never {
  if (err instanceof ConfigError || err instanceof DamagedDatabaseError || err instanceof MigrationError) {
    process.stderr.write(`dateline: ${err.message}\n`);
  } else {
    process.stderr.write(
      `dateline: could not start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
  }
  process.exit(1);
}
