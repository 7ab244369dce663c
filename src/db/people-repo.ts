import type { Person } from '../domain/types.js';
import type { Db } from './open-db.js';

/** Reads and writes the speaker register. */
export function createPeopleRepo(db: Db) {
  const all = db.prepare<[], Person>('SELECT id, name, title, organisation FROM people ORDER BY name, id');
  const byName = db.prepare<[string], Person>(
    'SELECT id, name, title, organisation FROM people WHERE name = ? ORDER BY id LIMIT 1',
  );
  const insert = db.prepare<[string, string, string, string], Person>(
    'INSERT INTO people (name, title, organisation, created_at) VALUES (?, ?, ?, ?) RETURNING id, name, title, organisation',
  );
  return {
    list: (): Person[] => all.all(),
    findByName: (name: string): Person | undefined => byName.get(name),
    insert: (person: Omit<Person, 'id'>, now: string): Person => {
      const row = insert.get(person.name, person.title, person.organisation, now);
      if (!row) throw new Error('people insert returned nothing');
      return row;
    },
  };
}

export type PeopleRepo = ReturnType<typeof createPeopleRepo>;
