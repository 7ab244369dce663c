import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { freshDb } from '../helpers/db.js';

// The corrections an article view reads come from partial indexes of corrections only
// (migrations/009_correction_indexes.sql), not from a walk over every revision of the article or update.

const READS: [string, string, unknown][] = [
  [
    'by article',
    `SELECT id, update_id, note, created_at FROM revisions
     WHERE article_id = ? AND kind = 'correction' AND update_id IS NOT NULL AND note IS NOT NULL ORDER BY id`,
    1,
  ],
  [
    'by update',
    `SELECT id, update_id, note, created_at FROM revisions
     WHERE update_id = ? AND kind = 'correction' AND note IS NOT NULL ORDER BY id`,
    1,
  ],
  [
    'by a page of updates',
    `SELECT id, update_id, note, created_at FROM revisions
     WHERE update_id IN (SELECT value FROM json_each(?)) AND kind = 'correction' AND note IS NOT NULL ORDER BY id`,
    '[1,2]',
  ],
];

describe('correction indexes', () => {
  for (const [name, sql, param] of READS) {
    it(`when corrections are read ${name}, then SQLite uses a corrections-only index`, () => {
      const db = freshDb();
      const plan = db
        .prepare<[unknown], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
        .all(param)
        .map((row) => row.detail)
        .join(' | ');
      assert.match(plan, /USING (COVERING )?INDEX revisions_(article|update)_corrections/, plan);
    });
  }
});
