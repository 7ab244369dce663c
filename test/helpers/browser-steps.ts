// The steps the browser journeys share: one server and one Chromium per suite, pages opened as the
// editor or as an anonymous reader (closed when the test ends), form submits, the desk's article
// steps, and the checks every journey ends with (a clean console, no axe violations).
import assert from 'node:assert/strict';
import { after, before, type TestContext } from 'node:test';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import {
  browserAvailable,
  EDITOR_EMAIL,
  EDITOR_PASSWORD,
  formatViolations,
  launchBrowser,
  runAxe,
  startTestServer,
  watchPage,
  type PageProblems,
  type TestServer,
} from './browser.js';

/** How long a browser test (and its suite's setup) may take. */
export const TIMEOUT = 60_000;

/** A page of its own browser context, with the recorder watching it. */
export interface Opened {
  context: BrowserContext;
  page: Page;
  problems: PageProblems;
}

export interface PageOptions {
  viewport?: { width: number; height: number };
  bypassCSP?: boolean;
}

/**
 * Starts the test server (and Chromium, when installed) before the suite this is called in and
 * stops both after it; `prepare` arranges data on the server first. Returns the pair for a test.
 */
export function useServerAndBrowser(
  options: { seedDemo?: boolean; prepare?: (server: TestServer) => Promise<void> } = {},
): () => { server: TestServer; browser: Browser } {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  before(
    async () => {
      server = await startTestServer({ seedDemo: options.seedDemo ?? false });
      await options.prepare?.(server);
      if (browserAvailable().ok) browser = await launchBrowser();
    },
    { timeout: TIMEOUT },
  );
  after(async () => {
    await browser?.close();
    await server?.close();
  });
  return () => {
    assert.ok(server && browser, 'the test server and the browser were not started');
    return { server, browser };
  };
}

/** A fresh browser context with one watched page, closed when the test `t` ends. */
export async function openPage(
  t: TestContext,
  browser: Browser,
  baseUrl: string,
  options: PageOptions = {},
): Promise<Opened> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    ...(options.viewport ? { viewport: options.viewport } : {}),
    ...(options.bypassCSP ? { bypassCSP: true } : {}),
  });
  t.after(() => context.close());
  const page = await context.newPage();
  return { context, page, problems: watchPage(page) };
}

/** A fresh context logged in through the login form (as the editor unless `email` says otherwise). */
export async function logInAsEditor(
  t: TestContext,
  browser: Browser,
  baseUrl: string,
  options: PageOptions & { email?: string } = {},
): Promise<Opened> {
  const email = options.email ?? EDITOR_EMAIL;
  const opened = await openPage(t, browser, baseUrl, options);
  const { page } = opened;
  await page.goto('/login');
  await page.fill('#email', email);
  await page.fill('#password', EDITOR_PASSWORD);
  await submit(page, page.getByRole('button', { name: 'Log in', exact: true }));
  assert.equal(new URL(page.url()).pathname, '/desk', `${email} should land on the desk`);
  return opened;
}

/** A public page opened in a fresh, anonymous context; it must answer 200. */
export async function openReaderPage(
  t: TestContext,
  browser: Browser,
  baseUrl: string,
  path: string,
  options: PageOptions = {},
): Promise<Opened> {
  const opened = await openPage(t, browser, baseUrl, options);
  const response = await opened.page.goto(path);
  assert.equal(response?.status(), 200, `GET ${path} should be 200`);
  return opened;
}

/** Submits the form a button belongs to and waits for the next page to load. */
export async function submit(page: Page, button: Locator): Promise<void> {
  await Promise.all([page.waitForEvent('load'), button.click()]);
}

/** Fails with axe's report when the page has accessibility violations. */
export async function assertNoAxeViolations(page: Page, where: string): Promise<void> {
  const violations = await runAxe(page);
  assert.equal(violations.length, 0, formatViolations(where, violations));
}

/** No console errors (but those `allowed`), no uncaught page errors and no dialogs on a watched page. */
export function assertClean(where: string, problems: PageProblems, allowed: RegExp[] = []): void {
  const errors = problems.consoleErrors.filter((text) => !allowed.some((re) => re.test(text)));
  assert.deepEqual(errors, [], `${where}: console errors (requests: ${problems.failedRequests.join('; ')})`);
  assert.deepEqual(problems.pageErrors, [], `${where}: uncaught page errors`);
  assert.deepEqual(problems.dialogs, [], `${where}: dialogs were opened`);
}

/** The page's first h1 reads `text`. */
export async function assertHeading(page: Page, text: string): Promise<void> {
  assert.equal((await page.locator('h1').first().textContent())?.trim(), text);
}

/** Creates a live Swedish article through the desk form; returns its id (the page is then its live desk). */
export async function createArticle(
  page: Page,
  input: { title: string; summary: string; tags: string },
): Promise<number> {
  await page.goto('/desk/articles/new');
  await page.fill('#title', input.title);
  await page.fill('#summary', input.summary);
  await page.fill('#tags', input.tags);
  await page.selectOption('#locale', 'sv');
  await page.fill('#timeZone', 'Europe/Stockholm');
  await page.check('#live');
  await submit(page, page.getByRole('button', { name: 'Create article', exact: true }));
  const match = /^\/desk\/articles\/(\d+)$/.exec(new URL(page.url()).pathname);
  assert.ok(match, `creating the article should redirect to its live desk, got ${page.url()}`);
  await assertHeading(page, input.title);
  return Number(match[1]);
}

/** Publishes the article whose live desk is open; the desk then offers to unpublish it. */
export async function publishArticle(page: Page): Promise<void> {
  await submit(page, page.getByRole('button', { name: 'Publish article', exact: true }));
  await page.getByRole('button', { name: 'Unpublish article', exact: true }).waitFor();
  assert.equal(
    (await page.locator('.desk-article-header .badge').first().textContent())?.trim(),
    'published',
  );
}
