// Live behaviour in a real Chromium: the open article page follows new, edited, removed, pinned and
// reordered updates over Server-Sent Events without reloading; a reader who has scrolled gets a
// banner instead of shifting content; the live desk reorders by drag and drop and by keyboard; the
// composer keeps an unsent draft across a reload.
import { describe, it, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import type { UpdateInput } from '../../src/domain/update-input.js';
import { endCoverage, reorderUpdates, setKeyEvent, setPinned } from '../../src/services/live.js';
import { deleteUpdate, editUpdate, postUpdate } from '../../src/services/updates.js';
import { skipOrFail, type TestServer } from '../helpers/browser.js';
import {
  assertClean,
  assertNoAxeViolations,
  TIMEOUT,
  logInAsEditor,
  openPage,
  openReaderPage,
  submit,
  useServerAndBrowser,
  type Opened,
  type PageOptions,
} from '../helpers/browser-steps.js';
import { actor } from '../helpers/db.js';
import { seedArticle } from '../helpers/fixtures.js';

/** How long a change may take to reach an open page (the hub also polls the database every second). */
const ARRIVAL = 15_000;
/** A viewport small enough that a handful of updates make the page scroll. */
const SMALL = { width: 900, height: 600 };
/** A desk viewport that shows every update of a short list at once. */
const TALL = { width: 1280, height: 2400 };
const EDITOR = actor('editor');

let articles = 0;

/** A published live article of its own for each test (the fixture's, under a fresh slug). */
function seedLiveArticle(s: TestServer, extraUpdates = 0) {
  articles += 1;
  const slug = `it-attack-${articles}`;
  const seeded = seedArticle(s.ctx, { slug });
  const extra: number[] = [];
  for (let i = 0; i < extraUpdates; i += 1) {
    const datedAt = new Date(Date.UTC(2026, 11, 8, 15 + i, 0)).toISOString();
    extra.push(
      postUpdate(
        s.ctx,
        EDITOR,
        seeded.articleId,
        textUpdate(`Fylltext nummer ${i + 1}. ${LONG_TEXT}`, datedAt),
        true,
      ).update.id,
    );
  }
  return { ...seeded, slug, extra };
}

const LONG_TEXT =
  'Myndigheten uppger att arbetet med att återställa systemen fortsätter under dagen och att fler ' +
  'besked väntas senare. Medlemmar uppmanas att inte ringa växeln utan att följa informationen på webben.';

function textUpdate(markdown: string, datedAt: string, headline: string | null = null): UpdateInput {
  return { datedAt, precision: 'minute', headline, blocks: [{ type: 'text', markdown }] };
}

/** An anonymous reader with the article open; `__marker` proves later that the page never reloaded. */
async function readerPage(
  t: TestContext,
  b: Browser,
  baseUrl: string,
  path: string,
  viewport?: PageOptions['viewport'],
): Promise<Opened> {
  const reader = await openReaderPage(t, b, baseUrl, path, { viewport });
  await reader.page.evaluate(() => {
    (window as unknown as { __marker?: number }).__marker = 1;
  });
  return reader;
}

async function assertNotReloaded(page: Page, where: string): Promise<void> {
  const state = await page.evaluate(() => ({
    marker: (window as unknown as { __marker?: number }).__marker,
    navigations: performance.getEntriesByType('navigation').length,
  }));
  assert.deepEqual(state, { marker: 1, navigations: 1 }, `${where}: the page was reloaded or navigated`);
}

/** The ids of the updates in the list area, top to bottom. */
function listIds(page: Page): Promise<number[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('#live-updates article.update')].map((el) =>
      Number(el.dataset.updateId),
    ),
  );
}

/** The ids of the updates on the live desk, top to bottom. */
function deskIds(page: Page): Promise<number[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('#desk-updates li.desk-update')].map((el) =>
      Number(el.dataset.updateId),
    ),
  );
}

/** Waits until the reader's list shows exactly `ids`, in that order. */
async function waitForListIds(page: Page, ids: number[], where: string): Promise<void> {
  try {
    await page.waitForFunction(
      (expected) =>
        [...document.querySelectorAll<HTMLElement>('#live-updates article.update')]
          .map((el) => el.dataset.updateId)
          .join(',') === expected,
      ids.join(','),
      { timeout: ARRIVAL },
    );
  } catch {
    assert.deepEqual(await listIds(page), ids, `${where}: the list never showed the expected order`);
  }
}

