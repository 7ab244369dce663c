// End-to-end journeys in a real Chromium: the desk as an editor, the public page as an anonymous
// reader, axe-core on the main pages, and hostile Markdown that must stay inert.
import { describe, it, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Locator, Page } from 'playwright-core';
import { formatViolations, runAxe, skipOrFail } from '../helpers/browser.js';
import {
  assertClean,
  assertHeading,
  assertNoAxeViolations,
  TIMEOUT,
  createArticle,
  logInAsEditor,
  openReaderPage,
  publishArticle,
  submit,
  useServerAndBrowser,
  type Opened,
} from '../helpers/browser-steps.js';

const JOURNEY = {
  title: 'Strömavbrott i Örebro',
  slug: 'stromavbrott-i-orebro',
  summary: 'Tusentals hushåll utan ström efter stormen.',
  text: 'Strömmen gick vid niotiden i hela centrala Örebro.',
  question: 'När är strömmen tillbaka?',
  answer: 'Vi räknar med att alla har ström före midnatt.',
  speaker: 'Ingrid Mörk-Dahl',
  quote: 'Vi arbetar med alla tillgängliga resurser för att få tillbaka strömmen.',
  source: 'Pressmeddelande från Örebro Energi',
};

const HOSTILE_TEXT = '<img src=x onerror=alert(1)> [click](javascript:alert(2)) <script>alert(3)</script>';
const HOSTILE_QUESTION = '<svg onload=alert(4)>?';

function composer(page: Page): Locator {
  return page.locator('section.composer form.update-form');
}

async function addBlock(page: Page, label: 'Question and answer' | 'Quote'): Promise<void> {
  await submit(page, composer(page).getByRole('button', { name: label, exact: true }));
}

async function publishUpdate(page: Page, articleId: number): Promise<void> {
  await submit(page, composer(page).getByRole('button', { name: 'Publish', exact: true }));
  assert.equal(
    new URL(page.url()).pathname,
    `/desk/articles/${articleId}`,
    `publishing the update should redirect to the live desk; the page says: ${await page
      .locator('.alert, .field-error')
      .allTextContents()
      .then((t) => t.join(' | '))}`,
  );
}

/** A fresh context logged in as the editor, on the desk dashboard. */
async function editorPage(t: TestContext, b: Browser, baseUrl: string): Promise<Opened> {
  const editor = await logInAsEditor(t, b, baseUrl);
  await assertHeading(editor.page, 'Dashboard');
  return editor;
}

