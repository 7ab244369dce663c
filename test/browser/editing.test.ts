// Two editors in two browsers on one update: the second save is refused as stale and shows both
// versions side by side; "apply my changes on top" merges them; the desk shows who else is there.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Locator, Page } from 'playwright-core';
import { createUser } from '../../src/services/accounts.js';
import {
  browserAvailable,
  EDITOR_EMAIL,
  EDITOR_PASSWORD,
  formatViolations,
  launchBrowser,
  runAxe,
  skipOrFail,
  startTestServer,
  watchPage,
  type PageProblems,
  type TestServer,
} from '../helpers/browser.js';
import { actor } from '../helpers/db.js';
import { seedArticle } from '../helpers/fixtures.js';

const TIMEOUT = 60_000;
const SECOND_EMAIL = 'bo@example.com';

let server: TestServer | undefined;
let browser: Browser | undefined;

async function submitAndWait(page: Page, button: Locator): Promise<void> {
  await Promise.all([page.waitForEvent('load'), button.click()]);
}

async function logIn(b: Browser, baseUrl: string, email: string) {
  const context = await b.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems = watchPage(page);
  await page.goto('/login');
  await page.fill('#email', email);
  await page.fill('#password', EDITOR_PASSWORD);
  await submitAndWait(page, page.getByRole('button', { name: 'Log in', exact: true }));
  assert.equal(new URL(page.url()).pathname, '/desk', `${email} should land on the desk`);
  return { context, page, problems };
}

function assertClean(where: string, problems: PageProblems): void {
  // A 409 page is a refused save: Chromium logs its status as a console error.
  const errors = problems.consoleErrors.filter((text) => !/status of 409/.test(text));
  assert.deepEqual(errors, [], `${where}: console errors (requests: ${problems.failedRequests.join('; ')})`);
  assert.deepEqual(problems.pageErrors, [], `${where}: uncaught page errors`);
  assert.deepEqual(problems.dialogs, [], `${where}: dialogs were opened`);
}

describe('browser: two editors on one update', () => {
  before(
    async () => {
      server = await startTestServer();
      const created = await createUser(server.ctx, actor('admin'), {
        email: SECOND_EMAIL,
        displayName: 'Bo Ek',
        role: 'editor',
        password: EDITOR_PASSWORD,
      });
      assert.ok(created.ok);
      if (browserAvailable().ok) browser = await launchBrowser();
    },
    { timeout: TIMEOUT },
  );

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it(
    'the second save shows both versions, "apply my changes on top" keeps both, and the desk shows who is here',
    { timeout: TIMEOUT },
    async (t) => {
      if (!skipOrFail(t)) return;
      assert.ok(server && browser);
      const s = server;
      const { articleId, minuteUpdateId: id, dayUpdateId } = seedArticle(s.ctx, { slug: 'two-editors' });
      const eva = await logIn(browser, s.baseUrl, EDITOR_EMAIL);
      const bo = await logIn(browser, s.baseUrl, SECOND_EMAIL);
      try {
        // Both open the same update; Bo, second, is warned that Eva is editing it.
        await eva.page.goto(`/desk/updates/${id}/edit`);
        await bo.page.goto(`/desk/updates/${id}/edit`);
        await bo.page
          .locator('.presence__warning', { hasText: 'Eva Editor is editing this update' })
          .waitFor();

        // Eva changes the headline and saves first.
        await eva.page.fill('#edit-headline', 'Evas rubrik');
        await submitAndWait(eva.page, eva.page.getByRole('button', { name: 'Save', exact: true }));
        assert.equal(new URL(eva.page.url()).pathname, `/desk/articles/${articleId}`);

        // Bo changes the second block's answer and saves: refused as stale, both versions shown.
        await bo.page.fill('#edit-b1-answer', 'Redan första natten, enligt Bo.');
        await submitAndWait(bo.page, bo.page.getByRole('button', { name: 'Save', exact: true }));
        await bo.page.getByRole('heading', { name: /The version now stored/ }).waitFor();
        assert.equal(await bo.page.inputValue('#edit-b1-answer'), 'Redan första natten, enligt Bo.');
        assert.equal(
          await bo.page.inputValue('#edit-headline'),
          'Systemen är tillbaka',
          'his form is as he left it',
        );
        const stored = bo.page.locator('.conflict-layout__current');
        assert.match((await stored.textContent()) ?? '', /Evas rubrik/);
        const columns = await bo.page.evaluate(() => {
          const mine = document.querySelector('.conflict-layout__mine')?.getBoundingClientRect();
          const current = document.querySelector('.conflict-layout__current')?.getBoundingClientRect();
          return {
            mineLeft: mine?.left ?? 0,
            currentLeft: current?.left ?? 0,
            mineTop: mine?.top,
            currentTop: current?.top,
          };
        });
        assert.ok(columns.currentLeft > columns.mineLeft + 300, 'side by side on a wide screen');
        assert.equal(columns.mineTop, columns.currentTop);

        const violations = await runAxe(bo.page);
        assert.equal(violations.length, 0, formatViolations('the stale-save page', violations));

        // Apply on top: Eva's headline and Bo's answer, nothing saved yet; then Bo saves.
        await submitAndWait(
          bo.page,
          bo.page.getByRole('button', { name: 'Apply my changes on top', exact: true }),
        );
        await bo.page.locator('.alert--info', { hasText: 'Your changes are applied on top' }).waitFor();
        assert.equal(await bo.page.inputValue('#edit-headline'), 'Evas rubrik');
        assert.equal(await bo.page.inputValue('#edit-b1-answer'), 'Redan första natten, enligt Bo.');
        assert.equal(await bo.page.locator('.field-conflict').count(), 0, 'nothing overlapped');
        await submitAndWait(bo.page, bo.page.getByRole('button', { name: 'Save', exact: true }));
        assert.equal(new URL(bo.page.url()).pathname, `/desk/articles/${articleId}`);
        const saved = s.ctx.repos.updates.findById(id);
        assert.equal(saved?.headline, 'Evas rubrik');
        assert.equal(
          (saved?.blocks[1] as { answer?: string } | undefined)?.answer,
          'Redan första natten, enligt Bo.',
        );

        // Presence on Bo's desk: Eva is there; once she opens another update, his desk says so by itself.
        await bo.page.locator('.presence__line', { hasText: 'Also here: Eva Editor.' }).waitFor();
        await eva.page.goto(`/desk/updates/${dayUpdateId}/edit`);
        await bo.page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
        const line = bo.page.locator('.presence__line', { hasText: 'Eva Editor (editing' });
        await line.waitFor({ timeout: 10_000 });
        assert.equal(await line.locator('a').getAttribute('href'), `#update-${dayUpdateId}`);

        assertClean('Eva', eva.problems);
        assertClean('Bo', bo.problems);
      } finally {
        await eva.context.close();
        await bo.context.close();
      }
    },
  );
});
