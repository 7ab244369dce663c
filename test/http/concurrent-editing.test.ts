// Two editors at one desk: stale saves (409) with both versions side by side, "save mine over",
// "apply my changes on top" (a three-way merge), the article form's 409, and presence.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import request from 'supertest';
import { createUser } from '../../src/services/accounts.js';
import { PASSWORD, loginAs, manualClock, testApp } from '../helpers/app.js';
import { actor } from '../helpers/db.js';
import { seedArticle } from '../helpers/fixtures.js';
import { send, tokenFor } from './api-helpers.js';

let current: ReturnType<typeof testApp> | undefined;
afterEach(() => current?.close());

async function person(ctx: ReturnType<typeof testApp>['ctx'], displayName: string, email: string) {
  const created = await createUser(ctx, actor('admin'), {
    email,
    displayName,
    role: 'editor',
    password: PASSWORD,
  });
  if (!created.ok) throw new Error(JSON.stringify(created.errors));
  return created.user;
}

/** Two editors, Anna and Bo, logged in on their own agents, and the fixture article. */
async function setup() {
  const clock = manualClock();
  current = testApp(clock.clock);
  const { ctx, app } = current;
  const annaUser = await person(ctx, 'Anna Berg', 'anna@example.com');
  const boUser = await person(ctx, 'Bo Ek', 'bo@example.com');
  const anna = await loginAs(app, 'anna@example.com');
  const bo = await loginAs(app, 'bo@example.com');
  return { ...current, ...seedArticle(ctx), clock, anna, bo, annaUser, boUser };
}

const decode = (text: string) =>
  text
    .replace(/&#34;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** The fields a browser would send from the page's forms: inputs (checked ones only), textareas, selects. */
function formFields(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [tag] of html.matchAll(/<input\b[^>]*>/g)) {
    const attr = (name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
    const name = attr('name');
    const type = attr('type') ?? 'text';
    if (!name || ((type === 'radio' || type === 'checkbox') && !/\schecked\b/.test(tag))) continue;
    fields[name] = decode(attr('value') ?? (type === 'checkbox' ? 'on' : ''));
  }
  for (const [, name = '', text = ''] of html.matchAll(
    /<textarea\b[^>]*\sname="([^"]+)"[^>]*>([\s\S]*?)<\/textarea>/g,
  ))
    fields[name] = decode(text);
  for (const [, name = '', options = ''] of html.matchAll(
    /<select\b[^>]*\sname="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g,
  ))
    fields[name] = decode(/<option value="([^"]*)" selected>/.exec(options)?.[1] ?? '');
  return fields;
}

type Session = Awaited<ReturnType<typeof setup>>['anna'];

async function openEdit(session: Session, updateId: number) {
  const page = await session.agent.get(`/desk/updates/${updateId}/edit`).expect(200);
  return { page: page.text, fields: formFields(page.text) };
}

function post(session: Session, path: string, fields: Record<string, string>) {
  return session.agent.post(path).type('form').send(fields);
}

type Editors = Pick<Awaited<ReturnType<typeof setup>>, 'anna' | 'bo'>;

/**
 * Anna and Bo open the same update; Anna saves `annas` changes first, then Bo saves `his` on the form
 * he opened before her save: refused as stale (409), which is the answer returned.
 */
async function annaThenBoSave(
  { anna, bo }: Editors,
  id: number,
  annas: Record<string, string>,
  his: Record<string, string>,
) {
  const a = await openEdit(anna, id);
  const b = await openEdit(bo, id);
  await post(anna, `/desk/updates/${id}/edit`, { ...a.fields, ...annas, action: 'save' }).expect(303);
  return post(bo, `/desk/updates/${id}/edit`, { ...b.fields, ...his, action: 'save' }).expect(409);
}

