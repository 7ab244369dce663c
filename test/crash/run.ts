// `npm run test:crash`: kill -9 the real server under write load and check that nothing acknowledged is
// lost and nothing is half-written. See README.md, "Durability".
//
//   npm run test:crash                                  the suite (what CI runs): the production run must be
//                                                       clean AND both negative controls must be caught
//   npm run test:crash -- --normal                      only the production run (exit 1 on any violation)
//   npm run test:crash -- --control split-transaction   only that control: it MUST fail (exit 1)
//   npm run test:crash -- --control ack-before-commit
//   options: --kills N (production run, default 22), --clients N (4), --seed N, --keep (keep the databases)
//
// The production run sets DATELINE_FAULT too: a production server must ignore it (and say so). Controls
// run with NODE_ENV=test, DATELINE_FAULT=<fault> and DATELINE_FAULT_INJECTION=i-know-this-loses-data,
// the only combination that switches a fault on (src/services/context.ts).
import { parseArgs } from 'node:util';
import { crashRun, summary, type RunOptions, type RunResult } from './scenario.js';

const CONTROLS = ['split-transaction', 'ack-before-commit'] as const;

const { values } = parseArgs({
  options: {
    normal: { type: 'boolean', default: false },
    control: { type: 'string', multiple: true, default: [] },
    kills: { type: 'string', default: '22' },
    clients: { type: 'string', default: '4' },
    seed: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
  strict: true,
});

for (const control of values.control) {
  if (!(CONTROLS as readonly string[]).includes(control)) {
    console.error(`unknown control ${control}; known: ${CONTROLS.join(', ')}`);
    process.exit(2);
  }
}
const suite = !values.normal && values.control.length === 0;
const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed);
const kills = Number(values.kills);
const clients = Number(values.clients);

const base = { clients, seed, keep: values.keep, upMs: [300, 2400] as [number, number] };
const normal: RunOptions = {
  ...base,
  name: 'production',
  mode: { nodeEnv: 'production', fault: 'ack-before-commit' },
  notice: /DATELINE_FAULT=ack-before-commit ignored: fault injection is never honoured in production/,
  kills,
  stopAtFirstViolation: false,
  expectViolations: false,
};
const control = (fault: string): RunOptions => ({
  ...base,
  name: `control ${fault}`,
  mode: { nodeEnv: 'test', fault },
  notice: new RegExp(`DATELINE_FAULT=${fault} is ON`),
  kills: 20,
  stopAtFirstViolation: true,
  expectViolations: true,
});

const runs: RunOptions[] = [
  ...(suite || values.normal ? [normal] : []),
  ...(suite ? [...CONTROLS] : values.control).map(control),
];

console.log(`crash test: ${runs.map((r) => r.name).join(', ')}; ${clients} clients; seed ${seed}`);
const results: RunResult[] = [];
for (const run of runs) {
  console.log(`\n${run.name} …`);
  const result = await crashRun(run);
  results.push(result);
  console.log(`\n${summary(result)}`);
}

const broken = results.filter((r) => r.harnessProblems.length > 0);
const isControl = (r: RunResult) => r.name.startsWith('control');
console.log('\ncrash test verdict:');
for (const r of results) {
  const found = r.violations.length > 0;
  const verdict = isControl(r)
    ? found
      ? `caught (${r.violations.length} violations after ${r.kills} kills)`
      : `NOT CAUGHT after ${r.kills} kills: the harness misses this fault`
    : found
      ? `FAILED: ${r.violations.length} violations`
      : `clean: ${r.final?.verified ?? 0} acknowledged writes verified after ${r.kills} kills`;
  console.log(
    `  ${r.name}: ${verdict}${r.harnessProblems.length > 0 ? ' (HARNESS PROBLEM, see above)' : ''}`,
  );
}

let ok: boolean;
if (suite) {
  // The production run is clean and every negative control was caught.
  ok =
    broken.length === 0 &&
    results.every((r) => (isControl(r) ? r.violations.length > 0 : r.violations.length === 0));
  console.log(ok ? 'PASS' : 'FAIL');
} else {
  // Plain crash-test semantics: any violation fails (so a control run fails, as it must).
  ok = broken.length === 0 && results.every((r) => r.violations.length === 0);
  console.log(ok ? 'PASS: no violations' : 'FAIL: violations found');
}
process.exit(ok ? 0 : 1);
