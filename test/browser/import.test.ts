// The transcript import in a real Chromium: paste, fix a speaker in the preview, create the article,
// publish it, and read the interview on the public page. axe-core checks the import pages.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
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

const TIMEOUT = 60_000;

const TITLE = 'Brand i serverhallen';
const TRANSCRIPT = [
  'Den 8 december:',
  'Räddningstjänsten larmades strax efter midnatt till en brand i serverhallen.',
  'Hur började branden?',
  'PER LINDKVIST: Vi vet inte än. Vi utreder saken.',
  'Är någon skadad?',
  'PER LINDKVIST: Nej, ingen är skadad.',
].join('\n\n');

let server: TestServer | undefined;
let browser: Browser | undefined;

/** Submits the form a button belongs to and waits for the next page to load. */
async function submit(page: Page, button: Locator): Promise<void> {
  await Promise.all([page.waitForEvent('load'), button.click()]);
}

async function assertNoAxeViolations(page: Page, where: string): Promise<void> {
  const violations = await runAxe(page);
  assert.equal(violations.length, 0, formatViolations(where, violations));
}

function assertClean(where: string, problems: PageProblems): void {
  assert.deepEqual(problems.consoleErrors, [], `${where}: console errors`);
  assert.deepEqual(problems.pageErrors, [], `${where}: uncaught page errors`);
  assert.deepEqual(problems.dialogs, [], `${where}: dialogs were opened`);
}

describe('browser: importing a transcript', () => {
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
    'an editor pastes a transcript, fixes a speaker, creates and publishes the article, and readers see the interview',
    { timeout: TIMEOUT },
    async (t) => {
      if (!skipOrFail(t)) return;
      assert.ok(server && browser);
      const context = await browser.newContext({ baseURL: server.baseUrl });
      try {
        const page = await context.newPage();
        const problems = watchPage(page);
        await page.goto('/login');
        await page.fill('#email', EDITOR_EMAIL);
        await page.fill('#password', EDITOR_PASSWORD);
        await submit(page, page.getByRole('button', { name: 'Log in', exact: true }));

        await submit(page, page.getByRole('link', { name: 'Import transcript', exact: true }));
        assert.equal(new URL(page.url()).pathname, '/desk/import');
        await assertNoAxeViolations(page, '/desk/import');
        await page.fill('#text', TRANSCRIPT);
        await page.fill('#title', TITLE);
        await submit(page, page.getByRole('button', { name: 'Preview the import', exact: true }));

        assert.equal((await page.locator('h1').textContent())?.trim(), 'Check the import');
        assert.match((await page.locator('.import-source__text').textContent()) ?? '', /PER LINDKVIST: Nej/);
        assert.equal(await page.inputValue('#u0-b1-speaker'), 'PER LINDKVIST');
        assert.equal(await page.inputValue('#u0-date'), `${new Date().getFullYear()}-12-08`);
        await assertNoAxeViolations(page, '/desk/import/preview');

        // The speaker list changes the name in every answer at once.
        await page.getByLabel('Name to use for PER LINDKVIST').fill('Per Lindkvist');
        await submit(page, page.getByRole('button', { name: 'Apply speaker names', exact: true }));
        assert.equal(await page.inputValue('#u0-b1-speaker'), 'Per Lindkvist');
        assert.equal(await page.inputValue('#u0-b2-speaker'), 'Per Lindkvist');
        assert.equal(await page.inputValue('#u0-b0-markdown'), TRANSCRIPT.split('\n\n')[1]);
        await assertNoAxeViolations(page, '/desk/import/preview (after renaming)');

        await page.check('#publish');
        await submit(page, page.getByRole('button', { name: 'Create the draft article', exact: true }));
        const match = /^\/desk\/articles\/(\d+)$/.exec(new URL(page.url()).pathname);
        assert.ok(match, `saving should open the live desk, got ${page.url()}`);
        assert.equal((await page.locator('h1').first().textContent())?.trim(), TITLE);
        await submit(page, page.getByRole('button', { name: 'Publish article', exact: true }));
        await page.getByRole('button', { name: 'Unpublish article', exact: true }).waitFor();
        assertClean('desk', problems);

        const slug = server.ctx.repos.articles.findById(Number(match[1]))?.slug;
        const reader = await browser.newContext({ baseURL: server.baseUrl });
        try {
          const publicPage = await reader.newPage();
          const readerProblems = watchPage(publicPage);
          const response = await publicPage.goto(`/articles/${slug}`);
          assert.equal(response?.status(), 200);
          const interview = publicPage.locator('article.update dl.interview');
          assert.equal(await interview.locator('dt.qa__question').count(), 2);
          const questions = await interview.locator('dt.qa__question').allTextContents();
          assert.ok(questions[0]?.trim().endsWith('Hur började branden?'), questions.join(' | '));
          assert.ok(questions[1]?.trim().endsWith('Är någon skadad?'), questions.join(' | '));
          const speakers = await interview.locator('.qa__speaker').allTextContents();
          assert.ok(
            speakers.length > 0 && speakers.every((s) => s.includes('Per Lindkvist')),
            speakers.join(' | '),
          );
          assert.doesNotMatch((await publicPage.locator('main').textContent()) ?? '', /PER LINDKVIST/);
          assertClean('reader page', readerProblems);
        } finally {
          await reader.close();
        }
      } finally {
        await context.close();
      }
    },
  );
});
