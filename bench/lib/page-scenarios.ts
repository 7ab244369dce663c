import { setTimeout as sleep } from 'node:timers/promises';
import { compare, ENCODING, type BenchRun, type Outcome } from './compare.js';
import { send, textOf } from './http-client.js';

/** A reader page scenario: a warm 200 page, or a conditional GET that should answer 304. */
export interface PageScenario {
  name: string;
  label: string;
  path: string;
  conditional: boolean;
  /** The least ratio to the Express hello world that passes. */
  ratio: number;
}

/** The page scenarios of `npm run bench` for the demo story, the long story and the front page. */
export function pageScenarios(demoSlug: string, longSlug: string): PageScenario[] {
  return [
    {
      name: 'article',
      label: 'warm article page (demo story)',
      path: `/articles/${demoSlug}`,
      conditional: false,
      ratio: 1.5,
    },
    {
      name: 'long-article',
      label: 'warm article page (200-update story)',
      path: `/articles/${longSlug}`,
      conditional: false,
      ratio: 1.5,
    },
    {
      name: 'article-304',
      label: 'If-None-Match → 304, article page',
      path: `/articles/${demoSlug}`,
      conditional: true,
      ratio: 2,
    },
    { name: 'front-304', label: 'If-None-Match → 304, front page', path: '/', conditional: true, ratio: 2 },
  ];
}

/**
 * Probes the page (status, encoding, size, cache headers; for a conditional scenario the ETag and
 * whether sending it back answers 304) with a second request half a second after the first, so a server
 * that compresses in the background is probed warm as the load will find it; then compares it with the hello world under load. A page that
 * cannot be measured as asked (an error status, no ETag, no 304) fails without a load run.
 */
export async function runPageScenario(run: BenchRun, s: PageScenario): Promise<Outcome> {
  const target = `${s.label}: ≥ ${s.ratio}× Express hello`;
  const outcome = (pass: boolean, measured: string, details: Record<string, unknown>): Outcome => ({
    scenario: s.name,
    target,
    pass,
    measured,
    details: { path: s.path, ...details },
  });
  const cold = await send(run.dateline.baseUrl, 'GET', s.path, ENCODING);
  await sleep(500);
  const first = await send(run.dateline.baseUrl, 'GET', s.path, ENCODING);
  const probe = {
    firstAnswer: `${cold.status} ${cold.headers['content-encoding'] ?? 'identity'}`,
    status: first.status,
    contentEncoding: first.headers['content-encoding'] ?? 'identity',
    bytesOnWire: first.raw.length,
    bytesHtml: Buffer.byteLength(textOf(first)),
    etag: first.headers.etag ?? null,
    cacheControl: first.headers['cache-control'] ?? null,
    vary: first.headers.vary ?? null,
  };
  run.log(
    `  probe     first ${probe.firstAnswer}, then ${probe.status}, ${probe.contentEncoding}, ${(probe.bytesOnWire / 1024).toFixed(1)} KiB on the wire ` +
      `(${(probe.bytesHtml / 1024).toFixed(1)} KiB HTML), ETag ${probe.etag ?? 'none'}, Cache-Control ${probe.cacheControl ?? 'none'}`,
  );
  if (first.status !== 200) return outcome(false, `answered ${first.status}`, { probe });
  const headers: Record<string, string> = { ...ENCODING };
  if (s.conditional) {
    if (!probe.etag) return outcome(false, 'no ETag', { probe });
    headers['If-None-Match'] = probe.etag;
    const again = await send(run.dateline.baseUrl, 'GET', s.path, headers);
    if (again.status !== 304)
      return outcome(false, `If-None-Match answered ${again.status}, not 304`, { probe });
  }
  const comparison = await compare(run, [{ path: s.path, headers }]);
  const expected = s.conditional ? '3xx' : '2xx';
  const { statuses, errors, responses } = comparison.dateline;
  const other = responses - statuses[expected] + errors;
  const measured = `${comparison.ratio.toFixed(2)}× (${Math.round(comparison.dateline.rps)} vs ${Math.round(comparison.hello.rps)} req/s)`;
  if (other > 0)
    return outcome(false, `${measured}, but ${other} answers were not ${expected} or failed`, {
      probe,
      comparison,
    });
  return outcome(comparison.ratio >= s.ratio, measured, { probe, comparison });
}
