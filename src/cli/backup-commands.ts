// `dateline backup FILE` and `dateline restore FILE`.
import { backupTo, restoreFrom } from '../db/backup.js';
import { openDb } from '../db/open-db.js';
import { configFromEnv } from '../runtime.js';
import { ServiceError } from '../services/context.js';
import { UsageError } from './common.js';

function fileArgument(args: string[], command: string): string {
  if (args.length !== 1 || args[0] === undefined || args[0].startsWith('-')) {
    throw new UsageError(`${command} needs exactly one FILE`);
  }
  return args[0];
}

/** Online backup of the configured database into FILE, with progress on stderr; the server may keep running. */
export async function backupCommand(args: string[]): Promise<void> {
  const file = fileArgument(args, 'backup');
  const config = configFromEnv();
  const db = openDb(config.dbPath);
  try {
    let shown = -1;
    const done = await backupTo(db, file, ({ totalPages, remainingPages }) => {
      const percent = totalPages === 0 ? 100 : Math.floor(((totalPages - remainingPages) / totalPages) * 100);
      if (percent >= shown + 10 || remainingPages === 0) {
        process.stderr.write(`backup: ${percent}% of ${totalPages} pages\n`);
        shown = percent;
      }
    });
    if (shown < 100) process.stderr.write(`backup: 100% of ${done.totalPages} pages\n`);
    console.log(`backed up ${config.dbPath} to ${file} (${done.totalPages} pages)`);
  } finally {
    db.close();
  }
}

/** Replaces the configured database with FILE after checking it; refuses a damaged file. Stop the server first. */
export function restoreCommand(args: string[]): void {
  const file = fileArgument(args, 'restore');
  const config = configFromEnv();
  const { problems, saved } = restoreFrom(file, config.dbPath, new Date());
  if (problems.length > 0) {
    throw new ServiceError(
      'conflict',
      `refusing to restore ${file}:\n  ${problems.slice(0, 10).join('\n  ')}`,
    );
  }
  if (saved) console.log(`kept the previous database as ${saved}`);
  console.log(`restored ${file} into ${config.dbPath}`);
}