describe('two editors save the same update', () => {
  it('when the second save is stale, then 409 shows both versions side by side and keeps every word', async () => {
    const editors = await setup();
    const { minuteUpdateId: id, ctx } = editors;
    const started = ctx.repos.updates.findById(id)?.version ?? 0;

    const res = await annaThenBoSave(
      editors,
      id,
      { headline: 'Annas rubrik' },
      { 'blocks.1.answer': 'Redan första natten, säger Bo.' },
    );
    assert.match(res.text, /Someone else saved this update while you were editing it; it is now version \d+/);
    // Left: Bo's form with his words; right: the stored version with Anna's headline, read-only.
    assert.match(
      res.text,
      /Your version \(not saved\)[\s\S]*Redan första natten, säger Bo\.<\/textarea>[\s\S]*The version now stored \(version \d+\)[\s\S]*Annas rubrik/,
    );
    const stale = formFields(res.text);
    assert.equal(Number(stale.version), started + 1, 'the form now carries the current version');
    assert.equal(stale['blocks.1.answer'], 'Redan första natten, säger Bo.');
    assert.match(
      stale.base ?? '',
      /"headline":"Systemen är tillbaka"/,
      'and still the version it started from',
    );
    // The differences are marked word by word: Anna's headline only in the stored version, Bo's words only in his.
    assert.match(res.text, /<dt>Headline<\/dt>\s*<dd><span class="conflict-diff"><del>[\s\S]*Annas rubrik/);
    assert.match(res.text, /<ins><span class="visually-hidden">\[only in yours: <\/span>, säger Bo/);
    // Three ways forward.
    assert.match(
      res.text,
      /<button type="submit" form="edit-form" name="action" value="merge"[^>]*>Apply my changes on top</,
    );
    assert.match(
      res.text,
      /form="edit-form" name="action" value="save"[^>]*>Save mine over the current version</,
    );
    assert.match(
      res.text,
      new RegExp(`href="/desk/updates/${id}/edit">Start again from the current version<`),
    );
    assert.equal(ctx.repos.updates.findById(id)?.headline, 'Annas rubrik', 'nothing of Bo’s was saved');
  });

  it('when the second editor saves theirs over the current version, then it is stored as sent', async () => {
    const editors = await setup();
    const { bo, minuteUpdateId: id, ctx } = editors;
    const stale = await annaThenBoSave(
      editors,
      id,
      { headline: 'Annas rubrik' },
      { 'blocks.1.answer': 'Bos svar.' },
    );
    await post(bo, `/desk/updates/${id}/edit`, { ...formFields(stale.text), action: 'save' }).expect(303);
    const stored = ctx.repos.updates.findById(id);
    assert.equal(stored?.headline, 'Systemen är tillbaka', 'Bo’s whole version replaced Anna’s');
    assert.equal((stored?.blocks[1] as { answer?: string } | undefined)?.answer, 'Bos svar.');
  });

  it('when changes do not overlap, then "apply my changes on top" keeps both and saves cleanly', async () => {
    const editors = await setup();
    const { bo, minuteUpdateId: id, ctx, app } = editors;
    const stale = await annaThenBoSave(
      editors,
      id,
      { headline: 'Annas rubrik' },
      { 'blocks.1.answer': 'Bos svar.' },
    );

    const merged = await post(bo, `/desk/updates/${id}/edit`, {
      ...formFields(stale.text),
      action: 'merge',
    }).expect(200);
    assert.match(
      merged.text,
      /Your changes are applied on top of the current version \(version \d+\)\. Nothing is saved yet/,
    );
    assert.doesNotMatch(merged.text, /Conflict:/);
    const fields = formFields(merged.text);
    assert.equal(fields.headline, 'Annas rubrik', 'Anna’s headline is kept');
    assert.equal(fields['blocks.1.answer'], 'Bos svar.', 'Bo’s answer is applied');
    assert.equal(fields['blocks.2.answer'], 'Nej, aldrig.');
    const answer = (block: unknown) => (block as { answer?: string } | undefined)?.answer;
    assert.equal(answer(ctx.repos.updates.findById(id)?.blocks[1]), 'Redan första natten.', 'not saved yet');

    await post(bo, `/desk/updates/${id}/edit`, { ...fields, action: 'save' }).expect(303);
    const stored = ctx.repos.updates.findById(id);
    assert.equal(stored?.headline, 'Annas rubrik');
    assert.equal(answer(stored?.blocks[1]), 'Bos svar.');
    const page = await request(app).get('/articles/it-attack').expect(200);
    assert.match(page.text, /Annas rubrik[\s\S]*Bos svar\./);
  });

  it('when both changed the same field, then the merge keeps theirs, shows mine beside it and marks the conflict', async () => {
    const editors = await setup();
    const { bo, minuteUpdateId: id, ctx } = editors;
    const stale = await annaThenBoSave(
      editors,
      id,
      { 'blocks.1.answer': 'Annas svar.' },
      { headline: 'Bos rubrik', 'blocks.1.answer': 'Bos svar.' },
    );
    const merged = await post(bo, `/desk/updates/${id}/edit`, {
      ...formFields(stale.text),
      action: 'merge',
    }).expect(200);
    const fields = formFields(merged.text);
    assert.equal(fields.headline, 'Bos rubrik', 'only Bo changed the headline: his');
    assert.equal(
      fields['blocks.1.answer'],
      'Annas svar.',
      'both changed the answer: the stored one stays in the form',
    );
    assert.match(merged.text, /1 place was changed both by you and by someone else/);
    assert.match(merged.text, /<a href="#edit-b1-answer">Block 2 \(Question and answer\), answer<\/a>/);
    assert.match(
      merged.text,
      /id="edit-b1-answer"[\s\S]*?Annas svar\.<\/textarea>\s*<div class="field-conflict" id="blocks\.1\.answer-conflict">[\s\S]*Your text:[\s\S]*Bos svar\./,
    );
    assert.equal(
      ctx.repos.updates.findById(id)?.headline,
      'Systemen är tillbaka',
      'nothing saved by the merge',
    );
  });

  it('when the form does not say which version it started from, then "apply on top" is a 400', async () => {
    const { anna, bo, minuteUpdateId: id } = await setup();
    const b = await openEdit(bo, id);
    const a = await openEdit(anna, id);
    await post(anna, `/desk/updates/${id}/edit`, {
      ...a.fields,
      headline: 'Annas rubrik',
      action: 'save',
    }).expect(303);
    const res = await post(bo, `/desk/updates/${id}/edit`, {
      ...b.fields,
      base: '{"nope":1}',
      action: 'merge',
    });
    assert.equal(res.status, 400);
    assert.match(res.text, /cannot be applied on top/);
  });
});

describe('two editors save the same article', () => {
  it('when the article form is stale, then 409 shows the user’s form beside the stored metadata, and saving over works', async () => {
    const { anna, bo, articleId, ctx } = await setup();
    const a = formFields((await anna.agent.get(`/desk/articles/${articleId}/edit`).expect(200)).text);
    const b = formFields((await bo.agent.get(`/desk/articles/${articleId}/edit`).expect(200)).text);
    await post(anna, `/desk/articles/${articleId}/edit`, { ...a, title: 'It-attacken: Annas titel' }).expect(
      303,
    );
    const stale = await post(bo, `/desk/articles/${articleId}/edit`, {
      ...b,
      summary: 'Bos ingress.',
    }).expect(409);
    assert.match(
      stale.text,
      /Someone else saved this article while you were editing it; it is now version \d+/,
    );
    assert.match(
      stale.text,
      /Your version \(not saved\)[\s\S]*Bos ingress\.<\/textarea>[\s\S]*The version now stored \(version \d+\)[\s\S]*<dt>Title <span class="badge badge--draft">differs<\/span><\/dt>[\s\S]*<del>[\s\S]*Annas titel/,
    );
    assert.match(
      stale.text,
      new RegExp(`href="/desk/articles/${articleId}/edit">Start again from the current version<`),
    );
    const fields = formFields(stale.text);
    assert.equal(fields.summary, 'Bos ingress.');
    assert.equal(Number(fields.version), ctx.repos.articles.findById(articleId)?.version);
    await post(bo, `/desk/articles/${articleId}/edit`, fields).expect(303);
    const stored = ctx.repos.articles.findById(articleId);
    assert.equal(stored?.summary, 'Bos ingress.');
    assert.equal(stored?.title, 'It-attack slår ut a-kassor', 'Bo saved his whole form over Anna’s');
  });
});

describe('presence', () => {
  it('when Anna edits an update, then Bo’s desk and that update’s edit page show her; 45 s later she is gone', async () => {
    const { anna, bo, minuteUpdateId: id, articleId, clock, boUser } = await setup();
    await anna.agent.get(`/desk/updates/${id}/edit`).expect(200);
    clock.advance(10_000);
    const desk = await bo.agent.get(`/desk/articles/${articleId}`).expect(200);
    assert.match(
      desk.text,
      new RegExp(
        `Also here: Anna Berg \\(editing <a href="#update-${id}">Systemen är tillbaka</a> since 15\\.04\\)\\.`,
      ),
    );
    const edit = await bo.agent.get(`/desk/updates/${id}/edit`).expect(200);
    assert.match(edit.text, /Anna Berg is editing this update \(since 15\.04\)/);
    assert.doesNotMatch(edit.text, /Bo Ek is editing/, 'nobody is warned about themselves');

    // Anna's heartbeat (as presence.js sends it) answers with the others: Bo, on the same update.
    const token = await anna.token(`/desk/articles/${articleId}`);
    const beat = await anna.agent
      .post(`/desk/articles/${articleId}/presence`)
      .set('Accept', 'application/json')
      .type('form')
      .send({ updateId: String(id), _csrf: token })
      .expect(200);
    assert.deepEqual(beat.body, [
      {
        userId: boUser.id,
        name: 'Bo Ek',
        updateId: id,
        since: '2026-12-08T14:04:10.000Z',
        sinceLabel: '15.04',
        updateLabel: 'Systemen är tillbaka',
      },
    ]);

    // Anna's page goes quiet; Bo's desk keeps beating.
    clock.advance(46_000);
    const later = await bo.agent.get(`/desk/articles/${articleId}`).expect(200);
    assert.doesNotMatch(later.text, /presence__line">Also here/); // the attribute data-msg-also-here stays
    assert.doesNotMatch((await bo.agent.get(`/desk/updates/${id}/edit`)).text, /Anna Berg is editing/);
  });

  it('when Anna saves her edit, then she is no longer shown as editing it', async () => {
    const { anna, bo, minuteUpdateId: id, articleId } = await setup();
    const a = await openEdit(anna, id);
    await anna.agent.get(`/desk/articles/${articleId}`).expect(200);
    await post(anna, `/desk/updates/${id}/edit`, { ...a.fields, action: 'save' }).expect(303);
    const desk = await bo.agent.get(`/desk/articles/${articleId}`).expect(200);
    assert.match(desk.text, /Also here: Anna Berg\./, 'still on the desk, editing nothing');
  });

  it('when the heartbeat is JSON with the token in a header, then it works; bad ids are 400, no token is 403', async () => {
    const { anna, articleId, dayUpdateId, ctx } = await setup();
    const token = await anna.token(`/desk/articles/${articleId}`);
    const path = `/desk/articles/${articleId}/presence`;
    const json = await anna.agent.post(path).set('X-CSRF-Token', token).send({ updateId: dayUpdateId });
    assert.equal(json.status, 200);
    assert.deepEqual(json.body, []);
    const other = seedArticle(ctx, { slug: 'another' });
    for (const updateId of ['x', '-1', String(other.minuteUpdateId), '99999']) {
      const res = await anna.agent.post(path).type('form').send({ updateId, _csrf: token });
      assert.equal(res.status, 400, updateId);
    }
    await anna.agent
      .post(path)
      .type('form')
      .send({ updateId: String(dayUpdateId) })
      .expect(403);
    await anna.agent.post(`/desk/articles/99999/presence`).type('form').send({ _csrf: token }).expect(404);
  });
});

describe('the JSON API’s 409', () => {
  it('when an update is saved with a stale version, then the body has both the submitted and the current version', async () => {
    const { ctx, app, minuteUpdateId: id, annaUser, boUser } = await setup();
    const version = ctx.repos.updates.findById(id)?.version ?? 0;
    const call = (user: number, body: object) =>
      send(app, 'PATCH', `/api/v1/updates/${id}`)
        .set('Authorization', `Bearer ${tokenFor(ctx, user)}`)
        .send(body);
    assert.equal((await call(annaUser.id, { version, headline: 'Först' })).status, 200);
    const res = await call(boUser.id, {
      version,
      headline: 'Sen',
      blocks: [{ type: 'text', markdown: 'Bos text.' }],
    });
    assert.equal(res.status, 409);
    const error = (
      res.body as { error: Record<string, { headline?: string; version?: number; blocks?: unknown }> }
    ).error;
    assert.equal(error.current?.headline, 'Först');
    assert.equal(error.current?.version, version + 1);
    assert.equal(error.submitted?.headline, 'Sen');
    assert.equal(error.submitted?.version, version);
    assert.deepEqual(error.submitted?.blocks, [{ type: 'text', markdown: 'Bos text.' }]);
    assert.equal(ctx.repos.updates.findById(id)?.headline, 'Först');
  });

  it('when article metadata is saved with a stale version, then the body has both versions too', async () => {
    const { ctx, app, articleId, annaUser, boUser } = await setup();
    const version = ctx.repos.articles.findById(articleId)?.version ?? 0;
    const call = (user: number, body: object) =>
      send(app, 'PATCH', `/api/v1/articles/${articleId}`)
        .set('Authorization', `Bearer ${tokenFor(ctx, user)}`)
        .send(body);
    assert.equal((await call(annaUser.id, { version, summary: 'Först' })).status, 200);
    const res = await call(boUser.id, { version, summary: 'Sen' });
    assert.equal(res.status, 409);
    const error = (res.body as { error: Record<string, { summary?: string; version?: number }> }).error;
    assert.equal(error.current?.summary, 'Först');
    assert.equal(error.submitted?.summary, 'Sen');
    assert.equal(error.submitted?.version, version);
  });
});
