import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import request from 'supertest';
import { updateToForm } from '../../src/http/live-desk.js';
import { createArticle, setArticleStatus } from '../../src/services/articles.js';
import type { ServiceContext } from '../../src/services/context.js';
import { postUpdate, requireUpdate } from '../../src/services/updates.js';
import { addUser, loginAs, testApp } from '../helpers/app.js';
import { actor } from '../helpers/db.js';
import { QA_UPDATE, seedArticle } from '../helpers/fixtures.js';
import { listen, openStream } from '../helpers/sse.js';
import { tokenFor } from './api-helpers.js';

let cleanup: (() => Promise<void> | void) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

// The test clock stands at 2026-12-08T14:04Z: 15.04 in Stockholm, the minute update's own day.
async function setup(role: 'journalist' | 'editor' = 'editor', clock?: () => Date) {
  const t = testApp(clock);
  cleanup = () => {
    t.close();
  };
  const user = await addUser(t.ctx, role);
  const ids = seedArticle(t.ctx);
  t.ctx.repos.articles.setMembers(ids.articleId, [user.id], '2026-12-01T00:00:00.000Z');
  const session = await loginAs(t.app, `${role}@example.com`);
  return { ...t, ...ids, ...session, user };
}

/** The edit form of the stored update as fields, with `changes` on top. */
function editForm(ctx: ServiceContext, id: number, changes: Record<string, string>) {
  const update = requireUpdate(ctx, id);
  const article = ctx.repos.articles.findById(update.articleId);
  if (!article) throw new Error('no article');
  const form = updateToForm(article, update);
  const fields: Record<string, string> = {
    date: form.date,
    time: form.time,
    headline: form.headline,
    version: String(update.version),
    action: 'save',
  };
  form.blocks.forEach((block, i) => {
    for (const [key, value] of Object.entries(block as unknown as Record<string, string>))
      fields[`blocks.${i}.${key}`] = value;
  });
  return { ...fields, ...changes };
}

const jsonLdOf = (html: string): unknown => {
  const match = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html);
  return JSON.parse(match?.[1] ?? 'null') as unknown;
};

const NOTE = 'En tidigare version angav fel antal drabbade a-kassor.';

