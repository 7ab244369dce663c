// Shared by the JSON API tests: an app with one account and one API token per role.
import request from 'supertest';
import type { Method } from '../../src/http/access-table.js';
import { createToken } from '../../src/services/tokens.js';
import type { ServiceContext } from '../../src/services/context.js';
import { addUser, testApp } from '../helpers/app.js';
import { actor } from '../helpers/db.js';

export type StaffRole = 'journalist' | 'editor' | 'admin';

type App = ReturnType<typeof testApp>['app'];
type Caller = Pick<request.Agent, 'get' | 'post' | 'put' | 'patch' | 'delete'>;

/** A supertest request of any method, from the app (no cookies) or from an agent (with its cookies). */
export function send(target: App | Caller, method: Method, path: string): request.Test {
  const agent: Caller = typeof target === 'function' ? request(target) : target;
  switch (method) {
    case 'GET':
      return agent.get(path);
    case 'POST':
      return agent.post(path);
    case 'PUT':
      return agent.put(path);
    case 'PATCH':
      return agent.patch(path);
    case 'DELETE':
      return agent.delete(path);
  }
}

/** Creates an API token for the user (as an admin would) and returns the secret. */
export function tokenFor(ctx: ServiceContext, userId: number, name = 'test'): string {
  const result = createToken(ctx, actor('admin'), userId, name);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.token;
}

/** The app with a journalist, an editor and an admin, each with a token; `as(role)` sends with it. */
export async function apiApp(clock?: () => Date, env: NodeJS.ProcessEnv = {}) {
  const setup = testApp(clock, env);
  const users = {
    journalist: await addUser(setup.ctx, 'journalist'),
    editor: await addUser(setup.ctx, 'editor'),
    admin: await addUser(setup.ctx, 'admin'),
  };
  const tokens = {
    journalist: tokenFor(setup.ctx, users.journalist.id),
    editor: tokenFor(setup.ctx, users.editor.id),
    admin: tokenFor(setup.ctx, users.admin.id),
  };
  const as = (role: StaffRole) => {
    const authed = (method: Method) => (path: string) =>
      send(setup.app, method, path).set('Authorization', `Bearer ${tokens[role]}`);
    return {
      get: authed('GET'),
      post: authed('POST'),
      put: authed('PUT'),
      patch: authed('PATCH'),
      delete: authed('DELETE'),
    };
  };
  return { ...setup, users, tokens, as };
}

/** The `error` object of a JSON API error answer. */
export function apiError(body: unknown): {
  code: string;
  message: string;
  fields?: Record<string, string>;
  current?: Record<string, unknown>;
  submittedVersion?: number;
} {
  return (body as { error: ReturnType<typeof apiError> }).error;
}
