import { createHash, randomBytes } from 'node:crypto';
import type { ApiToken } from '../db/tokens-repo.js';
import type { Actor, User } from '../domain/types.js';
import { checkLength, hasControlCharacters, oneLine, type FieldErrors } from '../domain/validation.js';
import { isStorageFailure, ServiceError, type ServiceContext } from './context.js';

// API tokens: `dl_` and 32 random bytes (base64url), shown once; only their SHA-256 is stored, so a copy
// of the database gives no working token. A token acts as its user with that user's current role.

export const TOKEN_NAME_MAX = 100;
const TOKEN_PATTERN = /^dl_[A-Za-z0-9_-]{43}$/;
// `last_used_at` is written at most once per minute per token.
const TOUCH_INTERVAL_MS = 60_000;

export type CreateTokenResult =
  { ok: true; token: string; record: ApiToken } | { ok: false; errors: FieldErrors };

/** The stored form of a token: SHA-256, hex. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

function audit(ctx: ServiceContext, actor: Actor, action: string, token: ApiToken): void {
  ctx.repos.audit.insert({
    actor,
    action,
    targetType: 'api_token',
    targetId: token.id,
    outcome: 'ok',
    detail: { userId: token.userId, name: token.name },
    at: ctx.clock().toISOString(),
  });
}

/** Admins manage every account's tokens; everyone else only their own. */
function mayManage(actor: Actor, userId: number): boolean {
  return actor.role === 'admin' || (actor.userId !== null && actor.userId === userId);
}

/** Creates a named token for the user and returns it: this is the only time the secret is seen. */
export function createToken(
  ctx: ServiceContext,
  actor: Actor,
  userId: number,
  rawName: string,
): CreateTokenResult {
  if (!mayManage(actor, userId)) throw new ServiceError('forbidden', 'You can only create your own tokens.');
  const name = oneLine(rawName);
  const errors: FieldErrors = {};
  if (name === '') errors.name = 'Give the token a name, e.g. the script or tool that will use it.';
  checkLength(errors, 'name', name, TOKEN_NAME_MAX, 'The name');
  if (hasControlCharacters(name)) errors.name = 'Remove the invisible control characters.';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const token = `dl_${randomBytes(32).toString('base64url')}`;
  return ctx.db
    .transaction((): CreateTokenResult => {
      const user = ctx.repos.users.findById(userId);
      if (!user) throw new ServiceError('not_found', 'No such account.');
      if (user.disabled) throw new ServiceError('conflict', 'The account is disabled.');
      const id = ctx.repos.tokens.insert(
        { userId, name, tokenHash: hashToken(token) },
        ctx.clock().toISOString(),
      );
      const record = ctx.repos.tokens.findById(id);
      if (!record) throw new Error('the new token vanished');
      audit(ctx, actor, 'token.created', record);
      return { ok: true, token, record };
    })
    .immediate();
}

/** Revokes a token (its owner or an admin); revoking twice changes nothing. */
export function revokeToken(ctx: ServiceContext, actor: Actor, id: number): ApiToken {
  return ctx.db
    .transaction(() => {
      const token = ctx.repos.tokens.findById(id);
      // Someone else's token answers like a missing one, so ids cannot be probed.
      if (!token || !mayManage(actor, token.userId)) throw new ServiceError('not_found', 'No such token.');
      if (!ctx.repos.tokens.revoke(id, ctx.clock().toISOString())) return token;
      const revoked = ctx.repos.tokens.findById(id) ?? token;
      audit(ctx, actor, 'token.revoked', revoked);
      return revoked;
    })
    .immediate();
}

/** The user's tokens, newest first (names and times only; the secrets are not kept). */
export function listTokens(ctx: ServiceContext, userId: number): ApiToken[] {
  return ctx.repos.tokens.listForUser(userId);
}

/**
 * The user a bearer token stands for, or undefined when it is malformed, unknown, revoked or its account
 * is disabled. Records the use (at most once a minute).
 */
export function authenticateToken(
  ctx: ServiceContext,
  token: string,
): { user: User; tokenId: number } | undefined {
  if (!TOKEN_PATTERN.test(token)) return undefined;
  const found = ctx.repos.tokens.findByHash(hashToken(token));
  if (!found || found.revokedAt !== null) return undefined;
  const user = ctx.repos.users.findById(found.userId);
  if (!user || user.disabled) return undefined;
  const now = ctx.clock();
  const threshold = new Date(now.getTime() - TOUCH_INTERVAL_MS).toISOString();
  try {
    ctx.repos.tokens.touch(found.id, now.toISOString(), threshold);
  } catch (err) {
    // Bookkeeping only: while the database refuses writes, reads still work (a write gets its own 503).
    if (!isStorageFailure(err)) throw err;
  }
  return { user, tokenId: found.id };
}
