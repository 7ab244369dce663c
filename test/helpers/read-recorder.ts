import type { Db } from '../../src/db/open-db.js';

/** One statement's answer: its SQL and the rows it returned. */
export interface Read {
  sql: string;
  rows: unknown[];
}

/**
 * Records the rows that statements prepared on `db` from now on return (`all`, `get`, `iterate`), so a
 * test can see what a request read. Prepare the repositories (create the app) after calling this.
 */
export function recordReads(db: Db): { reads: Read[]; clear: () => void } {
  const reads: Read[] = [];
  const prepare = db.prepare.bind(db);
  db.prepare = ((sql: string) => {
    const statement = prepare(sql);
    const all = statement.all.bind(statement);
    const get = statement.get.bind(statement);
    const iterate = statement.iterate.bind(statement);
    statement.all = (...params: unknown[]) => {
      const rows = all(...params);
      reads.push({ sql, rows });
      return rows;
    };
    statement.get = (...params: unknown[]) => {
      const row = get(...params);
      reads.push({ sql, rows: row === undefined ? [] : [row] });
      return row;
    };
    statement.iterate = function* (...params: unknown[]) {
      const read: Read = { sql, rows: [] };
      reads.push(read);
      for (const row of iterate(...params)) {
        read.rows.push(row);
        yield row;
      }
    };
    return statement;
  }) as Db['prepare'];
  return { reads, clear: () => void reads.splice(0) };
}
