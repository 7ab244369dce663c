import { performance } from 'node:perf_hooks';
import type { Outcome } from './compare.js';
import { startDateline } from './dateline.js';

/**
 * Start-up: the time from spawning `node dist/server.js` (production mode) on the big database until it
 * prints "Dateline listening". One untimed start first (it creates the bench admin and leaves the file
 * in the OS page cache, as on a server that restarts), then `times` timed starts; the slowest counts.
 * A cold page cache (after a reboot) is not measured: dropping it needs root and disturbs the machine.
 */
export async function runStartupScenario(
  root: string,
  db: { path: string; mib: number },
  cpu: number | null,
  log: (line: string) => void,
  times = 3,
): Promise<Outcome> {
  await (await startDateline(root, db.path, cpu)).stop();
  const starts: number[] = [];
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    const server = await startDateline(root, db.path, cpu);
    starts.push(performance.now() - started);
    await server.stop();
  }
  const worst = Math.max(...starts);
  log(
    `  ${times} starts on ${db.mib.toFixed(0)} MiB: ${starts.map((ms) => `${ms.toFixed(0)} ms`).join(', ')}`,
  );
  return {
    scenario: 'startup',
    target: `start-up on a ${(db.mib / 1024).toFixed(2)} GiB database: ≤ 2 s`,
    pass: worst <= 2000,
    measured: `slowest of ${times}: ${worst.toFixed(0)} ms`,
    details: { databaseMiB: db.mib, startsMs: starts },
  };
}
