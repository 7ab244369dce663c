import { medianFigures, runLoad, type Figures, type Request } from './load.js';

/** A server under test: where it listens and its process (for CPU and memory). */
export interface Contender {
  baseUrl: string;
  pid: number;
}

/** How hard and how long every load run drives a server. */
export interface Plan {
  connections: number;
  /** Seconds per measured run. */
  duration: number;
  /** Seconds of the discarded warm-up run of each server. */
  warmup: number;
  rounds: number;
}

/** The servers of one benchmark run, its plan and where progress lines go. */
export interface BenchRun {
  dateline: Contender;
  hello: Contender;
  plan: Plan;
  log: (line: string) => void;
}

/** What a scenario concluded: its target line and every figure behind it (for the JSON results). */
export interface Outcome {
  scenario: string;
  target: string;
  pass: boolean;
  measured: string;
  details: Record<string, unknown>;
}

export interface Comparison {
  dateline: Figures;
  hello: Figures;
  /** Dateline's median req/s over the hello world's median req/s of the same rounds. */
  ratio: number;
  rounds: { dateline: Figures[]; hello: Figures[] };
}

/** What readers' browsers send: every scenario accepts compression, and so does the baseline. */
export const ENCODING = { 'Accept-Encoding': 'gzip, br' };

const HELLO: Request[] = [{ path: '/', headers: ENCODING }];

/** One line of figures: req/s, latency, server CPU per request, RSS, and the statuses seen. */
export function figuresLine(label: string, f: Figures): string {
  const statuses = Object.entries(f.statuses)
    .filter(([, n]) => n > 0)
    .map(([cls, n]) => `${cls} ${n}`)
    .join(', ');
  const client = `, load generator ${(f.clientCpu * 100).toFixed(0)}%${f.clientCpu > 0.9 ? ': it may be the limit' : ''}`;
  return (
    `  ${label.padEnd(9)} ${Math.round(f.rps).toLocaleString('en').padStart(7)} req/s  p50 ${f.p50} ms  p99 ${f.p99} ms  ` +
    `${f.cpuUs.toFixed(0)} µs CPU/req (server ${(f.serverCpu * 100).toFixed(0)}% busy${client})  ` +
    `RSS ${f.rssMiB.toFixed(1)} MiB  [${statuses}${f.errors ? `, ${f.errors} errors` : ''}]`
  );
}

/**
 * Drives Dateline with `requests` and the Express hello world with `GET /`, in turn (A B A B): one
 * discarded warm-up run each, then `rounds` rounds; the medians of each server's rounds are compared.
 */
export async function compare(run: BenchRun, requests: Request[], connections = run.plan.connections) {
  const { plan, dateline, hello } = run;
  const spec = (duration: number, reqs: Request[]) => ({ connections, duration, requests: reqs });
  await runLoad(dateline.baseUrl, dateline.pid, spec(plan.warmup, requests));
  await runLoad(hello.baseUrl, hello.pid, spec(plan.warmup, HELLO));
  const rounds: Comparison['rounds'] = { dateline: [], hello: [] };
  for (let round = 0; round < plan.rounds; round++) {
    rounds.dateline.push(await runLoad(dateline.baseUrl, dateline.pid, spec(plan.duration, requests)));
    rounds.hello.push(await runLoad(hello.baseUrl, hello.pid, spec(plan.duration, HELLO)));
  }
  const comparison: Comparison = {
    dateline: medianFigures(rounds.dateline),
    hello: medianFigures(rounds.hello),
    ratio: 0,
    rounds,
  };
  comparison.ratio = comparison.dateline.rps / comparison.hello.rps;
  run.log(figuresLine('dateline', comparison.dateline));
  run.log(figuresLine('hello', comparison.hello));
  run.log(`  ratio     ${comparison.ratio.toFixed(2)}× Express hello (medians of ${plan.rounds} rounds)`);
  const idle = (f: Figures) => f.serverCpu < 0.8 && f.clientCpu < 0.9;
  if (connections > 1 && (idle(comparison.dateline) || idle(comparison.hello)))
    run.log(
      '  warning   a server was neither saturated nor held back by the load generator: other work on the machine?',
    );
  return comparison;
}
