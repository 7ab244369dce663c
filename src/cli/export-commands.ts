// `dateline export --article SLUG` and `dateline import-json FILE`: one article as JSON, out of one
// Dateline database and into another (see services/export.ts and services/export-format.ts).
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { isValidTimeZone } from '../render/dates.js';
import { exportArticle } from '../services/export.js';
import { importArticle, ImportRefused, parseExport } from '../services/import-json.js';
import { CLI_ACTOR, options, UsageError, withContext } from './common.js';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * Runs `dateline export --article SLUG [--with-history] [--out FILE]`: the article's JSON on standard
 * output, or written to FILE with a one-line summary on standard output. An unknown slug exits 1.
 */
export async function exportCommand(args: string[]): Promise<void> {
  const values = options(args, {
    article: { type: 'string' },
    'with-history': { type: 'boolean', default: false },
    out: { type: 'string' },
  });
  if (!values.article) throw new UsageError('export needs --article SLUG');
  const slug = values.article;
  const doc = await withContext((ctx) => exportArticle(ctx, slug, { withHistory: values['with-history'] }));
  const json = `${JSON.stringify(doc, null, 2)}\n`;
  if (values.out === undefined) {
    process.stdout.write(json);
    return;
  }
  writeFileSync(values.out, json);
  const history = doc.revisions ? `, ${plural(doc.revisions.length, 'revision', 'revisions')}` : '';
  console.log(
    `exported "${doc.article.title}" (${plural(doc.updates.length, 'update', 'updates')}${history}) to ${values.out}`,
  );
}

/** Reads and parses the export file (- is standard input); a problem exits 1 with the reason. */
function readExport(file: string) {
  let raw: string;
  try {
    raw = readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (err) {
    const missing = err instanceof Error && 'code' in err && err.code === 'ENOENT';
    throw new ImportRefused(`cannot read ${file}: ${missing ? 'no such file' : String(err)}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    throw new ImportRefused(`${file} is not JSON`);
  }
  return parseExport(data);
}

/**
 * Runs `dateline import-json [--keep-status] FILE|-`: restores an exported article as a new draft (with
 * `--keep-status`, as it was), audited as the system admin "cli". Prints a summary, then the new
 * article's id and slug alone on the last line (`ID SLUG`). Authors without an account here are named
 * on standard error.
 */
export async function importJsonCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    options: { 'keep-status': { type: 'boolean', default: false } },
    strict: true,
    allowPositionals: true,
  });
  const [file, ...extra] = positionals;
  if (file === undefined) throw new UsageError('import-json needs a FILE (or - for standard input)');
  if (extra.length > 0) throw new UsageError(`import-json takes one FILE, not ${positionals.length}`);
  try {
    const doc = readExport(file);
    const result = await withContext((ctx) =>
      importArticle(ctx, CLI_ACTOR, doc, { keepStatus: values['keep-status'], isValidTimeZone }),
    );
    const { article } = result;
    if (result.unmatchedAuthors.length > 0) {
      process.stderr.write(
        `dateline: no account here for ${result.unmatchedAuthors.join(', ')}: their updates and revisions have no author\n`,
      );
    }
    const people =
      result.peopleCreated > 0
        ? `; ${plural(result.peopleCreated, 'person', 'people')} added to the register`
        : '';
    console.log(
      `imported "${article.title}" as ${article.status === 'draft' ? 'a draft' : article.status}: ${plural(result.updates, 'update', 'updates')}, ${plural(result.revisions, 'revision', 'revisions')}${people}`,
    );
    console.log(`${article.id} ${article.slug}`);
  } catch (err) {
    if (!(err instanceof ImportRefused)) throw err;
    process.stderr.write(`dateline: ${err.message}\n`);
    process.exitCode = 1;
  }
}
