import type { AccountInput } from '../domain/account-input.js';
import { LIMITS } from '../domain/limits.js';
import { loginLock } from '../domain/throttle.js';
import type { Actor, Locale, Role, User } from '../domain/types.js';
import type { FieldErrors } from '../domain/validation.js';
import { ServiceError, type ServiceContext } from './context.js';
import {
  dummyPasswordHash,
  generatePassword,
  hashPassword,
  needsRehash,
  verifyPassword,
} from './passwords.js';

type Audit = Parameters<ServiceContext['repos']['audit']['insert']>[0];

function audit(ctx: ServiceContext, entry: Omit<Audit, 'at'>): void {
  ctx.repos.audit.insert({ ...entry, at: ctx.clock().toISOString() });
}

function requireUser(ctx: ServiceContext, id: number): User {
  const user = ctx.repos.users.findById(id);
  if (!user) throw new ServiceError('not_found', 'No such account.');
  return user;
}

function requireAdmin(actor: Actor): void {
  if (actor.role !== 'admin') throw new ServiceError('forbidden', 'Only admins manage accounts.');
}

/** Refuses a change that would leave no active admin. */
function keepAnAdmin(ctx: ServiceContext, target: User, staysAdmin: boolean): void {
  if (target.role === 'admin' && !target.disabled && !staysAdmin && ctx.repos.users.countAdmins() <= 1) {
    throw new ServiceError(
      'conflict',
      'The last admin cannot be disabled or demoted. Make another admin first.',
    );
  }
}

function passwordError(password: string): string | null {
  const length = [...password.normalize('NFC')].length;
  return length < LIMITS.passwordMin || length > LIMITS.passwordMax
    ? `The password must be ${LIMITS.passwordMin} to ${LIMITS.passwordMax} characters.`
    : null;
}

/** Creates an account; a taken email is a field error. */
export async function createUser(
  ctx: ServiceContext,
  actor: Actor,
  input: AccountInput,
): Promise<{ ok: true; user: User } | { ok: false; errors: FieldErrors }> {
  requireAdmin(actor);
  const passwordHash = await hashPassword(input.password);
  return ctx.db
    .transaction(() => {
      if (ctx.repos.users.findByEmail(input.email)) {
        return { ok: false as const, errors: { email: 'An account with this email already exists.' } };
      }
      const id = ctx.repos.users.insert({ ...input, passwordHash }, ctx.clock().toISOString());
      audit(ctx, {
        actor,
        action: 'user.created',
        targetType: 'user',
        targetId: id,
        outcome: 'ok',
        detail: { email: input.email, role: input.role, locale: input.locale ?? 'en' },
      });
      return { ok: true as const, user: requireUser(ctx, id) };
    })
    .immediate();
}

/** Disables or re-enables an account (admins only); a disabled account's sessions end at once. */
export function setUserDisabled(ctx: ServiceContext, actor: Actor, id: number, disabled: boolean): User {
  requireAdmin(actor);
  return ctx.db
    .transaction(() => {
      const target = requireUser(ctx, id);
      if (disabled) keepAnAdmin(ctx, target, false);
      ctx.repos.users.setDisabled(id, disabled, ctx.clock().toISOString());
      if (disabled) ctx.repos.users.endSessions(id);
      audit(ctx, {
        actor,
        action: disabled ? 'user.disabled' : 'user.enabled',
        targetType: 'user',
        targetId: id,
        outcome: 'ok',
      });
      return requireUser(ctx, id);
    })
    .immediate();
}

/** Changes an account's role (admins only); the account's sessions end so it logs in afresh. */
export function setUserRole(ctx: ServiceContext, actor: Actor, id: number, role: Role): User {
  requireAdmin(actor);
  return ctx.db
    .transaction(() => {
      const target = requireUser(ctx, id);
      if (target.role === role) return target;
      keepAnAdmin(ctx, target, role === 'admin');
      ctx.repos.users.setRole(id, role, ctx.clock().toISOString());
      ctx.repos.users.endSessions(id);
      audit(ctx, {
        actor,
        action: 'user.role_changed',
        targetType: 'user',
        targetId: id,
        outcome: 'ok',
        detail: { from: target.role, to: role },
      });
      return requireUser(ctx, id);
    })
    .immediate();
}

/** Gives an account a generated password, returned once; its sessions end. */
export async function resetPassword(
  ctx: ServiceContext,
  actor: Actor,
  id: number,
): Promise<{ user: User; password: string }> {
  requireAdmin(actor);
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  const user = ctx.db
    .transaction(() => {
      const target = requireUser(ctx, id);
      ctx.repos.users.setPasswordHash(id, passwordHash, ctx.clock().toISOString());
      ctx.repos.users.endSessions(id);
      audit(ctx, { actor, action: 'user.password_reset', targetType: 'user', targetId: id, outcome: 'ok' });
      return target;
    })
    .immediate();
  return { user, password };
}

