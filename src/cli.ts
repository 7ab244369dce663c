#!/usr/bin/env node
// The `dateline` command: parses argv and calls the same services the routes call.
import { text } from 'node:stream/consumers';
import { parseArgs } from 'node:util';
import { validateAccount } from './domain/account-input.js';
import { ROLES } from './domain/types.js';
import { configFromEnv, createLogger, openAndMigrate, serviceContext } from './runtime.js';
import { createUser } from './services/accounts.js';
import { failStart, serve } from './serve.js';

const USAGE = `usage: dateline <command>

commands:
  serve                                   start the web server (same as npm start)
  migrate                                 apply pending database migrations and exit
  user add --email E --role R [--name N] --password-stdin
                                          create an account (role: ${ROLES.join(' | ')});
                                          the password is read from standard input

environment: DATELINE_DB (data/dateline.db), see the README for the rest`;

class UsageError extends Error {}

async function migrateCommand(): Promise<void> {
  const config = configFromEnv();
  const db = await openAndMigrate(config, createLogger(config));
  db.close();
  console.log(`database ${config.dbPath} is up to date`);
}

async function userAdd(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      email: { type: 'string' },
      role: { type: 'string' },
      name: { type: 'string' },
      'password-stdin': { type: 'boolean' },
    },
    strict: true,
  });
  if (!values.email || !values.role) throw new UsageError('user add needs --email and --role');
  if (!values['password-stdin'])
    throw new UsageError('give the password on standard input with --password-stdin');
  const password = (await text(process.stdin)).replace(/\r?\n$/, '');
  const checked = validateAccount({
    email: values.email,
    role: values.role,
    displayName: values.name ?? '',
    password,
  });
  if (!checked.ok) throw new UsageError(Object.values(checked.errors).join(' '));
  const config = configFromEnv();
  const db = await openAndMigrate(config, createLogger(config));
  try {
    const system = { userId: null, label: 'cli', role: 'admin' as const, ip: null };
    const result = await createUser(serviceContext(db), system, checked.value);
    if (!result.ok) throw new UsageError(Object.values(result.errors).join(' '));
    console.log(`created ${result.user.role} ${result.user.email} (id ${result.user.id})`);
  } finally {
    db.close();
  }
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve':
      return serve();
    case 'migrate':
      return migrateCommand();
    case 'user':
      if (rest[0] === 'add') return userAdd(rest.slice(1));
      throw new UsageError(`unknown user command: ${rest[0] ?? '(none)'}`);
    case undefined:
    case 'help':
    case '--help':
      console.log(USAGE);
      return;
    default:
      throw new UsageError(`unknown command: ${command}`);
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  if (
    err instanceof UsageError ||
    (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS'))
  ) {
    process.stderr.write(`dateline: ${err.message}\n\n${USAGE}\n`);
    process.exit(2);
  }
  failStart(err);
});