describe('editing a published update asks what kind of change it is', () => {
  it('when the edit form opens on a published update, then it asks fix or correction; on a draft it does not', async () => {
    const { agent, ctx, articleId, minuteUpdateId } = await setup();
    const form = await agent.get(`/desk/updates/${minuteUpdateId}/edit`).expect(200);
    assert.match(form.text, /What kind of change is this\?/);
    assert.match(form.text, /name="changeKind" value="fix" checked/);
    assert.match(form.text, /name="correctionNote"/);
    const draft = postUpdate(ctx, actor('editor'), articleId, QA_UPDATE, false).update;
    const draftForm = await agent.get(`/desk/updates/${draft.id}/edit`).expect(200);
    assert.doesNotMatch(draftForm.text, /name="changeKind"/);
  });

  it('when a correction is saved, then readers see it on the update, in the corrections list and in the JSON-LD', async () => {
    const { agent, token, app, ctx, minuteUpdateId } = await setup('journalist');
    await agent
      .post(`/desk/updates/${minuteUpdateId}/edit`)
      .type('form')
      .send({
        ...editForm(ctx, minuteUpdateId, {
          'blocks.0.markdown': 'Efter sex dygn fungerar nästan allt igen.',
        }),
        changeKind: 'correction',
        correctionNote: `  ${NOTE} `,
        _csrf: await token(),
      })
      .expect(303);
    const page = (await request(app).get('/articles/it-attack').expect(200)).text;
    assert.match(
      page,
      new RegExp(
        `<strong class="correction__label"><time datetime="[^"]+">Rättelse kl\\. 15\\.04</time>:</strong> ${NOTE}`,
      ),
    );
    assert.match(
      page,
      /<h2 id="corrections-heading">Rättelser<\/h2>[\s\S]*Rättelse 8 december 2026 kl\. 15\.04/,
    );
    assert.match(
      page,
      new RegExp(`href="/articles/it-attack/updates/${minuteUpdateId}">Systemen är tillbaka`),
    );
    const ld = jsonLdOf(page) as { liveBlogUpdate: { headline: string; correction?: unknown }[] };
    const posting = ld.liveBlogUpdate.find((u) => u.headline === 'Systemen är tillbaka');
    assert.deepEqual(posting?.correction, [
      { '@type': 'CorrectionComment', text: NOTE, datePublished: '2026-12-08T14:04:00.000Z' },
    ]);
    const own = (await request(app).get(`/articles/it-attack/updates/${minuteUpdateId}`).expect(200)).text;
    assert.match(own, /Rättelse kl\. 15\.04/);
    assert.deepEqual((jsonLdOf(own) as { correction: unknown }).correction, posting?.correction);
    const revision = ctx.repos.revisions.listForArticle(requireUpdate(ctx, minuteUpdateId).articleId).at(-1);
    assert.equal(revision?.kind, 'correction');
    assert.equal(revision?.note, NOTE);
  });

  it('when the article is in English, then the correction reads "Correction 15:04"', async () => {
    const { agent, token, app, ctx } = await setup();
    const editor = actor('editor');
    const created = createArticle(ctx, editor, {
      title: 'Outage hits funds',
      slug: 'outage',
      summary: '',
      tags: [],
      locale: 'en',
      timeZone: 'Europe/Stockholm',
      live: true,
    });
    assert.ok(created.ok);
    const { update } = postUpdate(
      ctx,
      editor,
      created.article.id,
      { ...QA_UPDATE, headline: 'Back up' },
      true,
    );
    setArticleStatus(ctx, editor, created.article.id, 'published');
    await agent
      .post(`/desk/updates/${update.id}/edit`)
      .type('form')
      .send({
        ...editForm(ctx, update.id, {}),
        changeKind: 'correction',
        correctionNote: 'An earlier version misspelt the CEO’s name.',
        _csrf: await token(),
      })
      .expect(303);
    const page = (await request(app).get('/articles/outage').expect(200)).text;
    assert.match(page, /Correction 15:04<\/time>:<\/strong> An earlier version misspelt the CEO’s name\./);
    assert.match(page, /<h2 id="corrections-heading">Corrections<\/h2>/);
    assert.doesNotMatch(page, /Rättelse/);
  });

  it('when a silent fix is saved, then readers see no correction, but the history has the edit', async () => {
    const { agent, token, app, ctx, articleId, minuteUpdateId } = await setup();
    await agent
      .post(`/desk/updates/${minuteUpdateId}/edit`)
      .type('form')
      .send({
        ...editForm(ctx, minuteUpdateId, { headline: 'Systemen är tillbaka!' }),
        changeKind: 'fix',
        correctionNote: 'ignored for a fix',
        _csrf: await token(),
      })
      .expect(303);
    const page = (await request(app).get('/articles/it-attack')).text;
    assert.match(page, /Systemen är tillbaka!/);
    assert.doesNotMatch(page, /Rättelse|corrections-heading|ignored for a fix/);
    assert.equal(
      (jsonLdOf(page) as { liveBlogUpdate: { correction?: unknown }[] }).liveBlogUpdate[0]?.correction,
      undefined,
    );
    const history = await agent.get(`/desk/updates/${minuteUpdateId}/history`).expect(200);
    assert.match(history.text, /badge--kind-edit/);
    const last = ctx.repos.revisions.listForArticle(articleId).at(-1);
    assert.deepEqual([last?.kind, last?.note], ['edit', null]);
  });

  it('when a correction has no note or too long a note, then 422 keeps every word and nothing is saved', async () => {
    const { agent, token, ctx, minuteUpdateId } = await setup();
    const version = requireUpdate(ctx, minuteUpdateId).version;
    const send = async (correctionNote: string) =>
      agent
        .post(`/desk/updates/${minuteUpdateId}/edit`)
        .type('form')
        .send({
          ...editForm(ctx, minuteUpdateId, { headline: 'Min nya rubrik' }),
          changeKind: 'correction',
          correctionNote,
          _csrf: await token(),
        });
    const empty = await send('');
    assert.equal(empty.status, 422);
    assert.match(empty.text, /Write the correction note that readers will see/);
    assert.match(empty.text, /value="Min nya rubrik"/);
    assert.match(empty.text, /name="changeKind" value="correction" checked/);
    const long = await send('x'.repeat(501));
    assert.equal(long.status, 422);
    assert.match(long.text, /at most 500 characters/);
    assert.equal(requireUpdate(ctx, minuteUpdateId).version, version);
  });

  it('when a correction is saved, then open pages receive the update with its correction', async () => {
    const { agent, token, app, ctx, minuteUpdateId } = await setup('editor', () => new Date());
    const server = await listen(app);
    const close = cleanup;
    cleanup = async () => {
      await server.stop();
      await close?.();
    };
    const stream = await openStream(`${server.base}/articles/it-attack/events`);
    await agent
      .post(`/desk/updates/${minuteUpdateId}/edit`)
      .type('form')
      .send({
        ...editForm(ctx, minuteUpdateId, {}),
        changeKind: 'correction',
        correctionNote: NOTE,
        _csrf: await token(),
      })
      .expect(303);
    const frame = await stream.next(3000);
    stream.close();
    assert.equal(frame?.event, 'update.edited');
    const data = JSON.parse(frame?.data ?? '{}') as { html: string };
    // Real time here: the correction is on another day than the update, so its label has the date.
    assert.match(data.html, new RegExp(`Rättelse [^<]*kl\\. \\d{1,2}\\.\\d{2}</time>:</strong> ${NOTE}`));
  });
});