/** Changes the actor's own password when the current one is right. */
export async function changeOwnPassword(
  ctx: ServiceContext,
  actor: Actor,
  current: string,
  next: string,
): Promise<{ ok: true } | { ok: false; errors: FieldErrors }> {
  const user = actor.userId === null ? undefined : ctx.repos.users.findById(actor.userId);
  if (!user) throw new ServiceError('forbidden', 'Log in first.');
  const stored = ctx.repos.users.findCredentials(user.email);
  if (!stored || !(await verifyPassword(stored.passwordHash, current))) {
    audit(ctx, {
      actor,
      action: 'user.password_changed',
      targetType: 'user',
      targetId: user.id,
      outcome: 'failed',
    });
    return { ok: false, errors: { current: 'The current password is not right.' } };
  }
  const problem = passwordError(next);
  if (problem) return { ok: false, errors: { password: problem } };
  const passwordHash = await hashPassword(next);
  ctx.db
    .transaction(() => {
      ctx.repos.users.setPasswordHash(user.id, passwordHash, ctx.clock().toISOString());
      // Every other session of this account ends; the caller starts a fresh one for itself.
      ctx.repos.users.endSessions(user.id);
      audit(ctx, {
        actor,
        action: 'user.password_changed',
        targetType: 'user',
        targetId: user.id,
        outcome: 'ok',
      });
    })
    .immediate();
  return { ok: true };
}

/** Sets the language of the actor's own desk (Swedish or English), audited like every account change. */
export function setOwnLocale(ctx: ServiceContext, actor: Actor, locale: Locale): User {
  const user = actor.userId === null ? undefined : ctx.repos.users.findById(actor.userId);
  if (!user) throw new ServiceError('forbidden', 'Log in first.');
  if (user.locale === locale) return user;
  return ctx.db
    .transaction(() => {
      ctx.repos.users.setLocale(user.id, locale, ctx.clock().toISOString());
      audit(ctx, {
        actor,
        action: 'user.locale_changed',
        targetType: 'user',
        targetId: user.id,
        outcome: 'ok',
        detail: { from: user.locale, to: locale },
      });
      return requireUser(ctx, user.id);
    })
    .immediate();
}

export type LoginResult =
  | { ok: true; user: User }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'locked'; retryAfterSeconds: number };

/**
 * Checks an email and password, throttled per account and per IP: after 5 failures in 15 minutes every
 * attempt, the right password too, is refused until the window passes. Unknown accounts verify against
 * a dummy hash, so both failures take the same time and give the same answer. Every attempt is audited;
 * an outdated hash is upgraded on success.
 */
export async function authenticate(
  ctx: ServiceContext,
  actor: Actor,
  email: string,
  password: string,
): Promise<LoginResult> {
  const normalised = email.trim().toLowerCase().slice(0, LIMITS.email);
  const ip = actor.ip ?? 'unknown';
  const nowMs = ctx.clock().getTime();
  const failures = ctx.repos.loginFailures;
  const since = nowMs - 60 * 60 * 1000;
  const lockMs = loginLock(failures.forEmail(normalised, since), failures.forIp(ip, since), nowMs);
  const who = { ...actor, label: normalised };
  if (lockMs > 0) {
    audit(ctx, { actor: who, action: 'auth.locked', targetType: 'user', targetId: null, outcome: 'denied' });
    return { ok: false, reason: 'locked', retryAfterSeconds: Math.ceil(lockMs / 1000) };
  }
  const found = ctx.repos.users.findCredentials(normalised);
  const matches = await verifyPassword(found?.passwordHash ?? (await dummyPasswordHash()), password);
  const user = found && matches && !found.user.disabled ? found.user : undefined;
  if (!user) {
    failures.record(normalised, ip, nowMs);
    audit(ctx, {
      actor: who,
      action: 'auth.login',
      targetType: 'user',
      targetId: found?.user.id ?? null,
      outcome: 'failed',
    });
    return { ok: false, reason: 'invalid' };
  }
  if (found && needsRehash(found.passwordHash)) {
    ctx.repos.users.setPasswordHash(user.id, await hashPassword(password), ctx.clock().toISOString());
  }
  failures.clearEmail(normalised);
  audit(ctx, {
    actor: { ...who, userId: user.id, role: user.role },
    action: 'auth.login',
    targetType: 'user',
    targetId: user.id,
    outcome: 'ok',
  });
  return { ok: true, user };
}
