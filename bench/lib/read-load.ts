// A child process of `npm run bench:live -- --mode write-under-load`: reads one page at full speed with
// autocannon until it gets SIGTERM, then prints what it measured as one JSON line. Kept out of the
// measuring process so that the reads do not delay the timing of the writes in its event loop.
// Run: node --import tsx bench/lib/read-load.ts URL CONNECTIONS
import autocannon from 'autocannon';

const [url, connections = '50'] = process.argv.slice(2);
if (!url) throw new Error('usage: read-load.ts URL [CONNECTIONS]');
const instance = autocannon(
  {
    url,
    connections: Number(connections),
    duration: 3600,
    headers: { 'Accept-Encoding': 'gzip, br' },
  },
  (err, result) => {
    if (err) throw err;
    const responses = result['2xx'] + result['3xx'] + result['4xx'] + result['5xx'];
    const line = {
      rps: responses / result.duration,
      responses,
      non2xx: result.non2xx,
      errors: result.errors,
      p50: result.latency.p50,
      p99: result.latency.p99,
    };
    process.stdout.write(`${JSON.stringify(line)}\n`);
  },
);
process.once('SIGTERM', () => instance.stop());
