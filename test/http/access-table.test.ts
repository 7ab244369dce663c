import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { listRoutes } from '../../src/http/access.js';
import { ACCESS_TABLE, type Audience } from '../../src/http/access-table.js';
import { deleteUpdate, postUpdate } from '../../src/services/updates.js';
import type { ServiceContext } from '../../src/services/context.js';
import { addUser, csrfFrom, PASSWORD, testApp } from '../helpers/app.js';
import { actor } from '../helpers/db.js';
import { QA_UPDATE, seedArticle } from '../helpers/fixtures.js';
import { send, tokenFor } from './api-helpers.js';

type Agent = ReturnType<typeof request.agent>;
type Users = Record<'journalist' | 'editor' | 'admin', number>;

/** A request that succeeds for an allowed caller: concrete path and form body, built on fresh data. */
type Example = (
  ctx: ServiceContext,
  users: Users,
  caller: Audience,
) => { path: string; body?: Record<string, unknown> };

let fixtureCount = 0;
/** A published article the journalist is on, a published update and a draft of the caller's own. */
function fixture(ctx: ServiceContext, users: Users, caller: Audience) {
  fixtureCount += 1;
  const ids = seedArticle(ctx, { slug: `story-${fixtureCount}` });
  ctx.repos.articles.setMembers(ids.articleId, [users.journalist], '2026-12-01T00:00:00.000Z');
  const authorId = caller === 'anonymous' ? null : users[caller];
  const draft = postUpdate(ctx, actor('editor', authorId), ids.articleId, QA_UPDATE, false).update;
  return { ...ids, slug: `story-${fixtureCount}`, draftId: draft.id };
}

function freshUser(ctx: ServiceContext): number {
  fixtureCount += 1;
  return ctx.repos.users.insert(
    {
      email: `target-${fixtureCount}@example.com`,
      displayName: 'Target',
      role: 'journalist',
      passwordHash: 'x',
    },
    '2026-12-01T00:00:00.000Z',
  );
}

/** A tag of its own on a fresh fixture article. */
function freshTag(ctx: ServiceContext, users: Users, caller: Audience) {
  const f = fixture(ctx, users, caller);
  fixtureCount += 1;
  ctx.repos.articles.setTags(f.articleId, [{ slug: `amne-${fixtureCount}`, name: `Ämne ${fixtureCount}` }]);
  const tag = ctx.repos.tags.findBySlug(`amne-${fixtureCount}`);
  if (!tag) throw new Error('no tag');
  return tag;
}

function freshPerson(ctx: ServiceContext): number {
  fixtureCount += 1;
  return ctx.repos.people.insert(
    { name: `Person ${fixtureCount}`, title: '', organisation: '' },
    '2026-12-01T00:00:00.000Z',
  ).id;
}

const UPDATE_FORM = {
  date: '2026-12-09',
  time: '10:00',
  headline: 'Rubrik',
  'blocks.0.type': 'text',
  'blocks.0.markdown': 'Text.',
  action: 'save',
};

const ARTICLE_FORM = {
  title: 'Ny artikel',
  slug: '',
  summary: '',
  tags: '',
  locale: 'sv',
  timeZone: 'Europe/Stockholm',
};

const IMPORT_FORM = {
  text: 'Den 8 december:\n\nVad hände?\n\n– Inget.',
  year: '2026',
  locale: 'sv',
  article: '',
  title: 'Import',
  timeZone: 'Europe/Stockholm',
};

