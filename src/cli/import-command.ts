// `dateline import`: parses an interview transcript, and prints the proposed updates as JSON
// (`--dry-run`) or saves them as a draft article (or into an existing one).
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { transcriptProblem, transcriptToForm, validateImport, validateTitle } from '../domain/import-form.js';
import { LIMITS } from '../domain/limits.js';
import { parseTranscript, type ParsedTranscript } from '../domain/transcript.js';
import { LOCALES, type Locale } from '../domain/types.js';
import type { FieldErrors } from '../domain/validation.js';
import { dayKey, isValidTimeZone, zonedWallTimeToUtc } from '../render/dates.js';
import { setArticleStatus } from '../services/articles.js';
import { inTransaction, type ServiceContext } from '../services/context.js';
import { importTranscript, type ImportTarget } from '../services/import.js';
import { CLI_ACTOR, UsageError, withContext } from './common.js';

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

/** Refusals of the import, printed as `dateline: …` with exit 1. */
class ImportRefused extends Error {}

/** Where `dateline import` puts the updates, and what it prints. */
interface Destination {
  article: { slug: string } | { title: string; timeZone: string };
  publish: boolean;
}

/** "updates.2.blocks.0.answer" → "update 3, block 1, answer". */
function where(key: string): string {
  return key
    .replace(/^updates\.(\d+)/, (_, n: string) => `update ${Number(n) + 1}`)
    .replace(/\.blocks\.(\d+)/, (_, n: string) => `, block ${Number(n) + 1}`)
    .replace(/\.(\w+)$/, ', $1');
}

/**
 * Saves the parsed transcript as the CLI actor: a new draft article (published too with `--publish`)
 * or more updates on an existing one. Updates without a date get today's date in the article's zone.
 * Returns the lines to print, the desk URL last.
 */
function save(
  ctx: ServiceContext,
  baseUrl: string | undefined,
  parsed: ParsedTranscript,
  to: Destination,
  locale: Locale,
) {
  const existing = 'slug' in to.article ? ctx.repos.articles.findBySlug(to.article.slug) : undefined;
  if ('slug' in to.article && !existing)
    throw new ImportRefused(`no article has the slug ${to.article.slug}`);
  const timeZone =
    existing?.timeZone ?? ('timeZone' in to.article ? to.article.timeZone : 'Europe/Stockholm');
  const today = dayKey(ctx.clock().toISOString(), timeZone);
  const forms = transcriptToForm(parsed).map((update) =>
    update.date === '' ? { ...update, date: today } : update,
  );
  const checked = validateImport(forms, (wall) => zonedWallTimeToUtc(wall, timeZone));
  if (!checked.ok) {
    const problems = Object.entries(checked.errors).map(([key, message]) => `  ${where(key)}: ${message}`);
    throw new ImportRefused(`the transcript cannot be imported as it is:\n${problems.join('\n')}`);
  }
  const target: ImportTarget = existing
    ? { articleId: existing.id }
    : { title: 'title' in to.article ? to.article.title : '', locale, timeZone };
  const article = inTransaction(ctx, () => {
    const saved = importTranscript(ctx, CLI_ACTOR, { target, updates: checked.value, publish: to.publish });
    return to.publish && !existing ? setArticleStatus(ctx, CLI_ACTOR, saved.id, 'published') : saved;
  });
  const count = `${checked.value.length} update${checked.value.length === 1 ? '' : 's'}`;
  const state = to.publish ? 'published' : 'draft';
  return [
    existing
      ? `added ${count} (${state}) to "${article.title}"`
      : `created ${article.status} article "${article.title}" (/articles/${article.slug}) with ${count}`,
    `${baseUrl ?? ''}/desk/articles/${article.id}`,
  ];
}

/**
 * Runs `dateline import [--dry-run] [--year YYYY] [--locale sv|en] [--typography] [--title T |
 * --article SLUG] [--time-zone TZ] [--publish] FILE|-`. With `--dry-run` it prints the parse as JSON
 * on stdout (exit 0) and never opens the database. Without it, it creates a draft article (titled
 * `--title`, else the first date heading, else "Imported transcript"; not live) or adds the updates
 * to the article `--article SLUG`, audited as the system admin "cli", and prints the article's desk
 * URL (prefixed with DATELINE_BASE_URL) on the last line. `--publish` publishes the updates and a new
 * article. An unreadable, empty or binary file, an unknown slug or an invalid update exits 1.
 */
export async function importCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      'dry-run': { type: 'boolean', default: false },
      year: { type: 'string' },
      locale: { type: 'string', default: 'sv' },
      typography: { type: 'boolean', default: false },
      title: { type: 'string' },
      article: { type: 'string' },
      'time-zone': { type: 'string', default: 'Europe/Stockholm' },
      publish: { type: 'boolean', default: false },
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
  const saving = values.title !== undefined || values.article !== undefined || values.publish;
  if (values['dry-run'] && saving)
    throw new UsageError('--title, --article and --publish save: leave out --dry-run');
  if (values.title !== undefined && values.article !== undefined) {
    throw new UsageError('--title names a new article: it does not go with --article');
  }
  if (!isValidTimeZone(values['time-zone'])) throw new UsageError(`unknown time zone ${values['time-zone']}`);
  const text = readText(file);
  if (text === null) {
    process.exitCode = 1;
    return;
  }
  const locale = values.locale as Locale;
  const parsed = parseTranscript(text, { year, locale, typography: values.typography });
  if (values['dry-run']) {
    process.stdout.write(`${JSON.stringify(parsed, null, 2)}\n`);
    return;
  }
  const problem = transcriptProblem(text);
  const errors: FieldErrors = {};
  const title = validateTitle(
    values.title ??
      parsed.updates.find((u) => u.label !== null)?.label?.slice(0, LIMITS.title) ??
      'Imported transcript',
    errors,
  );
  if (problem === 'empty' || problem === 'binary' || errors.title) {
    const reason =
      problem === 'empty'
        ? 'it is empty'
        : problem === 'binary'
          ? 'it looks like a binary file'
          : errors.title;
    process.stderr.write(`dateline: cannot import ${file}: ${reason}\n`);
    process.exitCode = 1;
    return;
  }
  const destination: Destination = {
    article:
      values.article !== undefined ? { slug: values.article } : { title, timeZone: values['time-zone'] },
    publish: values.publish,
  };
  try {
    const lines = await withContext((ctx, config) => save(ctx, config.baseUrl, parsed, destination, locale));
    process.stdout.write(`${lines.join('\n')}\n`);
  } catch (err) {
    if (!(err instanceof ImportRefused)) throw err;
    process.stderr.write(`dateline: ${err.message}\n`);
    process.exitCode = 1;
  }
}
