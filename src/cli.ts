#!/usr/bin/env node
// The `dateline` command: parses argv and calls the same services the routes call.
import { auditCommand } from './cli/audit-commands.js';
import { backupCommand, restoreCommand } from './cli/backup-commands.js';
import { checkCommand } from './cli/check-command.js';
import { exportCommand, importJsonCommand } from './cli/export-commands.js';
import { UsageError, withContext } from './cli/common.js';
import { importCommand } from './cli/import-command.js';
import { reindexCommand } from './cli/reindex-command.js';
import { seedBenchCommand } from './cli/seed-bench.js';
import { tokenCommand } from './cli/token-command.js';
import { userCommand } from './cli/user-commands.js';
import { ROLES } from './domain/types.js';
import { failStart, serve } from './serve.js';
import { ServiceError } from './services/context.js';

const USAGE = `usage: dateline <command>

commands:
  serve                                   start the web server (same as npm start)
  migrate                                 apply pending database migrations and exit
  check                                   judge the configuration in the environment for production
                                          (does not open the database); exit 1 on a problem
  user add --email E --role R [--name N] --password-stdin
                                          create an account (role: ${ROLES.join(' | ')});
                                          the password is read from standard input
  user list                               list the accounts: id, email, role, disabled, name
  user disable --email E                  disable an account and end its sessions
  user enable --email E                   enable a disabled account
  user set-role --email E --role R        change an account's role and end its sessions
  user reset-password --email E           give an account a new generated password and end its
                                          sessions; the password is shown once, alone on the last
                                          line of the output (choosing a password is not supported)
  token create --email E --name N         create an API token for the account; the token is shown
                                          once, alone on the last line of the output
  token revoke --id N                     revoke an API token (calls with it answer 401 at once)
  token list --email E                    list an account's API tokens: id, created, last used,
                                          status, name (the tokens themselves are not kept)
  backup FILE                             online backup of the database into FILE (the server may
                                          keep running); progress on stderr
  restore FILE                            check FILE (integrity, foreign keys) and replace the
                                          database with it; the old one is kept as a .bak (stop the
                                          server first); a damaged FILE is refused
  audit verify                            check the audit log's hash chain; exit 1 naming the first
                                          row that does not hold
  reindex                                 rebuild the full-text search index from the articles
  import --dry-run [--year YYYY] [--locale sv|en] [--typography] FILE|-
                                          parse an interview transcript (- reads standard input) and
                                          print the proposed updates and blocks as JSON; the year
                                          (default: this year) fills dates without one, the locale
                                          defaults to sv; does not open the database
  import [--year Y] [--locale sv|en] [--typography] [--title T | --article SLUG]
         [--time-zone TZ] [--publish] FILE|-
                                          create a draft article from the transcript (or append to
                                          the article SLUG); prints its desk URL on the last line
  export --article SLUG [--with-history] [--out FILE]
                                          write the article, its tags, updates, blocks, corrections
                                          and the people who speak as JSON (to FILE or standard
                                          output); --with-history adds removed updates and every
                                          revision
  import-json [--keep-status] FILE|-      restore an exported article in this database (new ids,
                                          people matched by name and organisation, a unique slug),
                                          as a draft unless --keep-status; prints "ID SLUG" last
  seed-bench [--db PATH] [--articles N] [--updates M] [--long L] [--seed S] [--demo]
                                          generate N published stories (default 100) of M updates
                                          on average (default 5) for the benchmarks, the newest a
                                          live story of L updates (default 200; its slug is printed
                                          last); --demo first seeds the demo stories into an empty
                                          database; the same seed (default 1) gives the same text

Account changes are audited as the system admin "cli"; the last active admin cannot be disabled
or demoted. Exit status: 0 done, 1 refused or failed, 2 bad command line.

environment: DATELINE_DB (data/dateline.db), see the README for the rest`;

async function migrateCommand(): Promise<void> {
  const dbPath = await withContext((_ctx, config) => config.dbPath);
  console.log(`database ${dbPath} is up to date`);
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve':
      return serve();
    case 'migrate':
      return migrateCommand();
    case 'check':
      return checkCommand(rest);
    case 'user':
      return userCommand(rest[0], rest.slice(1));
    case 'audit':
      return auditCommand(rest[0], rest.slice(1));
    case 'token':
      return tokenCommand(rest[0], rest.slice(1));
    case 'import':
      return importCommand(rest);
    case 'export':
      return exportCommand(rest);
    case 'import-json':
      return importJsonCommand(rest);
    case 'reindex':
      return reindexCommand(rest);
    case 'seed-bench':
      return seedBenchCommand(rest);
    case 'backup':
      return backupCommand(rest);
    case 'restore':
      return restoreCommand(rest);
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
  if (err instanceof ServiceError) {
    process.stderr.write(`dateline: ${err.message}\n`);
    process.exit(1);
  }
  failStart(err);
});