const EXAMPLES: Record<string, Example> = {
  'GET /': () => ({ path: '/' }),
  'GET /healthz': () => ({ path: '/healthz' }),
  'GET /articles/:slug': (ctx, u, c) => ({ path: `/articles/${fixture(ctx, u, c).slug}` }),
  'GET /articles/:slug/updates/:id': (ctx, u, c) => {
    const f = fixture(ctx, u, c);
    return { path: `/articles/${f.slug}/updates/${f.minuteUpdateId}` };
  },
  'GET /search': () => ({ path: '/search?q=a-kassor' }),
  'GET /desk/search': () => ({ path: '/desk/search?q=a-kassor' }),
  'GET /tags/:tag': (ctx, u, c) => {
    fixture(ctx, u, c);
    return { path: '/tags/it-sakerhet' };
  },
  'GET /feed.atom': () => ({ path: '/feed.atom' }),
  'GET /feed.rss': () => ({ path: '/feed.rss' }),
  'GET /feed.json': () => ({ path: '/feed.json' }),
  'GET /articles/:slug/feed.atom': (ctx, u, c) => ({
    path: `/articles/${fixture(ctx, u, c).slug}/feed.atom`,
  }),
  'GET /articles/:slug/feed.rss': (ctx, u, c) => ({ path: `/articles/${fixture(ctx, u, c).slug}/feed.rss` }),
  'GET /articles/:slug/feed.json': (ctx, u, c) => ({
    path: `/articles/${fixture(ctx, u, c).slug}/feed.json`,
  }),
  'GET /sitemap.xml': () => ({ path: '/sitemap.xml' }),
  'GET /news-sitemap.xml': () => ({ path: '/news-sitemap.xml' }),
  'GET /robots.txt': () => ({ path: '/robots.txt' }),
  'GET /desk/tags': () => ({ path: '/desk/tags' }),
  'POST /desk/tags/:id/rename': (ctx, u, c) => {
    const id = freshTag(ctx, u, c).id;
    return { path: `/desk/tags/${id}/rename`, body: { name: `Omdöpt ${id}` } };
  },
  'POST /desk/tags/:id/merge': (ctx, u, c) => {
    const from = freshTag(ctx, u, c);
    const into = freshTag(ctx, u, c);
    return { path: `/desk/tags/${from.id}/merge`, body: { into: into.name } };
  },
  'GET /login': () => ({ path: '/login' }),
  'POST /login': (_ctx, _u, c) => ({
    path: '/login',
    body: { email: c === 'anonymous' ? 'editor@example.com' : `${c}@example.com`, password: PASSWORD },
  }),
  'POST /logout': () => ({ path: '/logout' }),
  'GET /desk': () => ({ path: '/desk' }),
  'GET /desk/articles/new': () => ({ path: '/desk/articles/new' }),
  'POST /desk/articles': () => {
    fixtureCount += 1;
    return { path: '/desk/articles', body: { ...ARTICLE_FORM, title: `Ny artikel ${fixtureCount}` } };
  },
  'GET /desk/articles/:id': (ctx, u, c) => ({ path: `/desk/articles/${fixture(ctx, u, c).articleId}` }),
  'GET /desk/articles/:id/edit': (ctx, u, c) => ({
    path: `/desk/articles/${fixture(ctx, u, c).articleId}/edit`,
  }),
  'POST /desk/articles/:id/edit': (ctx, u, c) => {
    const f = fixture(ctx, u, c);
    const version = String(ctx.repos.articles.findById(f.articleId)?.version);
    return { path: `/desk/articles/${f.articleId}/edit`, body: { ...ARTICLE_FORM, slug: f.slug, version } };
  },
  'POST /desk/articles/:id/publish': (ctx, u, c) => ({
    path: `/desk/articles/${fixture(ctx, u, c).articleId}/publish`,
  }),
  'POST /desk/articles/:id/unpublish': (ctx, u, c) => ({
    path: `/desk/articles/${fixture(ctx, u, c).articleId}/unpublish`,
  }),
  'POST /desk/articles/:id/updates': (ctx, u, c) => ({
    path: `/desk/articles/${fixture(ctx, u, c).articleId}/updates`,
    body: UPDATE_FORM,
  }),
  'GET /desk/updates/:id/edit': (ctx, u, c) => ({ path: `/desk/updates/${fixture(ctx, u, c).draftId}/edit` }),
  'POST /desk/updates/:id/edit': (ctx, u, c) => {
    const f = fixture(ctx, u, c);
    const version = String(ctx.repos.updates.findById(f.draftId)?.version);
    return { path: `/desk/updates/${f.draftId}/edit`, body: { ...UPDATE_FORM, version } };
  },
  'POST /desk/updates/:id/publish': (ctx, u, c) => ({
    path: `/desk/updates/${fixture(ctx, u, c).draftId}/publish`,
  }),
  'POST /desk/updates/:id/unpublish': (ctx, u, c) => ({
    path: `/desk/updates/${fixture(ctx, u, c).minuteUpdateId}/unpublish`,
  }),
  'POST /desk/updates/:id/move': (ctx, u, c) => ({
    path: `/desk/updates/${fixture(ctx, u, c).draftId}/move`,
    body: { direction: 'down' },
  }),
  'POST /desk/updates/:id/delete': (ctx, u, c) => ({
    path: `/desk/updates/${fixture(ctx, u, c).draftId}/delete`,
  }),
  'GET /desk/articles/:id/history': (ctx, u, c) => ({
    path: `/desk/articles/${fixture(ctx, u, c).articleId}/history`,
  }),
  'GET /desk/updates/:id/history': (ctx, u, c) => ({
    path: `/desk/updates/${fixture(ctx, u, c).minuteUpdateId}/history`,
  }),
  'GET /desk/updates/:id/diff': (ctx, u, c) => {
    const f = fixture(ctx, u, c);
    const revision = ctx.repos.revisions.latestId(f.articleId, f.minuteUpdateId);
    return { path: `/desk/updates/${f.minuteUpdateId}/diff?from=${revision}&to=${revision}` };
  },
  'POST /desk/updates/:id/restore': (ctx, u, c) => {
    // A draft: journalists restore drafts; published updates are for editors (see permissions.ts).
    const f = fixture(ctx, u, c);
    const revision = ctx.repos.revisions.latestId(f.articleId, f.draftId);
    return { path: `/desk/updates/${f.draftId}/restore`, body: { revision: String(revision) } };
  },
  'POST /desk/updates/:id/undelete': (ctx, u, c) => {
    const f = fixture(ctx, u, c);
    deleteUpdate(ctx, actor('editor'), f.draftId);
    return { path: `/desk/updates/${f.draftId}/undelete` };
  },
  'POST /desk/updates/:id/purge': (ctx, u, c) => {
    const f = fixture(ctx, u, c);
    deleteUpdate(ctx, actor('editor'), f.draftId);
    return { path: `/desk/updates/${f.draftId}/purge`, body: { reason: 'Rättsligt krav' } };
  },
  'POST /desk/articles/:id/order': (ctx, u, c) => {
    const f = fixture(ctx, u, c);
    const ids = ctx.repos.updates
      .positions(f.articleId)
      .map((p) => p.id)
      .reverse();
    return { path: `/desk/articles/${f.articleId}/order`, body: { order: ids.join(',') } };
  },
  'POST /desk/articles/:id/end-coverage': (ctx, u, c) => ({
    path: `/desk/articles/${fixture(ctx, u, c).articleId}/end-coverage`,
  }),
  'POST /desk/articles/:id/presence': (ctx, u, c) => {
    const f = fixture(ctx, u, c);
    return { path: `/desk/articles/${f.articleId}/presence`, body: { updateId: String(f.draftId) } };
  },
  'POST /desk/articles/:id/settings': (ctx, u, c) => ({
    path: `/desk/articles/${fixture(ctx, u, c).articleId}/settings`,
    body: { journalistsPublish: 'on' },
  }),
  'POST /desk/updates/:id/pin': (ctx, u, c) => ({
    path: `/desk/updates/${fixture(ctx, u, c).minuteUpdateId}/pin`,
    body: { pinned: 'on' },
  }),
  'POST /desk/updates/:id/key-event': (ctx, u, c) => ({
    path: `/desk/updates/${fixture(ctx, u, c).minuteUpdateId}/key-event`,
    body: { keyEvent: 'on' },
  }),
  'GET /articles/:slug/events': (ctx, u, c) => ({
    path: `/articles/${fixture(ctx, u, c).slug}/events?probe=1`,
  }),
  'GET /desk/import': () => ({ path: '/desk/import' }),
  'POST /desk/import/preview': () => ({
    path: '/desk/import/preview',
    body: { ...IMPORT_FORM, action: 'parse' },
  }),
  'POST /desk/import/save': () => {
    fixtureCount += 1;
    return {
      path: '/desk/import/save',
      body: {
        ...IMPORT_FORM,
        title: `Import ${fixtureCount}`,
        action: 'create',
        'updates.0.date': '2026-12-08',
        'updates.0.blocks.0.type': 'qa',
        'updates.0.blocks.0.question': 'Vad hände?',
        'updates.0.blocks.0.answer': 'Inget.',
        'updates.0.blocks.0.speaker': 'Karin Berg',
      },
    };
  },
  'GET /desk/people': () => ({ path: '/desk/people?q=berg' }),
  'GET /desk/people/new': () => ({ path: '/desk/people/new' }),
  'POST /desk/people': () => {
    fixtureCount += 1;
    return {
      path: '/desk/people',
      body: { name: `Person ${fixtureCount}`, title: '', organisation: '', note: '' },
    };
  },
  'GET /desk/people/:id': (ctx) => ({ path: `/desk/people/${freshPerson(ctx)}` }),
  'POST /desk/people/:id': (ctx) => {
    const id = freshPerson(ctx);
    return {
      path: `/desk/people/${id}`,
      body: { name: `Renamed ${id}`, title: 'vd', organisation: '', note: '' },
    };
  },
  'POST /desk/people/:id/merge': (ctx) => ({
    path: `/desk/people/${freshPerson(ctx)}/merge`,
    body: { into: String(freshPerson(ctx)) },
  }),
  'GET /desk/account': () => ({ path: '/desk/account' }),
  'POST /desk/account/password': () => ({
    path: '/desk/account/password',
    body: { current: PASSWORD, password: PASSWORD, confirm: PASSWORD },
  }),
  // English, as it was: the other examples' pages stay as they are.
  'POST /desk/account/locale': () => ({ path: '/desk/account/locale', body: { locale: 'en' } }),
  'GET /desk/users': () => ({ path: '/desk/users' }),
  'GET /desk/users/new': () => ({ path: '/desk/users/new' }),
  'POST /desk/users': () => {
    fixtureCount += 1;
    return {
      path: '/desk/users',
      body: {
        email: `new-${fixtureCount}@example.com`,
        displayName: 'Ny',
        role: 'journalist',
        password: PASSWORD,
      },
    };
  },
  'POST /desk/users/:id/disable': (ctx) => ({ path: `/desk/users/${freshUser(ctx)}/disable` }),
  'POST /desk/users/:id/enable': (ctx) => ({ path: `/desk/users/${freshUser(ctx)}/enable` }),
  'POST /desk/users/:id/role': (ctx) => ({
    path: `/desk/users/${freshUser(ctx)}/role`,
    body: { role: 'editor' },
  }),
  'POST /desk/users/:id/reset-password': (ctx) => ({ path: `/desk/users/${freshUser(ctx)}/reset-password` }),
  'GET /desk/audit': () => ({ path: '/desk/audit' }),
  'GET /desk/tokens': () => ({ path: '/desk/tokens' }),
  'POST /desk/tokens': () => ({ path: '/desk/tokens', body: { name: 'Skript' } }),
  'POST /desk/tokens/:id/revoke': (ctx, u, c) => {
    const owner = c === 'anonymous' ? u.editor : u[c];
    tokenFor(ctx, owner, 'Att återkalla');
    return { path: `/desk/tokens/${ctx.repos.tokens.listForUser(owner)[0]?.id}/revoke` };
  },
  // The JSON API: bearer tokens and JSON bodies (see the loop below).
  'GET /api/v1/articles': () => ({ path: '/api/v1/articles' }),
  'POST /api/v1/articles': () => {
    fixtureCount += 1;
    return { path: '/api/v1/articles', body: { title: `Via API ${fixtureCount}` } };
  },
  'GET /api/v1/articles/:id': (ctx, u, c) => ({ path: `/api/v1/articles/${fixture(ctx, u, c).articleId}` }),
  'PATCH /api/v1/articles/:id': (ctx, u, c) => {
    const f = fixture(ctx, u, c);
    const version = ctx.repos.articles.findById(f.articleId)?.version;
    return { path: `/api/v1/articles/${f.articleId}`, body: { version, summary: 'Ny ingress' } };
  },
  'POST /api/v1/articles/:id/publish': (ctx, u, c) => ({
    path: `/api/v1/articles/${fixture(ctx, u, c).articleId}/publish`,
  }),
  'POST /api/v1/articles/:id/unpublish': (ctx, u, c) => ({
    path: `/api/v1/articles/${fixture(ctx, u, c).articleId}/unpublish`,
  }),
  'POST /api/v1/articles/:id/updates': (ctx, u, c) => ({
    path: `/api/v1/articles/${fixture(ctx, u, c).articleId}/updates`,
    body: { datedAt: '2026-12-09T10:00:00Z', blocks: [{ type: 'text', markdown: 'Text.' }] },
  }),
  'POST /api/v1/import': () => ({
    path: '/api/v1/import',
    body: { text: 'Den 8 december:\n\nVad hände?\n\n– Allt stannade.', year: 2026, locale: 'sv' },
  }),
  'PUT /api/v1/articles/:id/order': (ctx, u, c) => {
    const f = fixture(ctx, u, c);
    const updateIds = ctx.repos.updates
      .positions(f.articleId)
      .map((p) => p.id)
      .reverse();
    return { path: `/api/v1/articles/${f.articleId}/order`, body: { updateIds } };
  },
  'PATCH /api/v1/updates/:id': (ctx, u, c) => {
    const f = fixture(ctx, u, c);
    const version = ctx.repos.updates.findById(f.draftId)?.version;
    return { path: `/api/v1/updates/${f.draftId}`, body: { version, headline: 'Ny rubrik' } };
  },
  'DELETE /api/v1/updates/:id': (ctx, u, c) => ({ path: `/api/v1/updates/${fixture(ctx, u, c).draftId}` }),
};

