// History and corrections in a real Chromium: an editor files a correction through the edit form's
// radio group, readers see it, and the history, diff and removed-update pages pass axe-core.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { deleteUpdate } from '../../src/services/updates.js';
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
  type TestServer,
} from '../helpers/browser.js';
import { actor } from '../helpers/db.js';
import { seedArticle } from '../helpers/fixtures.js';

const TIMEOUT = 60_000;
const NOTE = 'En tidigare version angav fel dag för attacken.';

let server: TestServer | undefined;
let browser: Browser | undefined;

async function submit(page: Page, button: Locator): Promise<void> {
  await Promise.all([page.waitForEvent('load'), button.click()]);
}

async function assertAccessible(page: Page, where: string): Promise<void> {
  const violations = await runAxe(page);
  assert.equal(violations.length, 0, formatViolations(where, violations));
}

describe('browser: history and corrections', () => {
  before(
    async () => {
      server = await startTestServer();
      if (browserAvailable().ok) browser = await launchBrowser();
    },
    { timeout: TIMEOUT },
  );
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it(
    'an editor files a correction, readers see it, and the history pages are accessible',
    { timeout: TIMEOUT },
    async (t) => {
      if (!skipOrFail(t)) return;
      assert.ok(server && browser);
      const { articleId, minuteUpdateId, dayUpdateId } = seedArticle(server.ctx);
      deleteUpdate(server.ctx, actor('editor'), dayUpdateId);
      const context = await browser.newContext({ baseURL: server.baseUrl });
      const page = await context.newPage();
      const problems = watchPage(page);
      try {
        await page.goto('/login');
        await page.fill('#email', EDITOR_EMAIL);
        await page.fill('#password', EDITOR_PASSWORD);
        await submit(page, page.getByRole('button', { name: 'Log in', exact: true }));

        await page.goto(`/desk/updates/${minuteUpdateId}/edit`);
        await assertAccessible(page, 'edit form with the change-kind question');
        await page.fill('#edit-headline', 'Systemen är tillbaka efter sex dygn');
        await page.check('#edit-change-correction');
        await page.fill('#edit-correction-note', NOTE);
        await submit(page, page.getByRole('button', { name: 'Save', exact: true }));
        assert.equal(new URL(page.url()).pathname, `/desk/articles/${articleId}`);

        await page.goto('/articles/it-attack');
        const correction = page.locator(`#update-${minuteUpdateId} .update__corrections`);
        assert.match(
          (await correction.textContent()) ?? '',
          new RegExp(`Rättelse [^:]*kl\\. \\d{1,2}\\.\\d{2}: ${NOTE}`),
        );
        assert.match((await page.locator('.corrections').textContent()) ?? '', /Rättelser/);

        await page.goto(`/desk/articles/${articleId}/history`);
        await assertAccessible(page, 'article history with a removed update');
        await page.goto(`/desk/updates/${minuteUpdateId}/history`);
        await assertAccessible(page, 'update history');
        await submit(page, page.getByRole('button', { name: 'Compare the chosen revisions' }));
        assert.equal(new URL(page.url()).pathname, `/desk/updates/${minuteUpdateId}/diff`);
        assert.equal(await page.locator('.diff ins', { hasText: 'efter sex dygn' }).count(), 1);
        await assertAccessible(page, 'diff');
        assert.deepEqual(problems.consoleErrors, []);
        assert.deepEqual(problems.pageErrors, []);
      } finally {
        await context.close();
      }
    },
  );
});
