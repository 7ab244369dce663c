/**
 * HTTP benchmark of the reader side (not a test): `npm run bench [-- options]`.
 *
 * Builds dist/ when stale, generates data with `dateline seed-bench`, starts Dateline in production mode
 * and a bare Express 5 hello world (bench/lib/hello-server.ts) on CPU 1, drives them in turn from CPU 0
 * with autocannon, and prints per scenario req/s, p50/p99, server CPU µs per request, RSS and the ratio
 * to the hello world, then one PASS/FAIL line per target of issue 9. Results go to bench/results/.
 *
 * Stages: (1) a fresh database with the demo stories, 20 generated ones and a 200-update story: the
 * page scenarios and the cache-miss cost; (2) the big dataset (10,000 articles, ~1 GiB, cached in the
 * temp dir between runs): search latency and start-up time.
 *
 * Options: --duration S (10) --warmup S (3) --rounds N (3) --connections N (50) --miss-count N (300)
 *          --scenario NAME (repeatable: article, long-article, article-304, front-304, miss, search,
 *          startup) --quick (no big dataset: leaves out search and startup) --skip-startup
 *          --big-articles N (10000) --big-updates M (12) --keep (keep the temp dir)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { BenchRun, Contender, Outcome } from './lib/compare.js';
import { cachedDataset, seedInto } from './lib/datasets.js';
import { benchToken, startDateline } from './lib/dateline.js';
import { api, closeClient } from './lib/http-client.js';
import { runMissScenario } from './lib/miss-scenario.js';
import { pageScenarios, runPageScenario } from './lib/page-scenarios.js';
import { LOAD_TOOL } from './lib/load.js';
import { machine, machineLine, summaryLines, writeResults } from './lib/report.js';
import { runSearchScenario } from './lib/search-scenario.js';
import { ensureBuilt, hasTaskset, pin, startServer } from './lib/server.js';
import { runStartupScenario } from './lib/startup-scenario.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DEMO_SLUG = 'it-attack-slar-ut-a-kassor';
const SCENARIOS = ['article', 'long-article', 'article-304', 'front-304', 'miss', 'search', 'startup'];

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    rounds: { type: 'string', default: '3' },
    connections: { type: 'string', default: '50' },
    'miss-count': { type: 'string', default: '300' },
    scenario: { type: 'string', multiple: true },
    quick: { type: 'boolean', default: false },
    'skip-startup': { type: 'boolean', default: false },
    'big-articles': { type: 'string', default: '10000' },
    'big-updates': { type: 'string', default: '12' },
    keep: { type: 'boolean', default: false },
  },
});
const positive = (name: keyof typeof args): number => {
  const n = Number(args[name]);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive whole number`);
  return n;
};
const plan = {
  duration: positive('duration'),
  warmup: positive('warmup'),
  rounds: positive('rounds'),
  connections: positive('connections'),
};
const unknown = (args.scenario ?? []).filter((name) => !SCENARIOS.includes(name));
if (unknown.length > 0)
  throw new Error(`unknown scenario ${unknown.join(', ')} (known: ${SCENARIOS.join(', ')})`);
const selected = new Set(
  (args.scenario ?? SCENARIOS).filter(
    (name) =>
      !(args.quick && ['search', 'startup'].includes(name)) && !(args['skip-startup'] && name === 'startup'),
  ),
);
const log = (line: string) => process.stdout.write(`${line}\n`);

/** Stage 1: demo stories + a 200-update story on a fresh database; page scenarios and the miss cost. */
async function pageStage(dir: string, hello: Contender, cpu: number | null): Promise<Outcome[]> {
  const db = join(dir, 'pages.db');
  const longSlug = seedInto(ROOT, db, ['--demo', '--articles', '20', '--updates', '5', '--long', '200']);
  if (!longSlug) throw new Error('seed-bench made no long story');
  const server = await startDateline(ROOT, db, cpu);
  const run: BenchRun = { dateline: server, hello, plan, log };
  const outcomes: Outcome[] = [];
  try {
    for (const scenario of pageScenarios(DEMO_SLUG, longSlug).filter((s) => selected.has(s.name))) {
      log(`\n${scenario.name}: ${scenario.label} (${scenario.path})`);
      outcomes.push(await runPageScenario(run, scenario));
    }
    if (selected.has('miss')) {
      log('\nmiss: the first view of the demo article after a change');
      const token = benchToken(ROOT, db);
      const list = await api<{ articles: { id: number; slug: string }[] }>(
        server.baseUrl,
        token,
        'GET',
        '/api/v1/articles',
      );
      const demo = list.articles.find((a) => a.slug === DEMO_SLUG);
      if (!demo) throw new Error(`the demo article ${DEMO_SLUG} is not on the API's first page`);
      outcomes.push(await runMissScenario(run, token, demo, positive('miss-count')));
    }
  } finally {
    await server.stop();
  }
  return outcomes;
}

