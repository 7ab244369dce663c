// `dateline seed-bench`: fills a database with generated stories for the benchmarks (bench/).
import { statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { seedBench, type BenchSummary } from '../db/bench-seed.js';
import { isFreshDatabase, seedDemoContent } from '../db/seed.js';
import { options, UsageError, withContext } from './common.js';

function count(name: string, raw: string | undefined, fallback: number, min: number): number {
  if (raw === undefined) return fallback;
  if (!/^\d{1,9}$/.test(raw) || Number(raw) < min)
    throw new UsageError(`--${name} must be a whole number ≥ ${min}`);
  return Number(raw);
}

/** Database file plus its WAL, in MiB (0 for `:memory:`). */
function sizeMiB(path: string): number {
  const size = (file: string) => {
    try {
      return statSync(file).size;
    } catch {
      return 0;
    }
  };
  return (size(path) + size(`${path}-wal`)) / 2 ** 20;
}

function report(made: BenchSummary, demo: boolean, seconds: number, path: string): string[] {
  const { articles, blocks } = made;
  return [
    `seeded ${articles.sv + articles.en} articles (${articles.sv} sv, ${articles.en} en), all published${demo ? ', plus the demo stories' : ''}`,
    `updates: ${made.updates} (${made.keyEvents} key events, ${made.pinned} pinned)`,
    `blocks: ${blocks.text} text, ${blocks.qa} Q&A, ${blocks.quote} quotes; people in the register: ${made.people}`,
    `database: ${path} (${sizeMiB(path).toFixed(1)} MiB) in ${seconds.toFixed(1)} s`,
    // Last, so scripts can read it with `tail -1`.
    made.longStory
      ? `long story: ${made.longStory.slug} (${made.longStory.updates} updates)`
      : 'long story: none',
  ];
}

/**
 * Generates `--articles N` published stories with `--updates M` dated updates each on average (one of
 * them the long story of `--long L` updates), deterministic from `--seed`; `--demo` first seeds the
 * demo stories that a first start would, when the database is empty. Progress goes to stderr.
 */
export async function seedBenchCommand(args: string[]): Promise<void> {
  const values = options(args, {
    db: { type: 'string' },
    articles: { type: 'string' },
    updates: { type: 'string' },
    long: { type: 'string' },
    seed: { type: 'string' },
    demo: { type: 'boolean' },
  });
  const articles = count('articles', values.articles, 100, 0);
  const settings = {
    articles,
    updates: count('updates', values.updates, 5, 1),
    seed: count('seed', values.seed, 1, 0),
    longStory: Math.min(count('long', values.long, 200, 0), articles > 0 ? Infinity : 0),
  };
  if (values.db !== undefined) process.env.DATELINE_DB = values.db;
  const started = performance.now();
  const { made, path } = await withContext(async (ctx, config) => {
    if (values.demo && isFreshDatabase(ctx)) await seedDemoContent(ctx);
    const made = await seedBench(ctx, settings, (done) => {
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      process.stderr.write(`seed-bench: ${done}/${articles} articles (${seconds} s)\n`);
    });
    ctx.db.pragma('wal_checkpoint(TRUNCATE)');
    return { made, path: config.dbPath };
  });
  for (const line of report(made, values.demo === true, (performance.now() - started) / 1000, path))
    console.log(line);
}
