import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { afterEach, describe, it } from 'node:test';
import request from 'supertest';
import { markdownParsed } from '../../src/render/markdown.js';
import { seedArticle } from '../helpers/fixtures.js';
import { apiApp } from './api-helpers.js';

// Issue 9: no Markdown parsing on the read path. The app renders a changed update's Markdown once the
// change is committed (ServiceContext.onUpdatesWritten, src/render/prepare.ts); the page view that follows
// finds every block's HTML and plain text kept.

let close: (() => void) | undefined;
afterEach(() => {
  close?.();
  close = undefined;
});

async function setup() {
  const t = await apiApp(() => new Date());
  close = t.close;
  return { ...t, ...seedArticle(t.ctx) };
}

describe('Markdown of an update is parsed when it is written', () => {
  it('when blocks are edited through the API, then the next view of the article parses no Markdown', async () => {
    const { app, as, ctx, minuteUpdateId } = await setup();
    await request(app).get('/articles/it-attack').expect(200); // the story as read before (seeded behind the app)
    const word = `ord${randomUUID().slice(0, 8)}`;
    const version = ctx.repos.updates.findById(minuteUpdateId)?.version;
    await as('editor')
      .patch(`/api/v1/updates/${minuteUpdateId}`)
      .send({
        version,
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
    const before = markdownParsed();
    const page = await request(app).get('/articles/it-attack').expect(200);
    assert.match(page.text, new RegExp(`Nytt besked: <strong>${word}</strong>`));
    assert.match(page.text, new RegExp(`Vad betyder <em>${word}</em>\\?`));
    assert.match(
      page.text,
      new RegExp(`– Att <em>${word}</em> gäller\\.`),
      'the answer as the page shows it',
    );
    assert.equal(markdownParsed(), before, 'the view parsed no Markdown');
  });

  it('control: blocks written behind the services are parsed by the first view (the counter sees it)', async () => {
    const { app, ctx, minuteUpdateId } = await setup();
    const word = `ord${randomUUID().slice(0, 8)}`;
    ctx.repos.updates.replaceBlocks(minuteUpdateId, [{ type: 'text', markdown: `Bakvägen: **${word}**.` }]);
    const before = markdownParsed();
    const page = await request(app).get('/articles/it-attack').expect(200);
    assert.match(page.text, new RegExp(`Bakvägen: <strong>${word}</strong>`));
    assert.ok(markdownParsed() > before, 'parsed on view');
  });
});
