import { randomBytes } from 'node:crypto';
import type { Config } from '../config.js';
import type { Actor } from '../domain/types.js';
import { createUser } from './accounts.js';
import type { ServiceContext } from './context.js';

/**
 * Creates the first admin when there is no active admin yet: from the configured email and password,
 * or with a generated password that is returned once so the caller can print it.
 */
export async function ensureAdmin(
  ctx: ServiceContext,
  config: Pick<Config, 'adminEmail' | 'adminPassword'>,
): Promise<{ email: string; generatedPassword: string | null } | null> {
  if (ctx.repos.users.countAdmins() > 0) return null;
  const email = config.adminEmail ?? 'admin@dateline.local';
  const generatedPassword = config.adminPassword ? null : randomBytes(18).toString('base64url');
  const system: Actor = { userId: null, label: 'system:first-start', role: 'admin', ip: null };
  const password = config.adminPassword ?? generatedPassword ?? '';
  const result = await createUser(ctx, system, {
    email,
    displayName: 'Administrator',
    role: 'admin',
    password,
  });
  if (!result.ok)
    throw new Error(`could not create the first admin: ${Object.values(result.errors).join(' ')}`);
  return { email, generatedPassword };
}