describe('PATCH /api/v1/updates/:id with a correction', () => {
  it('when the PATCH carries a correction note, then it is a correction readers see; on a draft it is a 422', async () => {
    const { app, ctx, user, articleId, minuteUpdateId } = await setup();
    const bearer = `Bearer ${tokenFor(ctx, user.id)}`;
    const version = requireUpdate(ctx, minuteUpdateId).version;
    const res = await request(app)
      .patch(`/api/v1/updates/${minuteUpdateId}`)
      .set('Authorization', bearer)
      .send({ version, headline: 'Systemen är tillbaka efter sex dygn', correction: NOTE })
      .expect(200);
    const body = res.body as { corrections: { note: string; at: string }[] };
    assert.deepEqual(body.corrections, [{ note: NOTE, at: '2026-12-08T14:04:00.000Z' }]);
    assert.match(
      (await request(app).get('/articles/it-attack')).text,
      new RegExp(`Rättelse kl\\. 15\\.04</time>:</strong> ${NOTE}`),
    );

    const plain = await request(app)
      .patch(`/api/v1/updates/${minuteUpdateId}`)
      .set('Authorization', bearer)
      .send({ version: version + 1, headline: 'Utan rättelse', correction: null })
      .expect(200);
    assert.equal((plain.body as { corrections: unknown[] }).corrections.length, 1, 'a plain edit adds none');

    const draft = postUpdate(ctx, actor('editor'), articleId, QA_UPDATE, false).update;
    const refused = await request(app)
      .patch(`/api/v1/updates/${draft.id}`)
      .set('Authorization', bearer)
      .send({ version: draft.version, correction: NOTE })
      .expect(422);
    assert.match(JSON.stringify(refused.body), /Only a published update can carry a correction/);
    const blank = await request(app)
      .patch(`/api/v1/updates/${minuteUpdateId}`)
      .set('Authorization', bearer)
      .send({ version: version + 2, correction: '  ' })
      .expect(422);
    assert.match(JSON.stringify(blank.body), /"correction"/);
  });
});
