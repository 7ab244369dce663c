import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { setJournalistsPublish } from '../../src/services/live.js';
import { postUpdate } from '../../src/services/updates.js';
import { actor } from '../helpers/db.js';
import { QA_UPDATE, seedArticle } from '../helpers/fixtures.js';
import { listen, openStream } from '../helpers/sse.js';
import { apiApp, apiError } from './api-helpers.js';

let cleanup: (() => Promise<void> | void) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

async function setup() {
  const t = await apiApp(() => new Date());
  const ids = seedArticle(t.ctx);
  cleanup = () => {
    t.close();
  };
  return { ...t, ...ids };
}

const INTERVIEW = {
  datedAt: '2026-12-09T09:30:00+01:00',
  headline: 'Vd:n svarar',
  blocks: [
    { type: 'text', markdown: 'Vi träffade vd:n på huvudkontoret.' },
    { type: 'qa', question: 'Hur mår ni?', answer: 'Trötta men hoppfulla.', speaker: 'Per Lind' },
    { type: 'quote', text: 'Vi kommer att bli starkare.', source: 'Nordhall IT' },
  ],
};

interface UpdateDoc {
  id: number;
  version: number;
  datedAt: string;
  precision: string;
  headline: string | null;
  status: string;
  pinned: boolean;
  keyEvent: boolean;
  blocks: Record<string, unknown>[];
}

