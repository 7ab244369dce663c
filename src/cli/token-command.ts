// `dateline token …`: API tokens through the same service (and audit) as the desk's token page.
import type { ApiToken } from '../db/tokens-repo.js';
import type { User } from '../domain/types.js';
import { ServiceError, type ServiceContext } from '../services/context.js';
import { createToken, listTokens, revokeToken } from '../services/tokens.js';
import { CLI_ACTOR, options, UsageError, withContext } from './common.js';

function findAccount(ctx: ServiceContext, email: string | undefined, command: string): User {
  if (!email?.trim()) throw new UsageError(`token ${command} needs --email`);
  const user = ctx.repos.users.findByEmail(email.trim().toLowerCase());
  if (!user) throw new ServiceError('not_found', `no account with email ${email}`);
  return user;
}

/** Stored text as a terminal cell: control characters (escape sequences) become `?`. */
function cell(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
}

async function create(args: string[]): Promise<void> {
  const values = options(args, { email: { type: 'string' }, name: { type: 'string' } });
  if (values.name === undefined) throw new UsageError('token create needs --name');
  const name = values.name;
  const { user, token, record } = await withContext((ctx) => {
    const user = findAccount(ctx, values.email, 'create');
    const result = createToken(ctx, CLI_ACTOR, user.id, name);
    if (!result.ok) throw new UsageError(Object.values(result.errors).join(' '));
    return { user, ...result };
  });
  // The token alone on the last line, so scripts can take it with `tail -1`.
  console.log(
    `created API token "${cell(record.name)}" (id ${record.id}) for ${user.email} (${user.role}); shown only this once:`,
  );
  console.log(token);
}

async function revoke(args: string[]): Promise<void> {
  const raw = options(args, { id: { type: 'string' } }).id;
  if (raw === undefined || !/^[1-9]\d{0,14}$/.test(raw)) throw new UsageError('token revoke needs --id N');
  const token = await withContext((ctx) => revokeToken(ctx, CLI_ACTOR, Number(raw)));
  console.log(`revoked API token "${cell(token.name)}" (id ${token.id}) of ${token.userEmail}`);
}

function row(token: ApiToken): string[] {
  return [
    String(token.id),
    token.createdAt.slice(0, 16).replace('T', ' '),
    token.lastUsedAt?.slice(0, 16).replace('T', ' ') ?? 'never',
    token.revokedAt === null ? 'active' : `revoked ${token.revokedAt.slice(0, 16).replace('T', ' ')}`,
    cell(token.name),
  ];
}

async function list(args: string[]): Promise<void> {
  const email = options(args, { email: { type: 'string' } }).email;
  const tokens = await withContext((ctx) => listTokens(ctx, findAccount(ctx, email, 'list').id));
  const rows = [['id', 'created (UTC)', 'last used', 'status', 'name'], ...tokens.map(row)];
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i]?.length ?? 0)));
  for (const r of rows) {
    console.log(
      r
        .map((value, i) => value.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    );
  }
}

/** Runs `dateline token <command> …`. */
export function tokenCommand(command: string | undefined, args: string[]): Promise<void> {
  switch (command) {
    case 'create':
      return create(args);
    case 'revoke':
      return revoke(args);
    case 'list':
      return list(args);
    default:
      throw new UsageError(`unknown token command: ${command ?? '(none)'}`);
  }
}
