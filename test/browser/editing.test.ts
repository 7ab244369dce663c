// Two editors in two browsers on one update: the second save is refused as stale and shows both
// versions side by side; "apply my changes on top" merges them; the desk shows who else is there.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createUser } from '../../src/services/accounts.js';
import { EDITOR_PASSWORD, skipOrFail } from '../helpers/browser.js';
import {
  assertClean,
  assertNoAxeViolations,
  TIMEOUT,
  logInAsEditor,
  submit,
  useServerAndBrowser,
} from '../helpers/browser-steps.js';
import { actor } from '../helpers/db.js';
import { seedArticle } from '../helpers/fixtures.js';

const SECOND_EMAIL = 'bo@example.com';
const WIDE = { width: 1280, height: 900 };

// A 409 page is a refused save: Chromium logs its status as a console error.
const REFUSED_SAVE = /status of 409/;

describe('browser: two editors on one update', () => {
  const ready = useServerAndBrowser({
    prepare: async (server) => {
      const created = await createUser(server.ctx, actor('admin'), {
        email: SECOND_EMAIL,
        displayName: 'Bo Ek',
        role: 'editor',
        password: EDITOR_PASSWORD,
      });
      assert.ok(created.ok);
    },
  });

  it(
    'the second save shows both versions, "apply my changes on top" keeps both, and the desk shows who is here',
    { timeout: TIMEOUT },
    async (t) => {
      if (!skipOrFail(t)) return;
      const { server: s, browser } = ready();
      const { articleId, minuteUpdateId: id, dayUpdateId } = seedArticle(s.ctx, { slug: 'two-editors' });
      const eva = await logInAsEditor(t, browser, s.baseUrl, { viewport: WIDE });
      const bo = await logInAsEditor(t, browser, s.baseUrl, { viewport: WIDE, email: SECOND_EMAIL });
      // Both open the same update; Bo, second, is warned that Eva is editing it.
      await eva.page.goto(`/desk/updates/${id}/edit`);
      await bo.page.goto(`/desk/updates/${id}/edit`);
      await bo.page.locator('.presence__warning', { hasText: 'Eva Editor is editing this update' }).waitFor();

      // Eva changes the headline and saves first.
      await eva.page.fill('#edit-headline', 'Evas rubrik');
      await submit(eva.page, eva.page.getByRole('button', { name: 'Save', exact: true }));
      assert.equal(new URL(eva.page.url()).pathname, `/desk/articles/${articleId}`);

      // Bo changes the second block's answer and saves: refused as stale, both versions shown.
      await bo.page.fill('#edit-b1-answer', 'Redan första natten, enligt Bo.');
      await submit(bo.page, bo.page.getByRole('button', { name: 'Save', exact: true }));
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

      await assertNoAxeViolations(bo.page, 'the stale-save page');

      // Apply on top: Eva's headline and Bo's answer, nothing saved yet; then Bo saves.
      await submit(bo.page, bo.page.getByRole('button', { name: 'Apply my changes on top', exact: true }));
      await bo.page.locator('.alert--info', { hasText: 'Your changes are applied on top' }).waitFor();
      assert.equal(await bo.page.inputValue('#edit-headline'), 'Evas rubrik');
      assert.equal(await bo.page.inputValue('#edit-b1-answer'), 'Redan första natten, enligt Bo.');
      assert.equal(await bo.page.locator('.field-conflict').count(), 0, 'nothing overlapped');
      await submit(bo.page, bo.page.getByRole('button', { name: 'Save', exact: true }));
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

      assertClean('Eva', eva.problems, [REFUSED_SAVE]);
      assertClean('Bo', bo.problems, [REFUSED_SAVE]);
    },
  );
});
