// One crash run: a fresh database, the real server, three published articles, concurrent writers, and
// `kill -9` at random moments with a restart each time. The database is verified read-only right after
// every kill (the state a crash leaves behind) and once more after the last restart, when the writers
// have stopped.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { call } from './api.js';
import { runClients, type Shared } from './clients.js';
import { Ledger } from './ledger.js';
import { seededRandom, sleep } from './random.js';
import { createTokenWithCli, serverEnv, ServerProcess, type ServerMode } from './server.js';
import { verifyDatabase, type VerifyReport } from './verify.js';

export interface RunOptions {
  name: string;
  mode: ServerMode;
  /** Kills to make (a control stops at the first violation found). */
  kills: number;
  stopAtFirstViolation: boolean;
  clients: number;
  seed: number;
  /** How long the server runs between a (re)start and the next kill, in ms. */
  upMs: [number, number];
  /** What the server must say on stderr about DATELINE_FAULT (honoured, or ignored in production). */
  notice: RegExp;
  /** A negative control: violations are expected (the database is then not worth keeping). */
  expectViolations: boolean;
  /** Keep the temporary directory (it is kept anyway when the run did not go as expected). */
  keep: boolean;
}

export interface RunResult {
  name: string;
  kills: number;
  seconds: number;
  /** Time spent waiting for the server to (re)start, in seconds (the bulk of a run on a busy machine). */
  startSeconds: number;
  stats: ReturnType<Ledger['stats']>;
  final: VerifyReport | undefined;
  /** Broken promises found in the database, each prefixed with when it was found. */
  violations: string[];
  /** Reasons the run itself proves nothing (no writes, server would not start, …). */
  harnessProblems: string[];
  dir: string;
}

const ARTICLES = 3;

async function setUp(server: ServerProcess, token: string): Promise<number[]> {
  const baseUrl = await server.whenUp();
  const ids: number[] = [];
  for (let i = 1; i <= ARTICLES; i += 1) {
    const created = await call(baseUrl, token, 'POST', '/articles', {
      title: `Kraschtest ${i}`,
      summary: 'Skrivningar som måste överleva kill -9.',
      live: true,
    });
    if (created.kind !== 'answer' || created.status !== 201)
      throw new Error(`could not create an article: ${JSON.stringify(created)}`);
    const id = (created.body as { id: number }).id;
    const published = await call(baseUrl, token, 'POST', `/articles/${id}/publish`);
    if (published.kind !== 'answer' || published.status !== 200)
      throw new Error(`could not publish article ${id}: ${JSON.stringify(published)}`);
    ids.push(id);
  }
  return ids;
}

export async function crashRun(options: RunOptions): Promise<RunResult> {
  const started = performance.now();
  const random = seededRandom(options.seed);
  const dir = mkdtempSync(join(tmpdir(), `dateline-crash-${options.name.replace(/\W+/g, '-')}-`));
  const dbPath = join(dir, 'dateline.db');
  const server = new ServerProcess(serverEnv(dbPath, options.mode));
  const ledger = new Ledger();
  const violations: string[] = [];
  const harnessProblems: string[] = [];
  let kills = 0;
  let startMs = 0;
  const start = async () => {
    const t = performance.now();
    await server.start();
    startMs += performance.now() - t;
  };
  let final: VerifyReport | undefined;
  const log = (line: string) => console.log(`  [${options.name}] ${line}`);

  try {
    await start();
    // The CLI without the fault switch: only the server is under test.
    const token = await createTokenWithCli(serverEnv(dbPath, { nodeEnv: options.mode.nodeEnv }));
    const shared: Shared = {
      server,
      token,
      ledger,
      articleIds: await setUp(server, token),
      known: new Map(),
      stopping: false,
      anomalies: [],
    };
    const clients = runClients(options.clients, shared, options.seed);

    while (kills < options.kills) {
      await sleep(random.int(...options.upMs));
      await server.kill();
      kills += 1;
      const inFlight = ledger.writes.filter((w) => w.outcome === 'pending').length;
      const report = verifyDatabase(dbPath, ledger.writes);
      violations.push(...report.violations.map((v) => `after kill ${kills}: ${v}`));
      log(
        `kill ${kills}: ${ledger.stats().acked} writes acked so far, ${inFlight} in flight; ` +
          `${report.verified} verified in ${report.ms.toFixed(0)} ms, ${report.violations.length} violations`,
      );
      try {
        await start();
      } catch (err) {
        harnessProblems.push(`the server did not restart after kill ${kills}: ${String(err)}`);
        break;
      }
      if (options.stopAtFirstViolation && violations.length > 0) break;
    }

    if (server.baseUrl !== null) {
      await sleep(1000); // the recovered server keeps taking writes
      shared.stopping = true;
      await clients;
      final = verifyDatabase(dbPath, ledger.writes);
      violations.push(...final.violations.map((v) => `after the last restart: ${v}`));
    }
    harnessProblems.push(...shared.anomalies);
  } finally {
    await server.stop();
  }

  if (!options.notice.test(server.stderr))
    harnessProblems.push(`the server did not say ${String(options.notice)} on stderr:\n${server.stderr}`);
  const stats = ledger.stats();
  // A clean run proves something only if every kind of write was acknowledged (a control proves itself).
  const idle = stats.ackedCreates === 0 || stats.ackedEdits === 0 || stats.ackedOrders === 0;
  if (idle && !options.expectViolations)
    harnessProblems.push(`too few acknowledged writes to prove anything: ${JSON.stringify(stats)}`);
  const found = violations.length > 0;
  const asExpected = found === options.expectViolations && harnessProblems.length === 0;
  if (asExpected && !options.keep) rmSync(dir, { recursive: true, force: true });
  return {
    name: options.name,
    kills,
    seconds: (performance.now() - started) / 1000,
    startSeconds: startMs / 1000,
    stats,
    final,
    violations,
    harnessProblems,
    dir,
  };
}

/** A readable summary of a run. */
export function summary(result: RunResult): string {
  const { stats, final } = result;
  const lines = [
    `${result.name}: ${result.kills} kills (kill -9) in ${result.seconds.toFixed(1)} s ` +
      `(${result.startSeconds.toFixed(1)} s of it waiting for ${result.kills + 1} server starts)`,
    `  writes sent ${stats.sent}: acknowledged ${stats.acked} (${stats.ackedCreates} new updates, ` +
      `${stats.ackedEdits} Q&A edits, ${stats.ackedOrders} reorders), rejected ${stats.rejected} (409/404), ` +
      `in flight at a kill ${stats.unknown}, refused while down ${stats.notSent}, 5xx ${stats.serverErrors}`,
  ];
  if (final) {
    lines.push(
      `  verified ${final.verified} of ${stats.acked} acknowledged writes present and unchanged` +
        (final.noopOrders > 0 ? ` (${final.noopOrders} reorders that changed nothing)` : ''),
      `  all or nothing over ${final.counts.updates} updates, ${final.counts.revisions} revisions, ` +
        `${final.counts.audits} audit rows, ${final.counts.events} events; integrity_check and foreign_key_check run after every kill`,
    );
  }
  lines.push(`  violations: ${result.violations.length}`);
  for (const v of result.violations.slice(0, 8)) lines.push(`    - ${v}`);
  if (result.violations.length > 8) lines.push(`    … and ${result.violations.length - 8} more`);
  for (const p of result.harnessProblems) lines.push(`  HARNESS PROBLEM: ${p}`);
  if (existsSync(result.dir)) lines.push(`  database kept in ${result.dir}`);
  return lines.join('\n');
}
