import type { Db } from './open-db.js';

/** An API token as stored: only the SHA-256 of the secret is kept, and it never leaves this module. */
export interface ApiToken {
  id: number;
  userId: number;
  /** The owner's email, for lists that show several accounts' tokens. */
  userEmail: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

interface TokenRow {
  id: number;
  user_id: number;
  user_email: string;
  name: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

const SELECT = `SELECT t.id, t.user_id, u.email AS user_email, t.name, t.created_at, t.last_used_at, t.revoked_at
  FROM api_tokens t JOIN users u ON u.id = t.user_id`;

function toToken(row: TokenRow): ApiToken {
  return {
    id: row.id,
    userId: row.user_id,
    userEmail: row.user_email,
    name: row.name,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

/** Reads and writes API tokens (hashed bearer secrets tied to a user). */
export function createTokensRepo(db: Db) {
  const insert = db.prepare(
    `INSERT INTO api_tokens (user_id, name, token_hash, created_at) VALUES (@userId, @name, @tokenHash, @now)`,
  );
  const byId = db.prepare<[number], TokenRow>(`${SELECT} WHERE t.id = ?`);
  const byHash = db.prepare<[string], TokenRow>(`${SELECT} WHERE t.token_hash = ?`);
  const forUser = db.prepare<[number], TokenRow>(`${SELECT} WHERE t.user_id = ? ORDER BY t.id DESC`);
  const all = db.prepare<[], TokenRow>(`${SELECT} ORDER BY t.id DESC`);
  const revoke = db.prepare('UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL');
  // Written at most once per interval: a busy client must not turn every read into a write.
  const touch = db.prepare(
    `UPDATE api_tokens SET last_used_at = @now
     WHERE id = @id AND (last_used_at IS NULL OR last_used_at <= @threshold)`,
  );

  return {
    insert: (token: { userId: number; name: string; tokenHash: string }, now: string): number =>
      Number(insert.run({ ...token, now }).lastInsertRowid),
    findById: (id: number): ApiToken | undefined => {
      const row = byId.get(id);
      return row && toToken(row);
    },
    /** The token whose secret hashes to `tokenHash` (revoked ones too: the caller decides). */
    findByHash: (tokenHash: string): ApiToken | undefined => {
      const row = byHash.get(tokenHash);
      return row && toToken(row);
    },
    /** The user's tokens, newest first. */
    listForUser: (userId: number): ApiToken[] => forUser.all(userId).map(toToken),
    /** Every account's tokens, newest first. */
    listAll: (): ApiToken[] => all.all().map(toToken),
    /** Revokes the token; false when it was already revoked (or does not exist). */
    revoke: (id: number, now: string): boolean => revoke.run(now, id).changes === 1,
    /** Records a use at `now` unless one was recorded after `threshold`. */
    touch: (id: number, now: string, threshold: string): void => {
      touch.run({ id, now, threshold });
    },
  };
}

export type TokensRepo = ReturnType<typeof createTokensRepo>;
