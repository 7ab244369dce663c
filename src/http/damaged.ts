import type { RequestListener } from 'node:http';

const MESSAGE =
  'Dateline is unavailable: its database failed the integrity check. An administrator must restore ' +
  'the newest good backup (dateline restore FILE) and restart the server.\n';

/**
 * Serves `listener` until `damage()` names a problem; from then on every request gets a 503 with the
 * reason to restore a backup (nothing is read from or written to a damaged database).
 */
export function unlessDamaged(listener: RequestListener, damage: () => string | null): RequestListener {
  return (req, res) => {
    if (damage() === null) {
      listener(req, res);
      return;
    }
    res.writeHead(503, {
      'content-type': 'text/plain; charset=utf-8',
      'cache-control': 'no-store',
      'retry-after': '3600',
      'x-content-type-options': 'nosniff',
    });
    res.end(MESSAGE);
  };
}
