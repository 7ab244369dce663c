import { compare, ENCODING, type BenchRun, type Outcome } from './compare.js';
import { send, textOf } from './http-client.js';
import { untilIdle } from './server.js';
import { percentile } from './stats.js';

/**
 * What readers type: single Swedish words (common and rare), prefixes, words without their diacritics,
 * place names, two-word queries, a quoted phrase, English words, and a few that find nothing.
 */
export const QUERIES = [
  'strejk',
  'stormen',
  'översvämningen',
  'lön*',
  'strejk*',
  'över*',
  'kust*',
  'vård*',
  'it-attacken',
  'a-kassan',
  'lonekraven',
  'sundsvall',
  'kiruna',
  'hamnen gävle',
  'signalfel östersund',
  '"gemensam lägesbild"',
  'nordhall it',
  'räddningsledare',
  'evakuering*',
  'presskonferens',
  'elnätet reservkraften',
  'flooding',
  'strike commuters',
  'kelmsford',
  'zyxwvut',
  'brandgator*',
  'tidtabellen',
  'personuppgifterna',
];

/**
 * Search over the big dataset, one reader at a time (1 connection), so the latency is the query's own
 * and not time spent queueing behind other readers; the hello world gets the same single connection.
 * The queries are sent in turn, over and over, and the p99 is over all of them.
 */
export async function runSearchScenario(run: BenchRun, articles: number): Promise<Outcome> {
  const waited = await untilIdle(run.dateline.pid);
  run.log(`  waited ${(waited / 1000).toFixed(1)} s for the server's start-up work (integrity check) to end`);
  const requests = QUERIES.map((q) => ({ path: `/search?q=${encodeURIComponent(q)}`, headers: ENCODING }));
  let found = 0;
  const slowest: { query: string; ms: number }[] = [];
  for (const [i, { path }] of requests.entries()) {
    const times: number[] = [];
    for (let n = 0; n < 5; n++) {
      const reply = await send(run.dateline.baseUrl, 'GET', path, ENCODING);
      if (reply.status !== 200) throw new Error(`${path} answered ${reply.status}`);
      if (n === 0 && textOf(reply).includes('<mark>')) found++;
      times.push(reply.ms);
    }
    slowest.push({ query: QUERIES[i] ?? '', ms: percentile(times, 50) });
  }
  slowest.sort((a, b) => b.ms - a.ms);
  run.log(`  ${QUERIES.length} queries, ${found} of them with results, over ${articles} articles`);
  run.log(
    `  slowest alone (median of 5): ${slowest
      .slice(0, 3)
      .map((q) => `${q.query} ${q.ms.toFixed(1)} ms`)
      .join(', ')}`,
  );
  const comparison = await compare(run, requests, 1);
  const { p99 } = comparison.dateline;
  const failed = comparison.dateline.responses - comparison.dateline.statuses['2xx'];
  return {
    scenario: 'search',
    target: `search over ${articles.toLocaleString('en')} articles: p99 ≤ 20 ms`,
    pass: failed === 0 && p99 <= 20,
    measured: `p99 ${p99} ms, p50 ${comparison.dateline.p50} ms (1 connection, ${QUERIES.length} queries)${failed ? `; ${failed} not 200` : ''}`,
    details: { queries: QUERIES, withResults: found, slowestAlone: slowest.slice(0, 5), comparison },
  };
}
