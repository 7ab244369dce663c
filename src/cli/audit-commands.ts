// `dateline audit …`: checks on the hash-chained audit log.
import { options, UsageError, withContext } from './common.js';

/** Walks the audit log's hash chain; exit status 1 names the first row that does not hold. */
async function verify(args: string[]): Promise<void> {
  options(args, {});
  const { rows, firstBrokenId } = await withContext((ctx) => ctx.repos.audit.verify());
  if (firstBrokenId === null) {
    console.log(`audit log ok: ${rows} rows`);
  } else {
    process.stderr.write(`audit log broken at row ${firstBrokenId} (${rows} rows checked)\n`);
    process.exitCode = 1;
  }
}

/** Runs `dateline audit <command> …`. */
export function auditCommand(command: string | undefined, args: string[]): Promise<void> {
  if (command === 'verify') return verify(args);
  throw new UsageError(`unknown audit command: ${command ?? '(none)'}`);
}
