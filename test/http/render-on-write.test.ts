import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { afterEach, describe, it } from 'node:test';
import request from 'supertest';
import { blogPostingsMade } from '../../src/render/json-ld.js';
import { markdownParsed } from '../../src/render/markdown.js';
import { fragmentsRendered } from '../../src/render/update-html.js';
import { editUpdate } from '../../src/services/updates.js';
import { actor } from '../helpers/db.js';
import { seedArticle } from '../helpers/fixtures.js';
import { apiApp } from './api-helpers.js';

// Issue 9: the first view after a change renders little, and parses no Markdown. Once a change commits,
// the app renders the changed update as the article page shows it (ServiceContext.onUpdatesWritten,
// src/render/prepare.ts); the view that follows finds its fragment, block HTML and plain text kept.

let close: (() => void) | undefined;
afterEach(() => {
  close?.();
  close = undefined;
});

async function setup(env: NodeJS.ProcessEnv = {}) {
  const t = await apiApp(() => new Date(), env);
  close = t.close;
  const ids = seedArticle(t.ctx); // written behind the app (the test's own context): read once below
  await request(t.app).get('/articles/it-attack').expect(200);
  return { ...t, ...ids };
}

const counts = () => ({ parsed: markdownParsed(), fragments: fragmentsRendered() });

describe('a changed update is rendered when it is written', () => {
  it('when blocks are edited through the API, then the next view parses no Markdown and renders no update', async () => {
    const { app, as, ctx, minuteUpdateId } = await setup();
    const word = `ord${randomUUID().slice(0, 8)}`;
    const version = ctx.repos.updates.findById(minuteUpdateId)?.version;
    await as('editor')
      .patch(`/api/v1/updates/${minuteUpdateId}`)
      .send({
        version,
        headline: `Rubrik ${word}`,
        blocks: [
          { type: 'text', markdown: `Nytt besked: **${word}**.` },
          {
            type: 'qa',
            question: `Vad betyder *${word}*?`,
            answer: `Att _${word}_ gäller.`,
            speaker: 'Karin Berg',
          },
        ],
      })
      .expect(200);
    const before = counts();
    const page = await request(app).get('/articles/it-attack').expect(200);
    assert.match(page.text, new RegExp(`Rubrik ${word}`));
    assert.match(page.text, new RegExp(`Nytt besked: <strong>${word}</strong>`));
    assert.match(page.text, new RegExp(`Vad betyder <em>${word}</em>\\?`));
    assert.match(
      page.text,
      new RegExp(`– Att <em>${word}</em> gäller\\.`),
      'the answer as the page shows it',
    );
    assert.deepEqual(counts(), before, 'the view parsed no Markdown and rendered no update');
  });

  it("when the site's address is configured, then the next view after an edit makes no BlogPosting either", async () => {
    const { app, as, ctx, minuteUpdateId } = await setup({ DATELINE_BASE_URL: 'https://dateline.example' });
    const word = `ord${randomUUID().slice(0, 8)}`;
    const version = ctx.repos.updates.findById(minuteUpdateId)?.version;
    await as('editor')
      .patch(`/api/v1/updates/${minuteUpdateId}`)
      .send({ version, headline: `Rubrik ${word}`, blocks: [{ type: 'text', markdown: `Nytt: *${word}*.` }] })
      .expect(200);
    const before = { ...counts(), postings: blogPostingsMade() };
    const page = await request(app).get('/articles/it-attack').expect(200);
    assert.match(page.text, new RegExp(`"headline":"Rubrik ${word}"`), 'the posting is on the page');
    assert.match(
      page.text,
      new RegExp(`"url":"https://dateline.example/articles/it-attack#update-${minuteUpdateId}"`),
    );
    const after = { ...counts(), postings: blogPostingsMade() };
    assert.deepEqual(after, before, 'made after the commit, under the URL the page uses');
  });

  it('when a published update is corrected, then the next view shows the correction without rendering it', async () => {
    const { app, as, ctx, minuteUpdateId } = await setup();
    const note = `Rättat ${randomUUID().slice(0, 8)}.`;
    const version = ctx.repos.updates.findById(minuteUpdateId)?.version;
    await as('editor')
      .patch(`/api/v1/updates/${minuteUpdateId}`)
      .send({ version, headline: 'Rättad rubrik', correction: note })
      .expect(200);
    const before = counts();
    const page = await request(app).get('/articles/it-attack').expect(200);
    assert.ok(page.text.includes(note), 'the correction is on the page');
    assert.deepEqual(counts(), before, 'the corrected update was rendered after the commit');
  });

  it('control: an edit made behind the app is rendered and parsed by the first view (the counters see it)', async () => {
    const { app, ctx, minuteUpdateId } = await setup();
    const word = `ord${randomUUID().slice(0, 8)}`;
    const update = ctx.repos.updates.findById(minuteUpdateId);
    assert.ok(update);
    const { datedAt, precision } = update;
    const blocks = [{ type: 'text' as const, markdown: `Bakvägen: **${word}**.` }];
    editUpdate(ctx, actor('editor'), minuteUpdateId, update.version, {
      datedAt,
      precision,
      headline: null,
      blocks,
    });
    const before = { ...counts(), postings: blogPostingsMade() };
    const page = await request(app).get('/articles/it-attack').expect(200);
    assert.match(page.text, new RegExp(`Bakvägen: <strong>${word}</strong>`));
    const after = { ...counts(), postings: blogPostingsMade() };
    assert.ok(after.parsed > before.parsed, 'parsed on view');
    assert.ok(after.fragments > before.fragments, 'rendered on view');
    assert.ok(after.postings > before.postings, 'its BlogPosting made on view');
  });
});
