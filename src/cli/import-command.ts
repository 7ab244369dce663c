// `dateline import`: parses an interview transcript and prints the proposed updates as JSON.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseTranscript } from '../domain/transcript.js';
import { LOCALES, type Locale } from '../domain/types.js';
import { UsageError } from './common.js';

function readText(file: string): string | null {
  try {
    return readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (err) {
    const reason =
      err instanceof Error && 'code' in err && err.code === 'ENOENT' ? 'no such file' : String(err);
    process.stderr.write(`dateline: cannot read ${file}: ${reason}\n`);
    return null;
  }
}

/**
 * Runs `dateline import --dry-run [--year YYYY] [--locale sv|en] [--typography] FILE|-`: prints the
 * parse as JSON on stdout (exit 0), never touching the database. Without `--dry-run` it refuses with
 * exit 2 until creating articles from the command line exists. An unreadable file exits 1.
 */
export function importCommand(args: string[]): void {
  const { values, positionals } = parseArgs({
    args,
    options: {
      'dry-run': { type: 'boolean', default: false },
      year: { type: 'string' },
      locale: { type: 'string', default: 'sv' },
      typography: { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: true,
  });
  const [file, ...extra] = positionals;
  if (file === undefined) throw new UsageError('import needs a FILE (or - for standard input)');
  if (extra.length > 0) throw new UsageError(`import takes one FILE, not ${positionals.length}`);
  if (!(LOCALES as readonly string[]).includes(values.locale)) {
    throw new UsageError(`unknown locale ${values.locale}: choose ${LOCALES.join(' or ')}`);
  }
  const year = values.year === undefined ? new Date().getFullYear() : Number(values.year);
  if (!/^\d{4}$/.test(values.year ?? String(year)) || year < 1) {
    throw new UsageError(`--year must be a four-digit year, not ${values.year}`);
  }
  if (!values['dry-run']) {
    process.stderr.write(
      'dateline: creating articles from the command line is not available yet; ' +
        'use --dry-run to print the proposed updates as JSON\n',
    );
    process.exitCode = 2;
    return;
  }
  const text = readText(file);
  if (text === null) {
    process.exitCode = 1;
    return;
  }
  const parsed = parseTranscript(text, {
    year,
    locale: values.locale as Locale,
    typography: values.typography,
  });
  process.stdout.write(`${JSON.stringify(parsed, null, 2)}\n`);
}
