import request from 'supertest';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { Role } from '../../src/domain/types.js';
import { createUser } from '../../src/services/accounts.js';
import type { ServiceContext } from '../../src/services/context.js';
import { actor, freshContext } from './db.js';

export const PASSWORD = 'correct horse battery staple';

/** The app over a fresh in-memory database, with its service context for arranging data. */
export function testApp(clock?: () => Date, env: NodeJS.ProcessEnv = {}) {
  const ctx = freshContext(clock);
  const config = loadConfig(env, () => 'test-secret-'.repeat(4));
  const app = createApp({ db: ctx.db, config, clock: ctx.clock });
  return { app, ctx, close: () => (app.close(), ctx.db.close()) };
}

/** Creates an account with the shared test password. */
export async function addUser(ctx: ServiceContext, role: Role, email = `${role}@example.com`) {
  const result = await createUser(ctx, actor('admin'), {
    email,
    displayName: `Test ${role}`,
    role,
    password: PASSWORD,
  });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.user;
}

/** The hidden CSRF token of the first form in an HTML page. */
export function csrfFrom(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error('no CSRF token in the page');
  return match[1];
}

/** A logged-in supertest agent and a way to get a fresh CSRF token from any desk page. */
export async function loginAs(app: ReturnType<typeof testApp>['app'], email: string) {
  const agent = request.agent(app);
  const page = await agent.get('/login');
  const res = await agent
    .post('/login')
    .type('form')
    .send({ email, password: PASSWORD, _csrf: csrfFrom(page.text) });
  if (res.status !== 303) throw new Error(`login failed with ${res.status}`);
  const token = async (path = '/desk') => csrfFrom((await agent.get(path)).text);
  return { agent, token };
}

/** A clock the test moves by hand. */
export function manualClock(startIso = '2026-12-08T14:04:00.000Z') {
  let now = Date.parse(startIso);
  return {
    clock: () => new Date(now),
    advance: (ms: number) => {
      now += ms;
    },
  };
}