describe('POST /api/v1/articles/:id/updates', () => {
  it('when an update is posted, then 201 with the update; a new speaker joins the people register', async () => {
    const { ctx, as, articleId } = await setup();
    const res = await as('editor').post(`/api/v1/articles/${articleId}/updates`).send(INTERVIEW);
    assert.equal(res.status, 201);
    const doc = res.body as UpdateDoc;
    assert.equal(doc.datedAt, '2026-12-09T08:30:00.000Z');
    assert.equal(doc.precision, 'minute');
    assert.equal(doc.status, 'draft', 'a draft unless publish is true');
    assert.equal(doc.pinned, false);
    assert.equal(doc.keyEvent, false);
    assert.deepEqual(doc.blocks, [
      { type: 'text', markdown: 'Vi träffade vd:n på huvudkontoret.' },
      {
        type: 'qa',
        question: 'Hur mår ni?',
        answer: 'Trötta men hoppfulla.',
        speaker: 'Per Lind',
        asker: null,
      },
      { type: 'quote', text: 'Vi kommer att bli starkare.', source: 'Nordhall IT' },
    ]);
    assert.ok(ctx.repos.people.findByName('Per Lind'), 'the speaker is in the register');
    const stored = ctx.repos.updates.findById(doc.id);
    assert.equal(stored?.version, doc.version);
    const again = await as('editor')
      .post(`/api/v1/articles/${articleId}/updates`)
      .send({ ...INTERVIEW, headline: 'Igen' })
      .expect(201);
    const speakers = (again.body as UpdateDoc).blocks[1];
    assert.equal(speakers?.speaker, 'Per Lind');
    assert.equal(
      ctx.repos.people.list().filter((p) => p.name === 'Per Lind').length,
      1,
      'a known speaker is matched, not added twice',
    );
  });

  it('when the date is a day, then the update has day precision at midnight in the article’s zone', async () => {
    const { ctx, as, articleId } = await setup();
    const res = await as('editor')
      .post(`/api/v1/articles/${articleId}/updates`)
      .send({ datedAt: '2026-12-08', blocks: [{ type: 'text', markdown: 'Den 8 december.' }], publish: true })
      .expect(201);
    assert.equal((res.body as UpdateDoc).datedAt, '2026-12-08');
    assert.equal((res.body as UpdateDoc).precision, 'day');
    assert.equal((res.body as UpdateDoc).status, 'published');
    assert.equal(ctx.repos.updates.findById((res.body as UpdateDoc).id)?.datedAt, '2026-12-07T23:00:00.000Z');
    const minute = await as('editor')
      .post(`/api/v1/articles/${articleId}/updates`)
      .send({ datedAt: '2026-12-08', precision: 'minute', blocks: [{ type: 'text', markdown: 'x' }] });
    assert.equal(minute.status, 422);
    assert.ok(apiError(minute.body).fields?.datedAt);
  });

  it('when an update is published through the API, then an open reader stream receives it', async () => {
    const { app, as, articleId } = await setup();
    const server = await listen(app);
    const close = cleanup;
    cleanup = async () => {
      await server.stop();
      await close?.();
    };
    const stream = await openStream(`${server.base}/articles/it-attack/events`);
    const res = await as('editor')
      .post(`/api/v1/articles/${articleId}/updates`)
      .send({ ...INTERVIEW, headline: 'Direkt från API:t', publish: true })
      .expect(201);
    const frame = await stream.next();
    assert.equal(frame?.event, 'update.published');
    const data = JSON.parse(frame?.data ?? '{}') as { updateId: number; html: string };
    assert.equal(data.updateId, (res.body as UpdateDoc).id);
    assert.match(data.html, /Direkt från API:t/);
    assert.match(data.html, /Per Lind/);
    stream.close();
  });

  it('when a journalist publishes where editors have not allowed it, then 403; once allowed, it goes out', async () => {
    const { ctx, users, as, articleId } = await setup();
    ctx.repos.articles.setMembers(articleId, [users.journalist.id], '2026-12-01T00:00:00.000Z');
    const refused = await as('journalist')
      .post(`/api/v1/articles/${articleId}/updates`)
      .send({ ...INTERVIEW, publish: true });
    assert.equal(refused.status, 403);
    assert.equal(apiError(refused.body).code, 'forbidden');
    await as('journalist').post(`/api/v1/articles/${articleId}/updates`).send(INTERVIEW).expect(201);
    setJournalistsPublish(ctx, actor('editor'), articleId, true);
    const allowed = await as('journalist')
      .post(`/api/v1/articles/${articleId}/updates`)
      .send({ ...INTERVIEW, publish: true })
      .expect(201);
    assert.equal((allowed.body as UpdateDoc).status, 'published');
  });

  it('when blocks or other fields have the wrong type, then 400 naming the field', async () => {
    const { ctx, as, articleId } = await setup();
    const count = ctx.repos.updates.positions(articleId).length;
    for (const [body, field] of [
      [{ ...INTERVIEW, blocks: 'x' }, 'blocks'],
      [{ ...INTERVIEW, blocks: [{ type: 'video', url: 'x' }] }, 'blocks.0.type'],
      [{ ...INTERVIEW, blocks: [{ type: 'qa', question: 1, answer: 'a' }] }, 'blocks.0.question'],
      [{ ...INTERVIEW, blocks: [{ type: 'text', markdown: 'x', speaker: 'y' }] }, 'blocks.0.speaker'],
      [{ ...INTERVIEW, publish: 'yes' }, 'publish'],
      [{ ...INTERVIEW, datedAt: 20261209 }, 'datedAt'],
    ] as const) {
      const res = await as('editor').post(`/api/v1/articles/${articleId}/updates`).send(body);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.ok(apiError(res.body).fields?.[field], `${field}: ${JSON.stringify(res.body)}`);
    }
    assert.equal(ctx.repos.updates.positions(articleId).length, count);
  });

  it('when values break the forms’ rules, then 422 with the same limits and messages as the desk', async () => {
    const { as, articleId } = await setup();
    const post = (body: object) => as('editor').post(`/api/v1/articles/${articleId}/updates`).send(body);
    const cases: [object, string, RegExp][] = [
      [{ ...INTERVIEW, datedAt: undefined }, 'datedAt', /date/],
      [{ ...INTERVIEW, datedAt: '2026-02-30' }, 'datedAt', /real date/],
      [{ ...INTERVIEW, datedAt: '2026-12-09T10:00:00' }, 'datedAt', /offset/],
      [{ ...INTERVIEW, blocks: [] }, 'blocks', /at least one block/],
      [
        { ...INTERVIEW, blocks: [{ type: 'qa', question: 'Varför?' }] },
        'blocks.0.answer',
        /Write the answer/,
      ],
      [
        { ...INTERVIEW, blocks: [{ type: 'qa', question: 'x'.repeat(2001), answer: 'a' }] },
        'blocks.0.question',
        /at most 2000 characters/,
      ],
      [{ ...INTERVIEW, headline: 'x'.repeat(201) }, 'headline', /at most 200/],
      [{ ...INTERVIEW, blocks: Array(61).fill({ type: 'text', markdown: 'x' }) }, 'blocks', /At most 60/],
      [{ ...INTERVIEW, precision: 'second' }, 'precision', /./],
    ];
    for (const [body, field, message] of cases) {
      const res = await post(body);
      assert.equal(res.status, 422, JSON.stringify(body).slice(0, 200));
      assert.equal(apiError(res.body).code, 'validation');
      assert.match(apiError(res.body).fields?.[field] ?? '', message, field);
    }
  });

  it('when the article does not exist or is someone else’s draft, then 404', async () => {
    const { ctx, as } = await setup();
    await as('editor').post('/api/v1/articles/9999/updates').send(INTERVIEW).expect(404);
    const draft = seedArticle(ctx, { slug: 'utkast', publish: false });
    const res = await as('journalist').post(`/api/v1/articles/${draft.articleId}/updates`).send(INTERVIEW);
    assert.equal(res.status, 404);
  });
});

