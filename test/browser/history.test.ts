// History and corrections in a real Chromium: an editor files a correction through the edit form's
// radio group, readers see it, and the history, diff and removed-update pages pass axe-core.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deleteUpdate } from '../../src/services/updates.js';
import { skipOrFail } from '../helpers/browser.js';
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

const NOTE = 'En tidigare version angav fel dag för attacken.';

describe('browser: history and corrections', () => {
  const ready = useServerAndBrowser();

  it(
    'an editor files a correction, readers see it, and the history pages are accessible',
    { timeout: TIMEOUT },
    async (t) => {
      if (!skipOrFail(t)) return;
      const { server, browser } = ready();
      const { articleId, minuteUpdateId, dayUpdateId } = seedArticle(server.ctx);
      deleteUpdate(server.ctx, actor('editor'), dayUpdateId);
      const { page, problems } = await logInAsEditor(t, browser, server.baseUrl);

      await page.goto(`/desk/updates/${minuteUpdateId}/edit`);
      await assertNoAxeViolations(page, 'edit form with the change-kind question');
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
      await assertNoAxeViolations(page, 'article history with a removed update');
      await page.goto(`/desk/updates/${minuteUpdateId}/history`);
      await assertNoAxeViolations(page, 'update history');
      await submit(page, page.getByRole('button', { name: 'Compare the chosen revisions' }));
      assert.equal(new URL(page.url()).pathname, `/desk/updates/${minuteUpdateId}/diff`);
      assert.equal(await page.locator('.diff ins', { hasText: 'efter sex dygn' }).count(), 1);
      await assertNoAxeViolations(page, 'diff');
      assertClean('desk', problems);
    },
  );
});
