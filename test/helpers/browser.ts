// Browser-test helpers: Debian's Chromium driven by playwright-core, an in-memory app on a real
// port, axe-core injected into the page, and a recorder for console errors and dialogs.
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import type { TestContext } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { migrate } from '../../src/db/migrate.js';
import { openDb } from '../../src/db/open-db.js';
import { createRepos } from '../../src/db/repos.js';
import { seedDemoContent } from '../../src/db/seed.js';
import { MIGRATIONS_DIR } from '../../src/runtime.js';
import { createUser } from '../../src/services/accounts.js';
import type { ServiceContext } from '../../src/services/context.js';

/** Debian's Chromium; DATELINE_CHROMIUM overrides it (e.g. to check the skip path with a missing browser). */
export const CHROMIUM_PATH = process.env.DATELINE_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-dev-shm-usage',
];

export const EDITOR_EMAIL = 'editor@example.com';
export const EDITOR_PASSWORD = 'correct horse battery staple';

export type Availability = { ok: true } | { ok: false; reason: string };

/** Whether Debian's Chromium is installed where the tests expect it. */
export function browserAvailable(): Availability {
  if (existsSync(CHROMIUM_PATH)) return { ok: true };
  return { ok: false, reason: `Chromium not found at ${CHROMIUM_PATH}` };
}

/**
 * Call at the start of a browser test. Returns true when the test can go on. Without Chromium the
 * test fails under CI=true and is skipped (loudly) elsewhere.
 */
export function skipOrFail(t: TestContext): boolean {
  const available = browserAvailable();
  if (available.ok) return true;
  if (process.env.CI === 'true') {
    throw new Error(`Chromium is required under CI=true: apt-get install -y chromium (${available.reason})`);
  }
  const reason = `SKIPPED browser test: ${available.reason}; install it with apt-get install -y chromium`;
  console.warn(`\n*** ${reason} ***\n`);
  t.skip(reason);
  return false;
}

/** Launches headless Chromium with the flags that work on this kind of machine. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

export interface TestServer {
  baseUrl: string;
  ctx: ServiceContext;
  app: ReturnType<typeof createApp>;
  close: () => Promise<void>;
}

/**
 * Starts the app over a fresh in-memory database with one editor account, listening on
 * 127.0.0.1 and a free port. `seedDemo` adds the demo stories (published).
 */
export async function startTestServer(options: { seedDemo?: boolean } = {}): Promise<TestServer> {
  const db = openDb(':memory:');
  migrate(db, MIGRATIONS_DIR);
  const ctx: ServiceContext = { db, repos: createRepos(db), clock: () => new Date() };
  const created = await createUser(
    ctx,
    { userId: null, label: 'test', role: 'admin', ip: null },
    { email: EDITOR_EMAIL, displayName: 'Eva Editor', role: 'editor', password: EDITOR_PASSWORD },
  );
  if (!created.ok) throw new Error(`could not create the editor: ${JSON.stringify(created.errors)}`);
  if (options.seedDemo === true) await seedDemoContent(ctx);

  const config = loadConfig({}, () => 'x'.repeat(64));
  const app = createApp({ db, config, clock: ctx.clock });
  const server = createServer(app.handler).listen(0, '127.0.0.1'); // as `npm start` serves it
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;

  let closed = false;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    ctx,
    app,
    close: async () => {
      if (closed) return;
      closed = true;
      const done = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await done;
      app.close();
      db.close();
    },
  };
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: string[]; html: string; failureSummary: string | undefined }[];
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA plus best practices) in the page and returns its violations.
 * The page's CSP forbids inline scripts, so axe is evaluated through the DevTools protocol instead.
 */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    interface AxeResult {
      violations: {
        id: string;
        impact?: string | null;
        help: string;
        helpUrl: string;
        nodes: { target: unknown[]; html: string; failureSummary?: string }[];
      }[];
    }
    const axe = (globalThis as unknown as { axe: { run: (options: unknown) => Promise<AxeResult> } }).axe;
    const result = await axe.run({
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({
        target: n.target.map((part) => (typeof part === 'string' ? part : JSON.stringify(part))),
        html: n.html,
        failureSummary: n.failureSummary,
      })),
    }));
  });
}

/** A readable report of axe violations for an assertion message. */
export function formatViolations(where: string, violations: AxeViolation[]): string {
  if (violations.length === 0) return `${where}: no violations`;
  const lines = [`${where}: ${violations.length} axe violation(s)`];
  for (const v of violations) {
    lines.push(`- [${v.impact ?? 'n/a'}] ${v.id}: ${v.help} (${v.helpUrl})`);
    for (const node of v.nodes) {
      lines.push(`    at ${node.target.join(' ')}`);
      lines.push(`       ${node.html.slice(0, 200)}`);
      if (node.failureSummary) lines.push(`       ${node.failureSummary.replace(/\n/g, '\n       ')}`);
    }
  }
  return lines.join('\n');
}

export interface PageProblems {
  /** Console messages of type "error" (CSP violations are reported this way too). */
  consoleErrors: string[];
  /** Uncaught exceptions in the page. */
  pageErrors: string[];
  /** alert/confirm/prompt/beforeunload dialogs, each dismissed. */
  dialogs: string[];
  /** Responses with status 400 or more and failed requests, for debugging. */
  failedRequests: string[];
}

/** Records console errors, page errors and dialogs (dismissing them) on a page. */
export function watchPage(page: Page): PageProblems {
  const problems: PageProblems = { consoleErrors: [], pageErrors: [], dialogs: [], failedRequests: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') {
      const location = message.location();
      problems.consoleErrors.push(`${message.text()}${location.url ? ` (${location.url})` : ''}`);
    }
  });
  page.on('pageerror', (error) => problems.pageErrors.push(error.message));
  page.on('dialog', (dialog) => {
    problems.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    dialog.dismiss().catch(() => undefined);
  });
  page.on('requestfailed', (request) => {
    problems.failedRequests.push(
      `${request.method()} ${request.url()}: ${request.failure()?.errorText ?? 'failed'}`,
    );
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.failedRequests.push(`${response.status()} ${response.url()}`);
  });
  return problems;
}