const key = (rule: { method: string; path: string }) => `${rule.method} ${rule.path}`;

describe('the role × route table', () => {
  let setup: ReturnType<typeof testApp>;
  let users: Users;
  const agents = {} as Record<Audience, Agent>;
  // The JSON API ignores sessions: each role calls it with its own bearer token.
  const bearer = {} as Record<keyof Users, string>;

  before(async () => {
    setup = testApp();
    users = {
      journalist: (await addUser(setup.ctx, 'journalist')).id,
      editor: (await addUser(setup.ctx, 'editor')).id,
      admin: (await addUser(setup.ctx, 'admin')).id,
    };
    agents.anonymous = request.agent(setup.app);
    for (const role of ['journalist', 'editor', 'admin'] as const) {
      const agent = request.agent(setup.app);
      const page = await agent.get('/login');
      await agent
        .post('/login')
        .type('form')
        .send({ email: `${role}@example.com`, password: PASSWORD, _csrf: csrfFrom(page.text) })
        .expect(303);
      agents[role] = agent;
      bearer[role] = tokenFor(setup.ctx, users[role]);
    }
  });
  after(() => setup.close());

  it('when the app starts, then every registered route has a row in the table and every row a route', () => {
    const registered = listRoutes(setup.app).map(key).sort();
    const table = ACCESS_TABLE.map(key).sort();
    assert.deepEqual(registered, table);
    assert.ok(registered.length >= 30, `expected the whole app, found ${registered.length} routes`);
  });

  it('when a table row has no example request in this test, then this test is incomplete', () => {
    assert.deepEqual(
      ACCESS_TABLE.map(key).filter((k) => !(k in EXAMPLES)),
      [],
    );
  });

  const audiences: Audience[] = ['anonymous', 'journalist', 'editor', 'admin'];
  for (const rule of ACCESS_TABLE) {
    it(`${key(rule)}: allowed for ${rule.allow.join(', ')}; everyone else is refused`, async () => {
      for (const caller of audiences) {
        // Logging in and out changes who the agent is: use a throwaway session for those.
        const throwaway = rule.path === '/logout' || rule.path === '/login';
        const agent = !throwaway
          ? agents[caller]
          : caller === 'anonymous'
            ? request.agent(setup.app)
            : await freshLogin(caller);
        const example = EXAMPLES[key(rule)]?.(setup.ctx, users, caller);
        assert.ok(example, `no example for ${key(rule)}`);
        let res;
        const api = rule.path.startsWith('/api/');
        if (api) {
          const call = send(setup.app, rule.method, example.path);
          if (caller !== 'anonymous') call.set('Authorization', `Bearer ${bearer[caller]}`);
          res = await (example.body ? call.send(example.body) : call);
        } else if (rule.path.endsWith('/events')) {
          // An event stream never ends: take the status from the first bytes, then hang up.
          res = await agent.get(example.path).parse((stream, done) => {
            stream.once('data', () => {
              done(null, null);
              (stream as unknown as { destroy: () => void }).destroy();
            });
          });
        } else if (rule.method === 'GET') {
          res = await agent.get(example.path);
        } else {
          const token = csrfFrom((await agent.get('/login?next=/desk').redirects(1)).text);
          res = await agent
            .post(example.path)
            .type('form')
            .send({ ...example.body, _csrf: token });
        }
        const where = `${caller} → ${rule.method} ${example.path}`;
        if (rule.allow.includes(caller)) {
          assert.ok(res.status >= 200 && res.status < 400, `${where}: expected 2xx/3xx, got ${res.status}`);
        } else if (caller === 'anonymous' && api) {
          assert.equal(res.status, 401, `${where}: an anonymous API call gets 401`);
        } else if (caller === 'anonymous') {
          assert.equal(res.status, 303, `${where}: anonymous should be sent to log in`);
          assert.match(res.headers.location ?? '', /^\/login\?next=/, where);
        } else {
          assert.equal(res.status, 403, `${where}: expected 403`);
        }
      }
    });
  }

  async function freshLogin(role: 'journalist' | 'editor' | 'admin'): Promise<Agent> {
    const agent = request.agent(setup.app);
    const page = await agent.get('/login');
    await agent
      .post('/login')
      .type('form')
      .send({ email: `${role}@example.com`, password: PASSWORD, _csrf: csrfFrom(page.text) })
      .expect(303);
    return agent;
  }

  it('when a logged-in user is refused by the table, then the refusal is in the audit log', () => {
    const denied = setup.ctx.repos.audit.search({ action: 'access.denied' }, 500);
    assert.ok(denied.length > 0);
    assert.ok(denied.every((entry) => entry.outcome === 'denied' && entry.actorId !== null));
  });
});

