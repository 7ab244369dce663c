// `dateline user …`: account administration through the same services (and audit) as the desk.
import { text } from 'node:stream/consumers';
import { validateAccount } from '../domain/account-input.js';
import { ROLES, type Role, type User } from '../domain/types.js';
import { createUser, resetPassword, setUserDisabled, setUserRole } from '../services/accounts.js';
import { ServiceError, type ServiceContext } from '../services/context.js';
import { CLI_ACTOR, options, UsageError, withContext } from './common.js';

function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

function requireEmail(command: string, email: string | undefined): string {
  if (!email?.trim()) throw new UsageError(`user ${command} needs --email`);
  return email.trim();
}

function findAccount(ctx: ServiceContext, email: string): User {
  const user = ctx.repos.users.findByEmail(email.toLowerCase());
  if (!user) throw new ServiceError('not_found', `no account with email ${email}`);
  return user;
}

/** Stored text as a terminal cell: control characters (escape sequences) become `?`. */
function cell(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
}

async function add(args: string[]): Promise<void> {
  const values = options(args, {
    email: { type: 'string' },
    role: { type: 'string' },
    name: { type: 'string' },
    'password-stdin': { type: 'boolean' },
  });
  if (!values.email || !values.role) throw new UsageError('user add needs --email and --role');
  if (!values['password-stdin'])
    throw new UsageError('give the password on standard input with --password-stdin');
  const password = (await text(process.stdin)).replace(/\r?\n$/, '');
  const checked = validateAccount({
    email: values.email,
    role: values.role,
    displayName: values.name ?? '',
    password,
  });
  if (!checked.ok) throw new UsageError(Object.values(checked.errors).join(' '));
  await withContext(async (ctx) => {
    const result = await createUser(ctx, CLI_ACTOR, checked.value);
    if (!result.ok) throw new UsageError(Object.values(result.errors).join(' '));
    console.log(`created ${result.user.role} ${result.user.email} (id ${result.user.id})`);
  });
}

async function list(args: string[]): Promise<void> {
  options(args, {});
  const users = await withContext((ctx) => ctx.repos.users.list());
  const rows = [
    ['id', 'email', 'role', 'disabled', 'name'],
    ...users.map((u) => [String(u.id), u.email, u.role, u.disabled ? 'yes' : 'no', u.displayName]),
  ].map((row) => row.map(cell));
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((row) => row[i]?.length ?? 0)));
  for (const row of rows) {
    console.log(
      row
        .map((value, i) => value.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    );
  }
}

async function setDisabled(command: 'disable' | 'enable', args: string[]): Promise<void> {
  const email = requireEmail(command, options(args, { email: { type: 'string' } }).email);
  const user = await withContext((ctx) =>
    setUserDisabled(ctx, CLI_ACTOR, findAccount(ctx, email).id, command === 'disable'),
  );
  console.log(`${command}d ${user.role} ${user.email} (id ${user.id})`);
}

async function setRole(args: string[]): Promise<void> {
  const values = options(args, { email: { type: 'string' }, role: { type: 'string' } });
  const email = requireEmail('set-role', values.email);
  const role = values.role;
  if (!role) throw new UsageError('user set-role needs --role');
  if (!isRole(role)) throw new UsageError(`unknown role ${role}: choose ${ROLES.join(', ')}`);
  const { before, user } = await withContext((ctx) => {
    const found = findAccount(ctx, email);
    return { before: found.role, user: setUserRole(ctx, CLI_ACTOR, found.id, role) };
  });
  console.log(
    before === user.role
      ? `${user.email} (id ${user.id}) is already ${user.role}`
      : `${user.email} (id ${user.id}) is now ${user.role} (was ${before}); their sessions have ended`,
  );
}

async function reset(args: string[]): Promise<void> {
  const values = options(args, { email: { type: 'string' }, 'password-stdin': { type: 'boolean' } });
  if (values['password-stdin']) {
    throw new UsageError(
      'user reset-password only sets a generated password; the account holder can change it after logging in',
    );
  }
  const email = requireEmail('reset-password', values.email);
  const { user, password } = await withContext(async (ctx) =>
    resetPassword(ctx, CLI_ACTOR, findAccount(ctx, email).id),
  );
  // The password alone on the last line, so scripts can take it with `tail -1`.
  console.log(
    `new password for ${user.email} (id ${user.id}), shown only this once; their sessions have ended:`,
  );
  console.log(password);
}

/** Runs `dateline user <command> …`. */
export function userCommand(command: string | undefined, args: string[]): Promise<void> {
  switch (command) {
    case 'add':
      return add(args);
    case 'list':
      return list(args);
    case 'disable':
    case 'enable':
      return setDisabled(command, args);
    case 'set-role':
      return setRole(args);
    case 'reset-password':
      return reset(args);
    default:
      throw new UsageError(`unknown user command: ${command ?? '(none)'}`);
  }
}