async function scrollToBottom(page: Page): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await page.waitForFunction(() => window.scrollY > 0);
  const listTop = await page.evaluate(
    () => document.getElementById('live-updates')?.getBoundingClientRect().top ?? 0,
  );
  assert.ok(listTop < 0, `the reader should have scrolled past the top of the list (top ${listTop})`);
}

/** The on-screen top of an element, to show that content did not move under the reader. */
function topOf(page: Page, selector: string): Promise<number> {
  return page.locator(selector).evaluate((el) => el.getBoundingClientRect().top);
}

interface Structure {
  keyEvents: string[];
  updates: string[];
}

/** What a reader sees, in order: key-event links, the pinned update, and each update with its day section. */
function pageStructure(page: Page): Promise<Structure> {
  // No named functions inside: tsx would wrap them in a helper the page does not have.
  return page.evaluate(() => ({
    keyEvents: [...document.querySelectorAll('nav.key-events a')].map((a) => a.getAttribute('href') ?? ''),
    updates: [
      ...document.querySelectorAll('section.pinned article.update, #live-updates article.update'),
    ].map((el) =>
      [
        el.closest('section.pinned')
          ? 'pinned'
          : `day ${[...document.querySelectorAll('#live-updates section.day')].indexOf(el.closest('section.day') as Element)} ${el.closest('section.day')?.querySelector('.day__heading')?.textContent ?? ''}`,
        el.id,
        el.classList.contains('update--pinned') ? 'pinned-class' : '',
        el.querySelector('.badge--pinned') ? 'pin-badge' : '',
        el.hasAttribute('data-key-event') ? 'key' : '',
        el.querySelector('.update__headline')?.textContent ?? '',
      ].join(' '),
    ),
  }));
}

/** Waits until the live page has the structure of a fresh load. */
async function waitForStructure(page: Page, expected: Structure, where: string): Promise<void> {
  const deadline = Date.now() + ARRIVAL;
  let actual = await pageStructure(page);
  while (JSON.stringify(actual) !== JSON.stringify(expected) && Date.now() < deadline) {
    await page.waitForTimeout(200);
    actual = await pageStructure(page);
  }
  assert.deepEqual(actual, expected, `${where}: the live page differs from a fresh load`);
}

async function openDesk(page: Page, articleId: number): Promise<void> {
  await page.goto(`/desk/articles/${articleId}`);
  await page.locator('#desk-updates .drag-handle').first().waitFor();
}

