import type { Person } from '../domain/types.js';
import type { Db } from './open-db.js';

/** A register entry with its note. */
export interface PersonDetails extends Person {
  note: string;
}

/** One exchange or quote a person speaks in, for their page in the desk. */
export interface Appearance {
  blockId: number;
  type: 'qa' | 'quote';
  excerpt: string;
  updateId: number;
  articleId: number;
  articleTitle: string;
  articleStatus: string;
}

const COLUMNS = 'id, name, title, organisation, note';

/** Reads and writes the speaker register. */
export function createPeopleRepo(db: Db) {
  const all = db.prepare<[], PersonDetails>(`SELECT ${COLUMNS} FROM people ORDER BY name, id`);
  const search = db.prepare<[string, string, string], PersonDetails>(
    `SELECT ${COLUMNS} FROM people
     WHERE instr(lower(name), lower(?)) > 0 OR instr(lower(organisation), lower(?)) > 0 OR instr(lower(title), lower(?)) > 0
     ORDER BY name, id LIMIT 200`,
  );
  const byId = db.prepare<[number], PersonDetails>(`SELECT ${COLUMNS} FROM people WHERE id = ?`);
  const byName = db.prepare<[string], PersonDetails>(
    `SELECT ${COLUMNS} FROM people WHERE name = ? ORDER BY id LIMIT 1`,
  );
  const byNameAndOrganisation = db.prepare<[string, string], PersonDetails>(
    `SELECT ${COLUMNS} FROM people WHERE name = ? AND organisation = ?`,
  );
  const insert = db.prepare<[string, string, string, string, string], PersonDetails>(
    `INSERT INTO people (name, title, organisation, note, created_at) VALUES (?, ?, ?, ?, ?) RETURNING ${COLUMNS}`,
  );
  const update = db.prepare('UPDATE people SET name = ?, title = ?, organisation = ?, note = ? WHERE id = ?');
  const appearances = db.prepare<[number], Appearance>(
    `SELECT b.id AS blockId, b.type, COALESCE(b.answer, b.text, '') AS excerpt, u.id AS updateId,
       a.id AS articleId, a.title AS articleTitle, a.status AS articleStatus
     FROM blocks b JOIN updates u ON u.id = b.update_id JOIN articles a ON a.id = u.article_id
     WHERE b.speaker_id = ? AND u.deleted_at IS NULL ORDER BY a.id, u.position, b.position`,
  );
  const moveBlocks = db.prepare('UPDATE blocks SET speaker_id = ? WHERE speaker_id = ?');
  const remove = db.prepare('DELETE FROM people WHERE id = ?');
  const touchUpdates = db.prepare(
    'UPDATE updates SET version = version + 1 WHERE id IN (SELECT update_id FROM blocks WHERE speaker_id = ?)',
  );
  return {
    list: (): PersonDetails[] => all.all(),
    /** People whose name, title or organisation contains `q` (case-insensitive). */
    search: (q: string): PersonDetails[] => search.all(q, q, q),
    findById: (id: number): PersonDetails | undefined => byId.get(id),
    findByName: (name: string): PersonDetails | undefined => byName.get(name),
    /** The one person with this name at this organisation (the register's unique key). */
    findByNameAndOrganisation: (name: string, organisation: string): PersonDetails | undefined =>
      byNameAndOrganisation.get(name, organisation),
    insert: (person: Omit<Person, 'id'> & { note?: string }, now: string): PersonDetails => {
      const row = insert.get(person.name, person.title, person.organisation, person.note ?? '', now);
      if (!row) throw new Error('people insert returned nothing');
      return row;
    },
    update: (id: number, person: Omit<PersonDetails, 'id'>): void => {
      update.run(person.name, person.title, person.organisation, person.note, id);
    },
    appearances: (id: number): Appearance[] => appearances.all(id),
    /** Points every block spoken by `fromId` at `intoId` (bumping those updates' versions), then deletes `fromId`. */
    merge: (fromId: number, intoId: number): void => {
      touchUpdates.run(fromId);
      moveBlocks.run(intoId, fromId);
      remove.run(fromId);
    },
  };
}

export type PeopleRepo = ReturnType<typeof createPeopleRepo>;
