import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import type { Outcome } from './compare.js';

/** The machine the figures come from (they mean little without it). */
export function machine() {
  const cpu = cpus();
  return {
    cpus: cpu.length,
    model: cpu[0]?.model.trim() ?? '?',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    loadAverageAtStart: loadavg().map((n) => Number(n.toFixed(2))),
  };
}

/** One line per machine fact, for the top of a report. */
export function machineLine(
  m: ReturnType<typeof machine>,
  pinned: boolean,
  placement = 'servers on CPU 1, load generator on CPU 0',
): string {
  return (
    `machine    ${m.cpus} × ${m.model}, ${m.memoryGiB} GiB, node ${m.node}, load ${m.loadAverageAtStart.join(' ')}\n` +
    `placement  ${pinned ? `${placement} (taskset)` : 'not pinned (no taskset or 1 CPU): figures are rough'}`
  );
}

/** The closing summary: one PASS/FAIL line per target. */
export function summaryLines(outcomes: Outcome[]): string[] {
  return outcomes.map((o) => `${o.pass ? 'PASS' : 'FAIL'}  ${o.target} — ${o.measured}`);
}

/** Writes the results as JSON to bench/results/<timestamp><suffix>.json and returns the path. */
export function writeResults(root: string, suffix: string, results: Record<string, unknown>): string {
  const dir = join(root, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}${suffix}.json`);
  writeFileSync(path, `${JSON.stringify(results, null, 2)}\n`);
  return path;
}