describe('PATCH /api/v1/updates/:id', () => {
  it('when some fields are sent with the current version, then the rest is kept and the new version returned', async () => {
    const { ctx, as, minuteUpdateId } = await setup();
    const before = ctx.repos.updates.findById(minuteUpdateId);
    assert.ok(before);
    const res = await as('editor')
      .patch(`/api/v1/updates/${minuteUpdateId}`)
      .send({ version: before.version, headline: 'Rättad rubrik', correction: 'Rubriken var fel.' });
    assert.equal(res.status, 200);
    const doc = res.body as UpdateDoc;
    assert.equal(doc.headline, 'Rättad rubrik');
    assert.equal(doc.version, before.version + 1);
    assert.equal(doc.datedAt, before.datedAt);
    assert.equal(doc.blocks.length, 4, 'blocks not sent are kept');
    assert.equal(doc.blocks[1]?.speaker, 'Karin Berg');
  });

  it('when blocks and a day are sent, then they replace the old ones', async () => {
    const { as, minuteUpdateId, ctx } = await setup();
    const version = ctx.repos.updates.findById(minuteUpdateId)?.version ?? 0;
    const res = await as('editor')
      .patch(`/api/v1/updates/${minuteUpdateId}`)
      .send({
        version,
        datedAt: '2026-12-07',
        headline: null,
        blocks: [{ type: 'text', markdown: 'Ny text.' }],
      })
      .expect(200);
    assert.equal((res.body as UpdateDoc).datedAt, '2026-12-07');
    assert.equal((res.body as UpdateDoc).precision, 'day');
    assert.equal((res.body as UpdateDoc).headline, null);
    assert.deepEqual((res.body as UpdateDoc).blocks, [{ type: 'text', markdown: 'Ny text.' }]);
  });

  it('when the version is stale, then 409 with both versions and the stored update; nothing changes', async () => {
    const { as, minuteUpdateId, ctx } = await setup();
    const version = ctx.repos.updates.findById(minuteUpdateId)?.version ?? 0;
    await as('editor')
      .patch(`/api/v1/updates/${minuteUpdateId}`)
      .send({ version, headline: 'Först' })
      .expect(200);
    const res = await as('admin')
      .patch(`/api/v1/updates/${minuteUpdateId}`)
      .send({ version, headline: 'Sen' });
    assert.equal(res.status, 409);
    const error = apiError(res.body);
    assert.equal(error.code, 'conflict');
    assert.equal(error.submittedVersion, version);
    assert.equal(error.current?.version, version + 1);
    assert.equal(error.current?.headline, 'Först');
    assert.equal(error.current?.id, minuteUpdateId);
    assert.equal(ctx.repos.updates.findById(minuteUpdateId)?.headline, 'Först');
  });

  it('when the version is missing or the correction note is too long, then 422; wrong types are a 400', async () => {
    const { as, minuteUpdateId, ctx } = await setup();
    const version = ctx.repos.updates.findById(minuteUpdateId)?.version ?? 0;
    const patch = (body: object) => as('editor').patch(`/api/v1/updates/${minuteUpdateId}`).send(body);
    const missing = await patch({ headline: 'x' });
    assert.equal(missing.status, 422);
    assert.ok(apiError(missing.body).fields?.version);
    const long = await patch({ version, correction: 'x'.repeat(501) });
    assert.equal(long.status, 422);
    assert.ok(apiError(long.body).fields?.correction);
    for (const body of [
      { version, correction: 5 },
      { version, blocks: 'x' },
      { version: 'x' },
      { version, pinned: true },
    ]) {
      assert.equal((await patch(body)).status, 400, JSON.stringify(body));
    }
    assert.equal(ctx.repos.updates.findById(minuteUpdateId)?.version, version);
  });

  it('when the update does not exist or was removed, then 404', async () => {
    const { as, ctx, minuteUpdateId } = await setup();
    await as('editor').patch('/api/v1/updates/9999').send({ version: 1 }).expect(404);
    await as('editor').delete(`/api/v1/updates/${minuteUpdateId}`).expect(204);
    const version = 99;
    const res = await as('editor').patch(`/api/v1/updates/${minuteUpdateId}`).send({ version });
    assert.equal(res.status, 404);
    assert.equal(apiError(res.body).code, 'not_found');
    assert.equal(ctx.repos.updates.findById(minuteUpdateId), undefined);
  });
});