describe('browser: live updates and the live desk', () => {
  const ready = useServerAndBrowser();

  it('a reader sees a new update without reloading', { timeout: TIMEOUT }, async (t) => {
    if (!skipOrFail(t)) return;
    const { server: s, browser: b } = ready();
    const { articleId, slug } = seedLiveArticle(s);
    const reader = await readerPage(t, b, s.baseUrl, `/articles/${slug}`);
    const editor = await logInAsEditor(t, b, s.baseUrl);
    const before = await listIds(reader.page);
    assert.equal(before.length, 2, 'the fixture has two updates');
    const title = await reader.page.title();

    // The editor writes in the live desk's composer and publishes.
    const { page } = editor;
    await page.goto(`/desk/articles/${articleId}`);
    await page.fill('#new-date', '2026-12-09');
    await page.fill('#new-time', '09:30');
    await page.fill('#new-headline', 'Polisen utreder dataintrånget');
    await page.fill('#new-b0-markdown', 'Polisen har inlett en förundersökning om dataintrång.');
    await submit(page, page.getByRole('button', { name: 'Publish', exact: true }));
    const match = /^#update-(\d+)$/.exec(new URL(page.url()).hash);
    assert.ok(match, `publishing should redirect to the new update on the desk, got ${page.url()}`);
    const id = Number(match[1]);

    const arrived = reader.page.locator(`#update-${id}`);
    await arrived.waitFor({ timeout: ARRIVAL });
    assert.match((await arrived.textContent()) ?? '', /Polisen har inlett en förundersökning/);
    assert.deepEqual(await listIds(reader.page), [id, ...before], 'the newest update goes on top');
    // It sits under a heading for its day, and the reader was told.
    const heading = await arrived.evaluate(
      (el) => el.closest('section.day')?.querySelector('.day__heading')?.textContent ?? '',
    );
    assert.match(heading, /9 december/);
    await reader.page
      .locator('#live-status', { hasText: '1 ny uppdatering' })
      .waitFor({ state: 'attached', timeout: ARRIVAL });
    assert.equal(await reader.page.locator('.live-banner').count(), 0, 'no banner at the top of the page');
    assert.equal(await reader.page.title(), title, 'no count in the title at the top of the page');
    await assertNotReloaded(reader.page, 'reader');
    assertClean('reader', reader.problems);
    assertClean('desk', editor.problems);
  });

  it('scrolled down, the reader gets a banner instead', { timeout: TIMEOUT }, async (t) => {
    if (!skipOrFail(t)) return;
    const { server: s, browser: b } = ready();
    const { articleId, slug } = seedLiveArticle(s, 6);
    const reader = await readerPage(t, b, s.baseUrl, `/articles/${slug}`, SMALL);
    const { page } = reader;
    const title = await page.title();
    const before = await listIds(page);
    await scrollToBottom(page);
    const last = `#update-${before.at(-1)}`;
    const anchorTop = await topOf(page, last);

    const first = postUpdate(
      s.ctx,
      EDITOR,
      articleId,
      textUpdate('Ny uppgift: fler drabbade.', '2026-12-10T08:00:00.000Z'),
      true,
    ).update.id;
    const banner = page.locator('.live-banner');
    await banner.waitFor({ timeout: ARRIVAL });
    assert.match((await banner.textContent()) ?? '', /1 ny uppdatering/);
    assert.ok(
      (await page.title()).startsWith('(1) '),
      `the title should count the update: ${await page.title()}`,
    );
    await page
      .locator('#live-status', { hasText: '1 ny uppdatering' })
      .waitFor({ state: 'attached', timeout: ARRIVAL });
    assert.equal(await page.locator(`#update-${first}`).count(), 0, 'the new update waits behind the banner');
    assert.ok(await banner.isVisible(), 'the banner is visible');
    const box = await banner.evaluate((el) => el.getBoundingClientRect().toJSON() as DOMRect);
    assert.ok(box.top >= 0 && box.bottom <= SMALL.height, `the banner stays in view (top ${box.top})`);
    assert.ok(
      Math.abs((await topOf(page, last)) - anchorTop) < 2,
      'the content under the reader did not move when the banner appeared',
    );

    const second = postUpdate(
      s.ctx,
      EDITOR,
      articleId,
      textUpdate('Ännu en uppgift.', '2026-12-10T09:00:00.000Z'),
      true,
    ).update.id;
    await page.locator('.live-banner', { hasText: '2 nya uppdateringar' }).waitFor({ timeout: ARRIVAL });
    assert.ok((await page.title()).startsWith('(2) '), `the title should count two: ${await page.title()}`);
    assert.equal(await page.locator(`#update-${second}`).count(), 0);
    assert.deepEqual(await listIds(page), before, 'nothing was inserted while the reader was scrolled away');

    await banner.click();
    await page.locator(`#update-${second}`).waitFor();
    assert.deepEqual(await listIds(page), [second, first, ...before]);
    assert.equal(await page.locator('.live-banner').count(), 0, 'the banner is gone');
    assert.equal(await page.title(), title, 'the count left the title');
    assert.equal(
      await page.evaluate(() => document.activeElement?.id),
      `update-${second}`,
      'the first new update has the focus',
    );
    const focusedTop = await topOf(page, `#update-${second}`);
    assert.ok(focusedTop >= 0 && focusedTop < SMALL.height, 'the first new update is in view');
    await assertNotReloaded(page, 'reader');
    assertClean('reader', reader.problems);
  });

  it(
    'edits, removals, pins, key events and the end of coverage apply live',
    { timeout: TIMEOUT },
    async (t) => {
      if (!skipOrFail(t)) return;
      const { server: s, browser: b } = ready();
      const { articleId, slug, dayUpdateId, minuteUpdateId } = seedLiveArticle(s, 4);
      const reader = await readerPage(t, b, s.baseUrl, `/articles/${slug}`, SMALL);
      const { page } = reader;
      await scrollToBottom(page);

      // An edit replaces the text in place, even for a reader who has scrolled, and shows no banner.
      const day = s.ctx.repos.updates.findById(dayUpdateId);
      assert.ok(day);
      editUpdate(s.ctx, EDITOR, dayUpdateId, day.version, {
        datedAt: day.datedAt,
        precision: day.precision,
        headline: null,
        blocks: [{ type: 'text', markdown: 'Attacken upptäcktes under natten, bekräftar myndigheten.' }],
      });
      await page
        .locator(`#update-${dayUpdateId}`, { hasText: 'bekräftar myndigheten' })
        .waitFor({ timeout: ARRIVAL });
      assert.equal(await page.locator('.live-banner').count(), 0, 'an edit is not announced as new');

      // A key event appears in the key-events box.
      setKeyEvent(s.ctx, EDITOR, minuteUpdateId, true);
      await page.locator(`nav.key-events a[href="#update-${minuteUpdateId}"]`).waitFor({ timeout: ARRIVAL });
      assert.equal(await page.locator(`#update-${minuteUpdateId}[data-key-event]`).count(), 1);

      // Pinning moves the update above the list; unpinning brings it back.
      setPinned(s.ctx, EDITOR, minuteUpdateId, true);
      await page.locator(`section.pinned #update-${minuteUpdateId}`).waitFor({ timeout: ARRIVAL });
      assert.ok(!(await listIds(page)).includes(minuteUpdateId), 'the pinned update left the list');
      setPinned(s.ctx, EDITOR, minuteUpdateId, false);
      await page.locator(`#live-updates #update-${minuteUpdateId}`).waitFor({ timeout: ARRIVAL });
      assert.equal(await page.locator('section.pinned').count(), 0, 'the empty pinned section went away');

      // A removal takes the update and its emptied day section away.
      const dayKey = await page.locator(`#update-${dayUpdateId}`).getAttribute('data-day');
      assert.ok(dayKey);
      assert.equal(await page.locator(`section.day[data-day="${dayKey}"] article.update`).count(), 1);
      deleteUpdate(s.ctx, EDITOR, dayUpdateId);
      await page.locator(`#update-${dayUpdateId}`).waitFor({ state: 'detached', timeout: ARRIVAL });
      assert.equal(await page.locator(`section.day[data-day="${dayKey}"]`).count(), 0);

      // Ending the coverage takes the LIVE badge away and says so.
      endCoverage(s.ctx, EDITOR, articleId);
      await page
        .locator('#live-status', { hasText: 'Direktrapporteringen har avslutats.' })
        .waitFor({ timeout: ARRIVAL });
      assert.equal(await page.locator('.badge--live').count(), 0, 'the LIVE badge is gone');
      assert.equal(await page.locator('.live-banner').count(), 0);
      await assertNotReloaded(page, 'reader');
      assertClean('reader', reader.problems);
    },
  );

  it('drag-and-drop reorder persists and the open reader page follows', { timeout: TIMEOUT }, async (t) => {
    if (!skipOrFail(t)) return;
    const { server: s, browser: b } = ready();
    const { articleId, slug } = seedLiveArticle(s, 1);
    const reader = await readerPage(t, b, s.baseUrl, `/articles/${slug}`);
    // Tall enough for the whole list: a drag that scrolls the page on the way confuses the mouse.
    const editor = await logInAsEditor(t, b, s.baseUrl, { viewport: TALL });
    const { page } = editor;
    await openDesk(page, articleId);
    const initial = await deskIds(page);
    assert.equal(initial.length, 3);
    assert.deepEqual(await listIds(reader.page), initial, 'the reader shows the editors’ order');
    const [a, bb, c] = initial as [number, number, number];

    // Keyboard: focus the last handle, pick it up, two steps up, drop.
    const handles = page.locator('#desk-updates .drag-handle');
    assert.equal(await handles.count(), 3, 'every update has a drag handle');
    const lastHandle = page.locator(`#desk-updates li[data-update-id="${c}"] .drag-handle`);
    await lastHandle.focus();
    await page.keyboard.press('Space');
    assert.equal(await lastHandle.getAttribute('aria-pressed'), 'true', 'Space picks the update up');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    assert.deepEqual(await deskIds(page), [c, a, bb], 'the arrows move it');
    assert.equal(await page.evaluate(() => document.activeElement?.className), 'drag-handle');
    const [saved] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/desk/articles/${articleId}/order`), {
        timeout: ARRIVAL,
      }),
      page.keyboard.press('Space'),
    ]);
    assert.equal(saved.status(), 200);
    assert.match(saved.headers()['content-type'] ?? '', /json/, 'the script asked for JSON');
    await page.locator('#reorder-status', { hasText: 'Order saved' }).waitFor({ state: 'attached' });
    await waitForListIds(reader.page, [c, a, bb], 'after the keyboard move');

    await openDesk(page, articleId);
    assert.deepEqual(await deskIds(page), [c, a, bb], 'the keyboard order persisted');
    // The no-JS buttons agree with the order the script left behind.
    assert.ok(
      await page.locator(`li[data-update-id="${c}"] button[value="up"]`).isDisabled(),
      'the top update cannot move up',
    );

    // Mouse: drag the last update (bb) by its handle above the first (c).
    const dragged = page.locator(`#desk-updates li[data-update-id="${bb}"] .drag-handle`);
    const target = page.locator(`#desk-updates li[data-update-id="${c}"] .drag-handle`);
    const [dropped] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/desk/articles/${articleId}/order`), {
        timeout: ARRIVAL,
      }),
      dragged.dragTo(target),
    ]);
    assert.equal(dropped.status(), 200);
    assert.deepEqual(await deskIds(page), [bb, c, a], 'the dragged update moved to the top');
    await waitForListIds(reader.page, [bb, c, a], 'after the drag');
    await openDesk(page, articleId);
    assert.deepEqual(await deskIds(page), [bb, c, a], 'the dragged order persisted');

    await assertNotReloaded(reader.page, 'reader');
    assertClean('reader', reader.problems);
    assertClean('desk', editor.problems);
  });

  it('a stale reorder is refused and the previous order comes back', { timeout: TIMEOUT }, async (t) => {
    if (!skipOrFail(t)) return;
    const { server: s, browser: b } = ready();
    const { articleId, extra } = seedLiveArticle(s, 1);
    const editor = await logInAsEditor(t, b, s.baseUrl);
    const { page } = editor;
    await openDesk(page, articleId);
    const initial = await deskIds(page);
    // Someone removes an update while this desk is open: the desk's list is now stale.
    deleteUpdate(s.ctx, EDITOR, extra[0] ?? 0);
    const last = initial.at(-1);
    await page.locator(`#desk-updates li[data-update-id="${last}"] .drag-handle`).focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowUp');
    const [refused] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/desk/articles/${articleId}/order`), {
        timeout: ARRIVAL,
      }),
      page.keyboard.press('Enter'),
    ]);
    assert.equal(refused.status(), 409);
    const error = page.locator('.reorder-error');
    await error.waitFor();
    assert.match((await error.textContent()) ?? '', /changed meanwhile/);
    assert.deepEqual(await deskIds(page), initial, 'the previous order is back');
    assertClean('desk', editor.problems, [/status of 409/]);
  });

  it('the composer keeps an unsent draft across a reload', { timeout: TIMEOUT }, async (t) => {
    if (!skipOrFail(t)) return;
    const { server: s, browser: b } = ready();
    const { articleId } = seedLiveArticle(s);
    const editor = await logInAsEditor(t, b, s.baseUrl);
    const key = `dateline:composer:${articleId}`;
    const stored = (page: Page) => page.evaluate((k) => window.localStorage.getItem(k), key);
    const { page } = editor;
    await page.goto(`/desk/articles/${articleId}`);
    await page.fill('#new-headline', 'Utkast som inte får försvinna');
    await page.fill('#new-b0-markdown', 'Texten skrevs innan sidan laddades om.');
    assert.ok(await stored(page), 'the draft is saved while typing');

    await page.reload();
    assert.equal(await page.inputValue('#new-headline'), 'Utkast som inte får försvinna');
    assert.equal(await page.inputValue('#new-b0-markdown'), 'Texten skrevs innan sidan laddades om.');
    await page.locator('.draft-notice').waitFor();

    // Ctrl+Enter publishes; afterwards the composer is empty, also after a reload.
    await page.focus('#new-b0-markdown');
    await Promise.all([page.waitForEvent('load'), page.keyboard.press('Control+Enter')]);
    assert.match(new URL(page.url()).hash, /^#update-\d+$/, 'Ctrl+Enter published the update');
    const published = s.ctx.repos.updates
      .listForArticle(articleId, true)
      .find((u) => u.headline === 'Utkast som inte får försvinna');
    assert.equal(published?.status, 'published', 'Ctrl+Enter pressed Publish');
    assert.equal(await page.inputValue('#new-b0-markdown'), '');
    assert.equal(await stored(page), null, 'the sent draft is gone from storage');
    await page.reload();
    assert.equal(await page.inputValue('#new-b0-markdown'), '');
    assert.equal(await page.inputValue('#new-headline'), '');
    assert.equal(await page.locator('.draft-notice').count(), 0);

    // A restored draft can be thrown away.
    await page.fill('#new-b0-markdown', 'Kastas.');
    await page.reload();
    assert.equal(await page.inputValue('#new-b0-markdown'), 'Kastas.');
    await page.getByRole('button', { name: 'Discard draft', exact: true }).click();
    assert.equal(await page.inputValue('#new-b0-markdown'), '');
    assert.equal(await stored(page), null);
    assertClean('desk', editor.problems);
  });

  it(
    'when the stream fails, the page reconnects and catches up from the last event id',
    { timeout: TIMEOUT },
    async (t) => {
      if (!skipOrFail(t)) return;
      const { server: s, browser: b } = ready();
      const { articleId, slug } = seedLiveArticle(s);
      const lastId = s.ctx.repos.events.lastId(articleId);
      const { page, problems } = await openPage(t, b, s.baseUrl);
      const requests: string[] = [];
      // 1: the stream ends at once (the browser reconnects by itself); 2: a 503 (the browser gives up
      // and the script takes over); 3 and later: the real server.
      await page.route('**/events?*', async (route) => {
        requests.push(route.request().url());
        if (requests.length === 1)
          await route.fulfill({ status: 200, contentType: 'text/event-stream', body: 'retry: 50\n\n' });
        else if (requests.length === 2) await route.fulfill({ status: 503, body: 'unavailable' });
        else await route.continue();
      });
      await page.goto(`/articles/${slug}`);
      const id = postUpdate(
        s.ctx,
        EDITOR,
        articleId,
        textUpdate('Kom fram efter återanslutning.', '2026-12-10T08:00:00.000Z'),
        true,
      ).update.id;
      await page.locator(`#update-${id}`).waitFor({ timeout: ARRIVAL });
      assert.ok(requests.length >= 3, `expected a reconnect by the script, got ${requests.join(', ')}`);
      const resumed = new URL(requests[2] ?? '');
      assert.equal(
        resumed.searchParams.get('lastEventId'),
        String(lastId),
        'it resumes after the last event',
      );
      assertClean('reader', problems, [/EventSource/, /503/]);
    },
  );

  it(
    'after a series of changes, every order and filter matches a fresh load of the page',
    { timeout: TIMEOUT },
    async (t) => {
      if (!skipOrFail(t)) return;
      const { server: s, browser: b } = ready();
      const { articleId, slug, dayUpdateId, minuteUpdateId } = seedLiveArticle(s, 2);
      const paths = ['', '?order=newest', '?order=oldest', '?filter=key', '?order=oldest&filter=key'].map(
        (query) => `/articles/${slug}${query}`,
      );
      const readers = await Promise.all(paths.map((path) => readerPage(t, b, s.baseUrl, path)));
      const { page: check } = await openPage(t, b, s.baseUrl);
      // Live pages may be cached for 5 s; intercepting requests turns Chromium's cache off for this page.
      await check.route('**/*', (route) => route.continue());
      const post = (text: string, datedAt: string) =>
        postUpdate(s.ctx, EDITOR, articleId, textUpdate(text, datedAt, text), true).update.id;
      const steps: [string, () => void][] = [];
      let first = 0;
      let second = 0;
      steps.push(['a new update on a new day', () => (first = post('Först', '2026-12-09T07:00:00.000Z'))]);
      steps.push(['a new update inside a day', () => (second = post('Sedan', '2026-12-08T12:00:00.000Z'))]);
      steps.push(['a key event', () => setKeyEvent(s.ctx, EDITOR, first, true)]);
      steps.push(['a pin', () => setPinned(s.ctx, EDITOR, second, true)]);
      steps.push(['another pin in its place', () => setPinned(s.ctx, EDITOR, first, true)]);
      steps.push([
        'a new order',
        () => {
          const ids = s.ctx.repos.updates.positions(articleId).map((p) => p.id);
          reorderUpdates(s.ctx, EDITOR, articleId, ids.reverse());
        },
      ]);
      steps.push([
        'an update moved to another day',
        () => {
          const day = s.ctx.repos.updates.findById(dayUpdateId);
          assert.ok(day);
          editUpdate(s.ctx, EDITOR, dayUpdateId, day.version, {
            datedAt: '2026-12-09T06:00:00.000Z',
            precision: 'minute',
            headline: 'Flyttad',
            blocks: [{ type: 'text', markdown: 'Flyttad till en annan dag.' }],
          });
        },
      ]);
      steps.push(['a key event unmarked', () => setKeyEvent(s.ctx, EDITOR, first, false)]);
      steps.push(['a key event marked', () => setKeyEvent(s.ctx, EDITOR, minuteUpdateId, true)]);
      steps.push(['the pinned update removed', () => deleteUpdate(s.ctx, EDITOR, first)]);
      for (const [what, step] of steps) {
        step();
        for (const [index, reader] of readers.entries()) {
          const path = paths[index] ?? '';
          await check.goto(path);
          const expected = await pageStructure(check);
          await waitForStructure(reader.page, expected, `${path} after ${what}`);
        }
      }
      for (const [index, reader] of readers.entries()) {
        await assertNotReloaded(reader.page, paths[index] ?? '');
        assertClean(paths[index] ?? '', reader.problems);
      }
    },
  );

  it(
    'a draft with more blocks than the fresh composer is rebuilt on request',
    { timeout: TIMEOUT },
    async (t) => {
      if (!skipOrFail(t)) return;
      const { server: s, browser: b } = ready();
      const { articleId } = seedLiveArticle(s);
      const editor = await logInAsEditor(t, b, s.baseUrl);
      const { page } = editor;
      await page.goto(`/desk/articles/${articleId}`);
      await page.fill('#new-b0-markdown', 'Inledningen.');
      await submit(
        page,
        page.locator('form[data-composer]').getByRole('button', { name: 'Question and answer', exact: true }),
      );
      await page.fill('#new-b1-question', 'Hur många drabbas?');
      await page.fill('#new-b1-answer', 'Omkring tiotusen.');

      // Back to a fresh desk: one empty text block, so the draft cannot simply be filled in.
      await page.goto(`/desk/articles/${articleId}`);
      assert.equal(await page.locator('#new-b1-question').count(), 0);
      await page.locator('.draft-notice', { hasText: '2 blocks' }).waitFor();
      await submit(page, page.getByRole('button', { name: 'Restore draft', exact: true }));
      assert.equal(await page.inputValue('#new-b0-markdown'), 'Inledningen.');
      assert.equal(await page.inputValue('#new-b1-question'), 'Hur många drabbas?');
      assert.equal(await page.inputValue('#new-b1-answer'), 'Omkring tiotusen.');
      assert.equal(
        await page.locator('.alert--error:visible, .field-error').count(),
        0,
        'the rebuilt form has no errors',
      );
      assertClean('desk', editor.problems);
    },
  );

  it(
    'axe finds no violations on the reader page with the banner showing',
    { timeout: TIMEOUT },
    async (t) => {
      if (!skipOrFail(t)) return;
      const { server: s, browser: b } = ready();
      const { articleId, slug } = seedLiveArticle(s, 6);
      const reader = await readerPage(t, b, s.baseUrl, `/articles/${slug}`, SMALL);
      const { page } = reader;
      await scrollToBottom(page);
      postUpdate(
        s.ctx,
        EDITOR,
        articleId,
        textUpdate('Uppdatering för axe.', '2026-12-10T08:00:00.000Z'),
        true,
      );
      await page.locator('.live-banner').waitFor({ timeout: ARRIVAL });
      await assertNoAxeViolations(page, `/articles/${slug} (banner)`);
      assertClean('reader', reader.problems);
    },
  );
});