/** Stage 2: the big dataset; search latency, then start-up time. */
async function bigStage(hello: Contender, cpu: number | null): Promise<Outcome[]> {
  const articles = positive('big-articles');
  const seedArgs = ['--articles', String(articles), '--updates', String(positive('big-updates'))];
  log(`\nbig dataset: seed-bench ${seedArgs.join(' ')} (cached between runs; the first run takes minutes)`);
  const big = cachedDataset(ROOT, 'big', seedArgs);
  log(`  ${big.path}: ${big.mib.toFixed(0)} MiB${big.reused ? ', reused from the cache' : ''}`);
  const outcomes: Outcome[] = [];
  if (selected.has('search')) {
    log('\nsearch: queries over the big dataset, one reader at a time');
    const server = await startDateline(ROOT, big.path, cpu);
    try {
      outcomes.push(await runSearchScenario({ dateline: server, hello, plan, log }, articles));
    } finally {
      await server.stop();
    }
  }
  if (selected.has('startup')) {
    log('\nstartup: spawn to "Dateline listening" on the big dataset');
    outcomes.push(await runStartupScenario(ROOT, big, cpu, log));
  }
  return outcomes;
}

async function main(): Promise<number> {
  const build = ensureBuilt(ROOT);
  const pinned = cpus().length >= 2 && hasTaskset() && pin(process.pid, 0);
  const cpu = pinned ? 1 : null;
  const facts = machine();
  log(`Dateline HTTP bench (${build === 'rebuilt' ? 'built dist/ first' : 'dist/ up to date'})`);
  log(machineLine(facts, pinned));
  log(
    `plan       ${plan.connections} connections, ${plan.warmup} s warm-up, ${plan.rounds} rounds of ${plan.duration} s, A B A B; load by ${LOAD_TOOL === 'wrk' ? 'wrk (one-URL scenarios; autocannon for search)' : 'autocannon (install wrk: autocannon cannot saturate the fast path from one core)'}`,
  );
  const dir = mkdtempSync(join(tmpdir(), 'dateline-bench-'));
  const helloEnv = { ...process.env, NODE_ENV: 'production', HOST: '127.0.0.1', PORT: '0' };
  const helloScript = join(ROOT, 'bench', 'lib', 'hello-server.ts');
  const hello = await startServer(ROOT, helloEnv, cpu, ['--import', 'tsx'], helloScript);
  const outcomes: Outcome[] = [];
  try {
    if (SCENARIOS.slice(0, 5).some((name) => selected.has(name)))
      outcomes.push(...(await pageStage(dir, hello, cpu)));
    if (selected.has('search') || selected.has('startup')) outcomes.push(...(await bigStage(hello, cpu)));
  } finally {
    await hello.stop();
    closeClient();
    if (!args.keep) rmSync(dir, { recursive: true, force: true });
  }
  log('\nsummary');
  for (const line of summaryLines(outcomes)) log(line);
  const skipped = SCENARIOS.filter((name) => !selected.has(name));
  if (skipped.length > 0) log(`not run: ${skipped.join(', ')}`);
  const file = writeResults(ROOT, '-http', {
    kind: 'http',
    machine: facts,
    pinned,
    build,
    plan,
    skipped,
    outcomes,
  });
  log(`results    ${file}`);
  return outcomes.every((o) => o.pass) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`bench: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
