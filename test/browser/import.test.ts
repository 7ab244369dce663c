// The transcript import in a real Chromium: paste, fix a speaker in the preview, create the article,
// publish it, and read the interview on the public page. axe-core checks the import pages.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { skipOrFail } from '../helpers/browser.js';
import {
  assertClean,
  assertHeading,
  assertNoAxeViolations,
  TIMEOUT,
  logInAsEditor,
  openReaderPage,
  publishArticle,
  submit,
  useServerAndBrowser,
} from '../helpers/browser-steps.js';

const TITLE = 'Brand i serverhallen';
const TRANSCRIPT = [
  'Den 8 december:',
  'Räddningstjänsten larmades strax efter midnatt till en brand i serverhallen.',
  'Hur började branden?',
  'PER LINDKVIST: Vi vet inte än. Vi utreder saken.',
  'Är någon skadad?',
  'PER LINDKVIST: Nej, ingen är skadad.',
].join('\n\n');

describe('browser: importing a transcript', () => {
  const ready = useServerAndBrowser();

  it(
    'an editor pastes a transcript, fixes a speaker, creates and publishes the article, and readers see the interview',
    { timeout: TIMEOUT },
    async (t) => {
      if (!skipOrFail(t)) return;
      const { server, browser } = ready();
      const { page, problems } = await logInAsEditor(t, browser, server.baseUrl);

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
      await assertHeading(page, TITLE);
      await publishArticle(page);
      assertClean('desk', problems);

      const slug = server.ctx.repos.articles.findById(Number(match[1]))?.slug;
      const reader = await openReaderPage(t, browser, server.baseUrl, `/articles/${slug}`);
      const publicPage = reader.page;
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
      assertClean('reader page', reader.problems);
    },
  );
});
