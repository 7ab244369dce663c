import type { Locale, Role, User } from '../domain/types.js';
import type { Db } from './open-db.js';

interface UserRow {
  id: number;
  email: string;
  display_name: string;
  role: Role;
  disabled: number;
  created_at: string;
  password_hash: string;
  locale: Locale;
}

const COLUMNS = 'id, email, display_name, role, disabled, created_at, password_hash, locale';

function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    disabled: row.disabled === 1,
    createdAt: row.created_at,
    locale: row.locale,
  };
}

/** Reads and writes newsroom accounts. Password hashes leave this module only through `findCredentials`. */
export function createUsersRepo(db: Db) {
  const byId = db.prepare<[number], UserRow>(`SELECT ${COLUMNS} FROM users WHERE id = ?`);
  const byEmail = db.prepare<[string], UserRow>(`SELECT ${COLUMNS} FROM users WHERE email = ?`);
  const all = db.prepare<[], UserRow>(`SELECT ${COLUMNS} FROM users ORDER BY email`);
  const count = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM users');
  const countAdmins = db.prepare<[], { n: number }>(
    "SELECT count(*) AS n FROM users WHERE role = 'admin' AND disabled = 0",
  );
  const setDisabled = db.prepare('UPDATE users SET disabled = ?, updated_at = ? WHERE id = ?');
  const setRole = db.prepare('UPDATE users SET role = ?, updated_at = ? WHERE id = ?');
  const setHash = db.prepare('UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?');
  const setLocale = db.prepare('UPDATE users SET locale = ?, updated_at = ? WHERE id = ?');
  const endSessions = db.prepare('DELETE FROM sessions WHERE user_id = ?');
  const insert = db.prepare(
    `INSERT INTO users (email, display_name, role, password_hash, locale, created_at, updated_at)
     VALUES (@email, @displayName, @role, @passwordHash, @locale, @now, @now)`,
  );
  return {
    findById: (id: number): User | undefined => {
      const row = byId.get(id);
      return row && toUser(row);
    },
    findByEmail: (email: string): User | undefined => {
      const row = byEmail.get(email);
      return row && toUser(row);
    },
    /** The account and its password hash, for login only. */
    findCredentials: (email: string): { user: User; passwordHash: string } | undefined => {
      const row = byEmail.get(email);
      return row && { user: toUser(row), passwordHash: row.password_hash };
    },
    list: (): User[] => all.all().map(toUser),
    count: (): number => count.get()?.n ?? 0,
    /** Active admin accounts. */
    countAdmins: (): number => countAdmins.get()?.n ?? 0,
    setDisabled: (id: number, disabled: boolean, now: string): void => {
      setDisabled.run(disabled ? 1 : 0, now, id);
    },
    setRole: (id: number, role: Role, now: string): void => {
      setRole.run(role, now, id);
    },
    setPasswordHash: (id: number, passwordHash: string, now: string): void => {
      setHash.run(passwordHash, now, id);
    },
    /** The language of the account's desk. */
    setLocale: (id: number, locale: Locale, now: string): void => {
      setLocale.run(locale, now, id);
    },
    /** Ends every server-side session of the user (disable, role change, password reset). */
    endSessions: (id: number): void => {
      endSessions.run(id);
    },
    /** Adds an account; its desk is in English unless `locale` says otherwise. */
    insert: (
      user: { email: string; displayName: string; role: Role; passwordHash: string; locale?: Locale },
      now: string,
    ): number => Number(insert.run({ ...user, locale: user.locale ?? 'en', now }).lastInsertRowid),
  };
}

export type UsersRepo = ReturnType<typeof createUsersRepo>;