describe('browser: desk and reader journeys', () => {
  const ready = useServerAndBrowser({ seedDemo: true });

  it(
    'an editor logs in, creates an article, adds an update with a Q&A block and a quote, publishes, and readers see them',
    { timeout: TIMEOUT },
    async (t) => {
      if (!skipOrFail(t)) return;
      const { server: s, browser: b } = ready();
      const editor = await editorPage(t, b, s.baseUrl);
      const { page } = editor;
      const id = await createArticle(page, {
        title: JOURNEY.title,
        summary: JOURNEY.summary,
        tags: 'Örebro, el',
      });
      await publishArticle(page);

      await composer(page).locator('#new-b0-markdown').fill(JOURNEY.text);
      await addBlock(page, 'Question and answer');
      // The server re-rendered the form: the first block kept its text, the new one is empty.
      assert.equal(await page.inputValue('#new-b0-markdown'), JOURNEY.text);
      await page.fill('#new-b1-question', JOURNEY.question);
      await page.fill('#new-b1-answer', JOURNEY.answer);
      await page.fill('#new-b1-speaker', JOURNEY.speaker);
      await addBlock(page, 'Quote');
      assert.equal(await page.inputValue('#new-b1-question'), JOURNEY.question);
      assert.equal(await page.inputValue('#new-b1-speaker'), JOURNEY.speaker);
      await page.fill('#new-b2-text', JOURNEY.quote);
      await page.fill('#new-b2-source', JOURNEY.source);
      await publishUpdate(page, id);
      assert.match((await page.locator('#updates-heading').textContent()) ?? '', /Updates \(1\)/);
      assertClean('desk', editor.problems);

      const reader = await openReaderPage(t, b, s.baseUrl, `/articles/${JOURNEY.slug}`);
      await assertHeading(reader.page, JOURNEY.title);
      const update = reader.page.locator('article.update');
      assert.equal(await update.count(), 1, 'the article should show exactly one update');
      assert.equal((await update.locator('.block--text').textContent())?.trim(), JOURNEY.text);

      const question = update.locator('dl.interview dt.qa__question');
      assert.equal(await question.count(), 1);
      const questionText = ((await question.textContent()) ?? '').trim();
      assert.ok(
        questionText.endsWith(JOURNEY.question),
        `the question should be in dt.qa__question, got ${questionText}`,
      );

      const answer = update.locator('dl.interview dd.qa__answer');
      assert.equal(await answer.count(), 1);
      assert.ok(
        await answer.evaluate((dd) => dd.previousElementSibling?.matches('dt.qa__question') ?? false),
        'the answer should follow its question in the same <dl>',
      );
      // Swedish news style: the answer opens with an en dash and a space.
      const answerText = await answer.locator('p:not(.qa__speaker)').first().textContent();
      assert.equal(answerText?.trim(), `– ${JOURNEY.answer}`);

      const speaker = answer.locator('.qa__speaker');
      const speakerText = (await speaker.textContent()) ?? '';
      assert.ok(
        speakerText.includes(JOURNEY.speaker),
        `the speaker should be in .qa__speaker, got ${speakerText}`,
      );

      const quote = update.locator('figure.block--quote');
      assert.equal(await quote.count(), 1);
      assert.equal((await quote.locator('blockquote').textContent())?.trim(), JOURNEY.quote);
      assert.equal((await quote.locator('figcaption').textContent())?.trim(), JOURNEY.source);

      // The order of the blocks is the order they were written in.
      const order = await update.evaluate((el) =>
        [...el.querySelectorAll('.block')].map((block) => block.className.replace(/^block block--/, '')),
      );
      assert.deepEqual(order, ['text', 'interview', 'quote']);
      assertClean('reader page', reader.problems);
    },
  );

  it('axe finds no violations on the article page', { timeout: TIMEOUT }, async (t) => {
    if (!skipOrFail(t)) return;
    const { server: s, browser: b } = ready();
    const paths = [
      `/articles/${JOURNEY.slug}`,
      '/',
      ...s.ctx.repos.articles
        .listAll()
        .filter((a) => a.slug !== JOURNEY.slug)
        .map((a) => `/articles/${a.slug}`),
    ];
    assert.ok(
      paths.length >= 4,
      `expected the journey article and the seeded stories, got ${paths.join(', ')}`,
    );
    // Every page is checked before asserting, so one failure lists the violations of all of them.
    const reports: string[] = [];
    for (const path of paths) {
      const reader = await openReaderPage(t, b, s.baseUrl, path);
      if (path.startsWith('/articles/')) {
        assert.ok((await reader.page.locator('article.update').count()) > 0, `${path} should show updates`);
      }
      const violations = await runAxe(reader.page);
      if (violations.length > 0) reports.push(formatViolations(path, violations));
      assertClean(path, reader.problems);
    }
    assert.equal(reports.length, 0, `axe violations on reader pages:\n${reports.join('\n\n')}`);
  });

  it(
    'axe finds no violations on the desk article form and the live desk',
    { timeout: TIMEOUT },
    async (t) => {
      if (!skipOrFail(t)) return;
      const { server: s, browser: b } = ready();
      const editor = await editorPage(t, b, s.baseUrl);
      const { page } = editor;
      await assertNoAxeViolations(page, '/desk');

      await page.goto('/desk/articles/new');
      await assertHeading(page, 'New article');
      await assertNoAxeViolations(page, '/desk/articles/new');

      // The live desk of an article with published content, and its composer with every block type.
      const journey = s.ctx.repos.articles.listAll().find((a) => a.slug === JOURNEY.slug);
      const id =
        journey?.id ??
        (await createArticle(page, { title: 'Axe-kontroll', summary: 'Sammanfattning.', tags: 'test' }));
      await page.goto(`/desk/articles/${id}`);
      assert.ok(
        (await page.locator('#new-b0-markdown').count()) === 1,
        'the live desk should show the composer',
      );
      await assertNoAxeViolations(page, `/desk/articles/${id}`);

      await addBlock(page, 'Question and answer');
      await addBlock(page, 'Quote');
      assert.equal(
        await page.locator('#new-b2-source').count(),
        1,
        'the composer should have gained two blocks',
      );
      await assertNoAxeViolations(page, `/desk/articles/${id} (composer with Q&A and quote blocks)`);
      assertClean('desk', editor.problems);
    },
  );

  it('hostile Markdown does not execute', { timeout: TIMEOUT }, async (t) => {
    if (!skipOrFail(t)) return;
    const { server: s, browser: b } = ready();
    const editor = await editorPage(t, b, s.baseUrl);
    const desk = editor.page;
    const id = await createArticle(desk, {
      title: 'Fientlig text',
      summary: 'XSS-kontroll.',
      tags: 'test',
    });
    await publishArticle(desk);
    await desk.fill('#new-b0-markdown', HOSTILE_TEXT);
    await addBlock(desk, 'Question and answer');
    await desk.fill('#new-b1-question', HOSTILE_QUESTION);
    await desk.fill('#new-b1-answer', 'Inget att se här.');
    await publishUpdate(desk, id);
    assert.deepEqual(editor.problems.dialogs, [], 'the live desk (which renders the update) opened dialogs');
    const article = s.ctx.repos.articles.findById(id);
    assert.ok(article, 'the article should exist');
    const slug = article.slug;

    // Once with the real CSP (a blocked inline handler would be a console error) and once with the
    // CSP bypassed, so that only the sanitiser stands between the text and a running script.
    for (const bypassCSP of [false, true]) {
      const where = `/articles/${slug} (CSP ${bypassCSP ? 'bypassed' : 'enforced'})`;
      const reader = await openReaderPage(t, b, s.baseUrl, `/articles/${slug}`, { bypassCSP });
      const { page } = reader;
      const update = page.locator('article.update');
      assert.equal(await update.count(), 1, `${where}: one update`);
      const text = (await update.locator('.block--text').textContent()) ?? '';
      assert.ok(
        text.includes('<script>alert(3)</script>'),
        `${where}: raw HTML should show as text, got ${text}`,
      );
      assert.ok(text.includes('click'), `${where}: the link text should remain`);
      const question = (await update.locator('dt.qa__question').textContent()) ?? '';
      assert.ok(
        question.includes(HOSTILE_QUESTION),
        `${where}: the question should show as text, got ${question}`,
      );

      const link = update.locator('.block--text a', { hasText: 'click' });
      if ((await link.count()) > 0) {
        await link.first().hover();
        await link.first().click();
      }
      await page.waitForTimeout(300);

      const protocols = await page.evaluate(() => [...document.querySelectorAll('a')].map((a) => a.protocol));
      assert.ok(
        !protocols.includes('javascript:'),
        `${where}: a javascript: link exists (${protocols.join(', ')})`,
      );
      const hrefs = await page.evaluate(() =>
        [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href') ?? ''),
      );
      assert.ok(
        hrefs.every((href) => !/^\s*javascript:/i.test(href)),
        `${where}: a javascript: href exists (${hrefs.join(', ')})`,
      );
      const dangerous = await page.evaluate(() =>
        [...document.querySelectorAll('.update img, .update svg, .update script')].map((el) => el.outerHTML),
      );
      assert.deepEqual(dangerous, [], `${where}: img/svg/script elements inside .update`);
      const handlers = await page.evaluate(() =>
        [...document.querySelectorAll('.update *')].flatMap((el) =>
          [...el.attributes]
            .filter((attr) => attr.name.startsWith('on'))
            .map((attr) => `${el.tagName} ${attr.name}`),
        ),
      );
      assert.deepEqual(handlers, [], `${where}: event-handler attributes inside .update`);
      assert.equal(
        new URL(page.url()).pathname,
        `/articles/${slug}`,
        `${where}: clicking the link navigated away`,
      );
      assertClean(where, reader.problems);
    }
  });
});
