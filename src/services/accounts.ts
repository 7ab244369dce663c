import type { AccountInput } from '../domain/account-input.js';
import type { Actor, User } from '../domain/types.js';
import type { FieldErrors } from '../domain/validation.js';
import type { ServiceContext } from './context.js';
import { dummyPasswordHash, hashPassword, verifyPassword } from './passwords.js';

/** Creates an account; a taken email is a field error. */
export async function createUser(
  ctx: ServiceContext,
  actor: Actor,
  input: AccountInput,
): Promise<{ ok: true; user: User } | { ok: false; errors: FieldErrors }> {
  const passwordHash = await hashPassword(input.password);
  return ctx.db
    .transaction(() => {
      const now = ctx.clock().toISOString();
      if (ctx.repos.users.findByEmail(input.email)) {
        return { ok: false as const, errors: { email: 'An account with this email already exists.' } };
      }
      const id = ctx.repos.users.insert({ ...input, passwordHash }, now);
      ctx.repos.audit.insert({
        actor,
        action: 'user.created',
        targetType: 'user',
        targetId: id,
        outcome: 'ok',
        at: now,
        detail: { email: input.email, role: input.role },
      });
      const user = ctx.repos.users.findById(id);
      if (!user) throw new Error('user vanished after insert');
      return { ok: true as const, user };
    })
    .immediate();
}

/**
 * Checks an email and password. Unknown accounts verify against a dummy hash, so both failures take
 * the same time and give the same answer. Every attempt is audited.
 */
export async function authenticate(
  ctx: ServiceContext,
  email: string,
  password: string,
  ip: string | null,
): Promise<User | undefined> {
  const normalised = email.trim().toLowerCase();
  const found = ctx.repos.users.findCredentials(normalised);
  const matches = await verifyPassword(found?.passwordHash ?? (await dummyPasswordHash()), password);
  const user = found && matches && !found.user.disabled ? found.user : undefined;
  ctx.repos.audit.insert({
    actor: { userId: user?.id ?? null, label: normalised.slice(0, 254), role: user?.role ?? null, ip },
    action: 'auth.login',
    targetType: 'user',
    targetId: found?.user.id ?? null,
    outcome: user ? 'ok' : 'failed',
    at: ctx.clock().toISOString(),
  });
  return user;
}