describe('DELETE /api/v1/updates/:id', () => {
  it('when an editor removes an update, then 204 without a body and it is gone', async () => {
    const { as, ctx, dayUpdateId } = await setup();
    const res = await as('editor').delete(`/api/v1/updates/${dayUpdateId}`);
    assert.equal(res.status, 204);
    assert.equal(res.text, '');
    assert.equal(ctx.repos.updates.findById(dayUpdateId), undefined);
    await as('editor').delete(`/api/v1/updates/${dayUpdateId}`).expect(404);
  });

  it('when a journalist removes a published update, then 403; their own draft goes', async () => {
    const { as, ctx, users, articleId, dayUpdateId } = await setup();
    ctx.repos.articles.setMembers(articleId, [users.journalist.id], '2026-12-01T00:00:00.000Z');
    const refused = await as('journalist').delete(`/api/v1/updates/${dayUpdateId}`);
    assert.equal(refused.status, 403);
    assert.ok(ctx.repos.updates.findById(dayUpdateId));
    const own = postUpdate(ctx, actor('journalist', users.journalist.id), articleId, QA_UPDATE, false).update;
    await as('journalist').delete(`/api/v1/updates/${own.id}`).expect(204);
  });
});

describe('PUT /api/v1/articles/:id/order', () => {
  it('when the full set comes in a new order, then 200 with the new version and the order is saved', async () => {
    const { as, ctx, articleId, dayUpdateId, minuteUpdateId } = await setup();
    const res = await as('editor')
      .put(`/api/v1/articles/${articleId}/order`)
      .send({ updateIds: [dayUpdateId, minuteUpdateId] });
    assert.equal(res.status, 200);
    assert.deepEqual(Object.keys(res.body as object), ['version']);
    assert.equal((res.body as { version: number }).version, ctx.repos.articles.findById(articleId)?.version);
    assert.deepEqual(
      ctx.repos.updates.positions(articleId).map((p) => p.id),
      [dayUpdateId, minuteUpdateId],
    );
  });

  it('when the set differs from the article’s updates, then 409 with the current order; nothing moves', async () => {
    const { as, articleId, dayUpdateId, minuteUpdateId } = await setup();
    for (const updateIds of [
      [dayUpdateId],
      [dayUpdateId, minuteUpdateId, 9999],
      [dayUpdateId, dayUpdateId],
    ]) {
      const res = await as('editor').put(`/api/v1/articles/${articleId}/order`).send({ updateIds });
      assert.equal(res.status, 409, JSON.stringify(updateIds));
      assert.equal(apiError(res.body).code, 'conflict');
      assert.deepEqual(apiError(res.body).current?.updateIds, [minuteUpdateId, dayUpdateId]);
    }
  });

  it('when a journalist reorders, then 403; bad ids are a 400, a missing list a 422', async () => {
    const { as, articleId, dayUpdateId, minuteUpdateId } = await setup();
    const path = `/api/v1/articles/${articleId}/order`;
    const refused = await as('journalist')
      .put(path)
      .send({ updateIds: [dayUpdateId, minuteUpdateId] });
    assert.equal(refused.status, 403);
    assert.equal(
      (
        await as('editor')
          .put(path)
          .send({ updateIds: ['x'] })
      ).status,
      400,
    );
    assert.equal((await as('editor').put(path).send({ updateIds: 'x' })).status, 400);
    assert.equal((await as('editor').put(path).send({})).status, 422);
    assert.equal((await as('editor').put('/api/v1/articles/9999/order').send({ updateIds: [] })).status, 404);
  });
});
