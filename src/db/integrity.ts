import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

// The start-up integrity check of a large database runs beside the server instead of before it:
// PRAGMA quick_check reads every page (about 4 s for 500 MB here), and a newsroom's server must be back
// within seconds after a restart. A small file is still checked before serving (openDb). If the
// background check fails, the server stops serving (src/http/damaged.ts) and says to restore a backup.

/** Files up to this size are checked before the server starts; larger ones in the background. */
export const SYNC_CHECK_LIMIT_BYTES = 64 * 1024 * 1024;

/** Whether the file is large enough for the background check. */
export function checkInBackground(path: string): boolean {
  if (path === ':memory:') return false;
  try {
    return statSync(path).size > SYNC_CHECK_LIMIT_BYTES;
  } catch {
    return false; // a new file: nothing to check
  }
}

// CommonJS source for an eval'd worker, so it runs the same under tsx (development) and from dist/.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
let result;
try {
  const db = new Database(workerData.path, { readonly: true, fileMustExist: true });
  try { result = String(db.pragma('quick_check', { simple: true })); } finally { db.close(); }
} catch (err) {
  result = err && err.message ? err.message : String(err);
}
parentPort.postMessage(result);
`;

/**
 * Runs PRAGMA quick_check on its own read-only connection in a worker thread. Resolves with "ok" or
 * with what is wrong; never rejects.
 */
export function quickCheckInWorker(path: string): Promise<string> {
  const module = createRequire(import.meta.url).resolve('better-sqlite3');
  return new Promise((resolve) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path, module } });
    worker.once('message', (result: string) => resolve(result));
    worker.once('error', (err) => resolve(err.message));
    worker.once('exit', (code) => resolve(`the integrity check stopped (exit code ${code})`));
  });
}