describe('object-level access', () => {
  it("when a journalist guesses the id of someone else's draft article or update, then it does not exist for them", async () => {
    const setup = testApp();
    try {
      await addUser(setup.ctx, 'journalist');
      const { articleId, minuteUpdateId } = seedArticle(setup.ctx, { publish: false });
      const agent = request.agent(setup.app);
      const page = await agent.get('/login');
      await agent
        .post('/login')
        .type('form')
        .send({ email: 'journalist@example.com', password: PASSWORD, _csrf: csrfFrom(page.text) })
        .expect(303);
      await agent.get(`/desk/articles/${articleId}`).expect(404);
      await agent.get(`/desk/articles/${articleId}/edit`).expect(404);
      await agent.get(`/desk/updates/${minuteUpdateId}/edit`).expect(404);
      await agent.get('/articles/it-attack').expect(404);
      await agent.get(`/articles/it-attack/updates/${minuteUpdateId}`).expect(404);
      const token = csrfFrom((await agent.get('/desk')).text);
      await agent
        .post(`/desk/articles/${articleId}/updates`)
        .type('form')
        .send({ ...UPDATE_FORM, _csrf: token })
        .expect(404);
      const dashboard = await agent.get('/desk').expect(200);
      assert.doesNotMatch(dashboard.text, /It-attack slår ut a-kassor/);
    } finally {
      setup.close();
    }
  });

  it('when a journalist is not on a published article, then its desk is forbidden; once assigned, it opens', async () => {
    const setup = testApp();
    try {
      const journalist = await addUser(setup.ctx, 'journalist');
      const { articleId } = seedArticle(setup.ctx);
      const agent = request.agent(setup.app);
      const page = await agent.get('/login');
      await agent
        .post('/login')
        .type('form')
        .send({ email: 'journalist@example.com', password: PASSWORD, _csrf: csrfFrom(page.text) });
      await agent.get(`/desk/articles/${articleId}`).expect(403);
      setup.ctx.repos.articles.setMembers(articleId, [journalist.id], '2026-12-01T00:00:00.000Z');
      await agent.get(`/desk/articles/${articleId}`).expect(200);
    } finally {
      setup.close();
    }
  });
});
