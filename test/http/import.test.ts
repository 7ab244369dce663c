import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { afterEach, describe, it } from 'node:test';
import request from 'supertest';
import type { Block } from '../../src/domain/types.js';
import { addUser, loginAs, testApp } from '../helpers/app.js';
import { seedArticle } from '../helpers/fixtures.js';

const SWEDISH_DASH = readFileSync(
  new URL('../fixtures/transcripts/swedish-dash.txt', import.meta.url),
  'utf8',
);
const OPTIONS = {
  year: '2026',
  locale: 'sv',
  article: '',
  title: 'Intrånget hos Nordhall IT',
  timeZone: 'Europe/Stockholm',
};

let current: ReturnType<typeof testApp> | undefined;
afterEach(() => current?.close());

async function setup(role: 'journalist' | 'editor' = 'editor') {
  current = testApp();
  const user = await addUser(current.ctx, role);
  const session = await loginAs(current.app, `${role}@example.com`);
  return { ...current, ...session, user };
}

type Session = Awaited<ReturnType<typeof setup>>;

const unescape = (value: string): string =>
  value
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#34;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

/** What a browser would submit from the preview form (without any button): inputs, textareas, selects. */
function previewFields(html: string): Record<string, string> {
  const start = html.indexOf('<form method="post" action="/desk/import/preview"');
  assert.ok(start >= 0, 'the page should have the preview form');
  const form = html.slice(start, html.indexOf('</form>', start));
  const fields: Record<string, string> = {};
  for (const [tag] of form.matchAll(/<input\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(tag)?.[1];
    if (name === undefined || (/type="checkbox"/.test(tag) && !/\bchecked\b/.test(tag))) continue;
    fields[name] = unescape(/\bvalue="([^"]*)"/.exec(tag)?.[1] ?? 'on');
  }
  for (const [, name = '', value = ''] of form.matchAll(
    /<textarea\b[^>]*name="([^"]*)"[^>]*>([^<]*)<\/textarea>/g,
  )) {
    fields[name] = unescape(value);
  }
  for (const [, name = '', options = ''] of form.matchAll(
    /<select\b[^>]*name="([^"]*)"[^>]*>([\s\S]*?)<\/select>/g,
  )) {
    fields[name] = /<option value="([^"]*)" selected>/.exec(options)?.[1] ?? '';
  }
  return fields;
}

async function preview(s: Session, body: Record<string, string>, path = '/desk/import/preview') {
  return s.agent
    .post(path)
    .type('form')
    .send({ ...body, _csrf: await s.token() });
}

/** Pastes the Swedish fixture and returns the preview page and its fields. */
async function previewSwedishDash(s: Session, options: Record<string, string> = {}) {
  const res = await preview(s, { ...OPTIONS, ...options, text: SWEDISH_DASH, action: 'parse' });
  assert.equal(res.status, 200, res.text);
  return { res, fields: previewFields(res.text) };
}

/** The values of the fields named `updates.U.blocks.B.*` as one object. */
function block(fields: Record<string, string>, u: number, b: number): Record<string, string> {
  const prefix = `updates.${u}.blocks.${b}.`;
  return Object.fromEntries(
    Object.entries(fields)
      .filter(([key]) => key.startsWith(prefix))
      .map(([key, value]) => [key.slice(prefix.length), value]),
  );
}

function textareaContent(html: string, id: string): string {
  const match = new RegExp(`<textarea id="${id}"[^>]*>([^<]*)</textarea>`).exec(html);
  assert.ok(match, `no textarea #${id}`);
  return unescape(match[1] ?? '');
}

const qaOf = (blocks: Block[]) =>
  blocks.flatMap((b) =>
    b.type === 'qa' ? [{ question: b.question, answer: b.answer, speaker: b.speaker?.name }] : [],
  );

describe('the import page', () => {
  it('when opened, then it asks to paste the transcript, with this year and the articles to add to', async () => {
    const s = await setup();
    const { articleId } = seedArticle(s.ctx);
    const page = await s.agent.get('/desk/import').expect(200);
    assert.match(page.text, /Paste the transcript/);
    assert.match(page.text, /<textarea id="text" name="text"/);
    assert.match(page.text, /name="year"[^>]*value="2026"/);
    assert.match(page.text, new RegExp(`<option value="${articleId}">Add to: It-attack slår ut a-kassor`));
    const chosen = await s.agent.get(`/desk/import?article=${articleId}`).expect(200);
    assert.match(chosen.text, new RegExp(`<option value="${articleId}" selected>`));
  });

  it('when the article in the address is not one the journalist works on, then 404 (draft) or 403 (published)', async () => {
    const s = await setup('journalist');
    const draft = seedArticle(s.ctx, { publish: false, slug: 'utkast' });
    const published = seedArticle(s.ctx, { slug: 'publicerad' });
    await s.agent.get(`/desk/import?article=${draft.articleId}`).expect(404);
    await s.agent.get(`/desk/import?article=${published.articleId}`).expect(403);
    await s.agent.get('/desk/import?article=x').expect(400);
  });

  it('when nothing is pasted, then 422 "Paste a transcript first." and the form keeps its values', async () => {
    const s = await setup();
    const res = await preview(s, { ...OPTIONS, text: '  \n ', action: 'parse' });
    assert.equal(res.status, 422);
    assert.match(res.text, /Paste a transcript first\./);
    assert.match(res.text, /value="Intrånget hos Nordhall IT"/);
  });

  it('when a binary file is pasted, then 422 and the text is kept in the textarea', async () => {
    const s = await setup();
    for (const text of [
      '\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR',
      `GIF89a ${'\ufffd'.repeat(40)} slut`,
    ]) {
      const res = await preview(s, { ...OPTIONS, text, action: 'parse' });
      assert.equal(res.status, 422);
      assert.match(res.text, /This looks like a binary file, not text\./);
      assert.equal(textareaContent(res.text, 'text'), text.replace(/\r\n?/g, '\n'));
    }
  });

  it('when the text is over 1 MB, then 413 and the text is kept; under it (but over the form limit) it parses', async () => {
    const s = await setup();
    const paragraph = 'Ett långt stycke om intrånget hos Nordhall IT som fortsätter. '.repeat(20);
    const big =
      `${paragraph}\n\n`.repeat(Math.ceil((1024 * 1024) / Buffer.byteLength(paragraph)) + 1) + 'SLUTORD';
    assert.ok(Buffer.byteLength(big) > 1024 * 1024);
    const res = await preview(s, { ...OPTIONS, text: big, action: 'parse' });
    assert.equal(res.status, 413);
    assert.match(res.text, /larger than 1 MB/);
    assert.equal(textareaContent(res.text, 'text'), big);

    const medium = big.slice(0, 700 * 1024);
    const ok = await preview(s, { ...OPTIONS, text: medium, action: 'parse' });
    assert.equal(ok.status, 200);
    assert.match(ok.text, /Check the import/);
  });

  it('when the year is not a year or a new article has no title, then 422 with field errors', async () => {
    const s = await setup();
    const res = await preview(s, {
      ...OPTIONS,
      year: 'nästa',
      title: '',
      text: SWEDISH_DASH,
      action: 'parse',
    });
    assert.equal(res.status, 422);
    assert.match(res.text, /Give a four-digit year\./);
    assert.match(res.text, /Give the new article a title/);
    assert.ok(textareaContent(res.text, 'text').startsWith('Driftbolaget Nordhall IT'));
  });

  it('when a form arrives without its CSRF token, then 403', async () => {
    const s = await setup();
    for (const path of ['/desk/import/preview', '/desk/import/save']) {
      await s.agent
        .post(path)
        .type('form')
        .send({ ...OPTIONS, text: SWEDISH_DASH, action: 'parse' })
        .expect(403);
    }
    assert.equal(s.ctx.repos.articles.listAll().length, 0);
  });

  it('when an anonymous visitor posts a transcript, then they are sent to log in', async () => {
    const s = await setup();
    const res = await request(s.app).post('/desk/import/preview').type('form').send({ text: 'Hej' });
    assert.equal(res.status, 303);
    assert.match(res.headers.location ?? '', /^\/login/);
  });
});

describe('the import preview', () => {
  it('shows the source beside the proposed updates, with the Q&A, dates and speakers of swedish-dash.txt', async () => {
    const s = await setup();
    s.ctx.repos.people.insert(
      { name: 'Karin Berg', title: 'operativ chef', organisation: 'Nordhall IT' },
      '2026-12-01T00:00:00.000Z',
    );
    const { res, fields } = await previewSwedishDash(s);
    assert.match(res.text, /<pre class="import-source__text"[^>]*>Driftbolaget Nordhall IT/);
    assert.match(res.text, /”Vi beklagar djupt/);
    assert.equal(fields['updates.1.label'], 'Den 2 december');
    assert.equal(fields['updates.1.date'], '2026-12-02');
    assert.equal(fields['updates.0.date'], '', 'the text before the first heading has no date');
    assert.equal(fields['updates.3.date'], '2026-12-04');
    assert.equal(fields['updates.3.time'], '16:45');
    assert.deepEqual(block(fields, 1, 4), {
      was: 'qa',
      type: 'qa',
      question: 'Hur många kunder berörs?',
      answer: 'Samtliga 34 kunder är påverkade i dag. Fem av dem är a-kassor.',
      speaker: 'Karin Berg',
      asker: '',
    });
    assert.equal(block(fields, 2, 2).speaker, 'Lena Sjöberg');
    assert.equal(block(fields, 1, 2).type, 'quote');
    // Karin Berg is in the register; Johan Ekdahl and Lena Sjöberg will be added.
    assert.match(
      res.text,
      /<th scope="row">Karin Berg<\/th>\s*<td>2<\/td>\s*<td><span class="badge badge--ok">in the register/,
    );
    assert.match(
      res.text,
      /<th scope="row">Johan Ekdahl<\/th>\s*<td>1<\/td>\s*<td><span class="badge badge--draft">new: will be added/,
    );
    assert.match(res.text, /<option value="Karin Berg"><\/option>/, 'the register names are offered');
  });

  it('when a speaker is renamed in the speaker list, then every answer of that speaker gets the name', async () => {
    const s = await setup();
    const { fields } = await previewSwedishDash(s);
    const n = Object.keys(fields).find((k) => /^speakers\.\d+\.from$/.test(k) && fields[k] === 'Karin Berg');
    assert.ok(n);
    const res = await preview(s, {
      ...fields,
      [n.replace('from', 'to')]: 'Karin Berg-Holm',
      action: 'refresh',
    });
    assert.equal(res.status, 200);
    const after = previewFields(res.text);
    assert.equal(block(after, 1, 4).speaker, 'Karin Berg-Holm');
    assert.equal(block(after, 1, 5).speaker, 'Karin Berg-Holm');
    assert.equal(block(after, 2, 1).speaker, 'Johan Ekdahl');
    assert.doesNotMatch(res.text, /<th scope="row">Karin Berg<\/th>/);
  });

  it('when one answer’s speaker is changed, then only that answer changes and every other value is kept', async () => {
    const s = await setup();
    const { fields } = await previewSwedishDash(s);
    const edited = {
      ...fields,
      'updates.1.blocks.5.speaker': 'Anna Holm',
      'updates.1.headline': 'Alla kunder drabbade',
    };
    const res = await preview(s, { ...edited, action: 'refresh' });
    assert.equal(res.status, 200);
    const withoutSpeakerList = (f: Record<string, string>) =>
      Object.fromEntries(Object.entries(f).filter(([k]) => !k.startsWith('speakers.') && k !== '_csrf'));
    assert.deepEqual(withoutSpeakerList(previewFields(res.text)), withoutSpeakerList(edited));
    assert.match(res.text, /<th scope="row">Anna Holm<\/th>\s*<td>1<\/td>/);
  });

  it('when a Q&A is split, the parts merged and the result turned back into a Q&A, then it is the same block', async () => {
    const s = await setup();
    const { fields } = await previewSwedishDash(s);
    const original = block(fields, 1, 5);
    const split = previewFields((await preview(s, { ...fields, action: 'split:1.5' })).text);
    assert.deepEqual(block(split, 1, 5), {
      ...block(split, 1, 5),
      type: 'text',
      markdown: 'När är systemen i gång igen?',
    });
    assert.match(block(split, 1, 6).markdown ?? '', /^Karin Berg: Det kan jag inte lova\./);
    assert.equal(split['updates.2.label'], 'Den 4 december 2026', 'later updates are kept');

    const merged = previewFields((await preview(s, { ...split, action: 'merge:1.5' })).text);
    assert.equal(
      block(merged, 1, 5).markdown,
      `När är systemen i gång igen?\n\nKarin Berg: ${original.answer}`,
    );
    assert.equal(block(merged, 1, 6).type, undefined, 'the two blocks became one');

    const back = previewFields(
      (await preview(s, { ...merged, 'updates.1.blocks.5.type': 'qa', action: 'apply' })).text,
    );
    assert.deepEqual(block(back, 1, 5), original);
  });

  it('when a text block is split at its blank line and merged again, then the text is the same', async () => {
    const s = await setup();
    const { fields } = await previewSwedishDash(s);
    const text = 'Första stycket.\n\nAndra stycket, säger Karin Berg.';
    const start = { ...fields, 'updates.1.blocks.0.markdown': text };
    const split = previewFields((await preview(s, { ...start, action: 'split:1.0' })).text);
    assert.equal(block(split, 1, 0).markdown, 'Första stycket.');
    assert.equal(block(split, 1, 1).markdown, 'Andra stycket, säger Karin Berg.');
    const merged = previewFields((await preview(s, { ...split, action: 'merge:1.0' })).text);
    assert.equal(block(merged, 1, 0).markdown, text);
    const single = await preview(s, { ...fields, action: 'split:0.0' });
    assert.equal(single.status, 200);
    assert.match(single.text, /no blank line or line break to split it at/);
  });

  it('when a block or an update is removed or an update moved into the next, then the preview shows it', async () => {
    const s = await setup();
    const { fields } = await previewSwedishDash(s);
    const removed = previewFields((await preview(s, { ...fields, action: 'remove:1.0' })).text);
    assert.equal(block(removed, 1, 0).type, 'text');
    assert.match(block(removed, 1, 0).markdown ?? '', /^– Vi valde/);
    const joined = previewFields((await preview(s, { ...fields, action: 'join-update:0' })).text);
    assert.equal(joined['updates.0.label'], 'Den 2 december');
    assert.match(block(joined, 0, 0).markdown ?? '', /^Driftbolaget/);
    const dropped = previewFields((await preview(s, { ...fields, action: 'remove-update:0' })).text);
    assert.equal(dropped['updates.0.label'], 'Den 2 december');
    assert.match(block(dropped, 0, 0).markdown ?? '', /^Natten till onsdagen/);
  });

  it('when the form is tampered with, then 400', async () => {
    const s = await setup();
    const { fields } = await previewSwedishDash(s);
    assert.equal((await preview(s, { ...fields, action: 'explode:1.1' })).status, 400);
    assert.equal((await preview(s, { ...fields, action: 'split:9.0' })).status, 400);
    assert.equal(
      (await preview(s, { ...fields, 'updates.1.blocks.0.type': 'video', action: 'apply' })).status,
      400,
    );
    const twice = await s.agent
      .post('/desk/import/preview')
      .type('form')
      .send(`_csrf=${await s.token()}&text=a&text=b&year=2026&locale=sv&title=T&timeZone=UTC&action=parse`);
    assert.equal(twice.status, 400);
  });

  it('when "Back to the text" is pressed, then the first page shows the text and options again', async () => {
    const s = await setup();
    const { fields } = await previewSwedishDash(s, { typography: 'on' });
    const res = await preview(s, { ...fields, action: 'edit-text' });
    assert.equal(res.status, 200);
    assert.equal(textareaContent(res.text, 'text'), SWEDISH_DASH);
    assert.match(res.text, /id="typography" name="typography" type="checkbox" checked/);
  });
});

describe('saving an import', () => {
  it('when an update has no date, then 422 asks for one; once given, a new draft article holds the updates and Q&A', async () => {
    const s = await setup();
    const { fields } = await previewSwedishDash(s);
    const refused = await preview(s, { ...fields, action: 'create' }, '/desk/import/save');
    assert.equal(refused.status, 422);
    assert.match(refused.text, /The transcript gives no date here/);
    assert.match(refused.text, /id="u0-date"[^>]*aria-invalid="true"/);
    assert.equal(s.ctx.repos.articles.listAll().length, 0);

    const res = await preview(
      s,
      { ...fields, 'updates.0.date': '2026-12-01', action: 'create' },
      '/desk/import/save',
    );
    assert.equal(res.status, 303, res.text);
    const [article] = s.ctx.repos.articles.listAll();
    assert.ok(article);
    assert.equal(res.headers.location, `/desk/articles/${article.id}`);
    assert.equal(article.title, 'Intrånget hos Nordhall IT');
    assert.equal(article.slug, 'intranget-hos-nordhall-it');
    assert.equal(article.status, 'draft');
    assert.equal(article.createdBy, s.user.id);
    const updates = s.ctx.repos.updates.listForArticle(article.id, true);
    assert.equal(updates.length, 4);
    assert.ok(updates.every((u) => u.status === 'draft'));
    const byDate = [...updates].sort((a, b) => a.datedAt.localeCompare(b.datedAt));
    assert.deepEqual(
      byDate.map((u) => [u.datedAt, u.precision]),
      [
        ['2026-11-30T23:00:00.000Z', 'day'],
        ['2026-12-01T23:00:00.000Z', 'day'],
        ['2026-12-03T23:00:00.000Z', 'day'],
        ['2026-12-04T15:45:00.000Z', 'minute'],
      ],
    );
    assert.deepEqual(qaOf(byDate[1]?.blocks ?? []), [
      {
        question: 'Hur många kunder berörs?',
        answer: 'Samtliga 34 kunder är påverkade i dag. Fem av dem är a-kassor.',
        speaker: 'Karin Berg',
      },
      {
        question: 'När är systemen i gång igen?',
        answer:
          'Det kan jag inte lova. Vi startar ingenting förrän vi vet att det är rent.\n\n– Det kommer att ta åtminstone några dagar.',
        speaker: 'Karin Berg',
      },
    ]);
    assert.deepEqual(
      byDate[1]?.blocks.map((b) => b.type),
      ['text', 'text', 'quote', 'text', 'qa', 'qa'],
    );
    assert.deepEqual(
      qaOf(byDate[2]?.blocks ?? []).map((q) => q.speaker),
      ['Johan Ekdahl', 'Lena Sjöberg'],
    );
    assert.ok(s.ctx.repos.people.findByName('Lena Sjöberg'), 'new speakers join the register');
    const audit = s.ctx.repos.audit.search({}, 100).map((e) => e.action);
    assert.ok(audit.filter((a) => a.startsWith('update.')).length >= 4, audit.join(', '));
  });

  it('when the same title is imported twice, then the second article gets a free slug', async () => {
    const s = await setup();
    for (let i = 0; i < 2; i += 1) {
      const { fields } = await previewSwedishDash(s);
      const res = await preview(s, { ...fields, action: 'join-update:0' });
      const body = { ...previewFields(res.text), action: 'create' };
      assert.equal((await preview(s, body, '/desk/import/save')).status, 303);
    }
    assert.deepEqual(
      s.ctx.repos.articles
        .listAll()
        .map((a) => a.slug)
        .sort(),
      ['intranget-hos-nordhall-it', 'intranget-hos-nordhall-it-2'],
    );
  });

  it('when an editor appends with publish, then the existing article gains published updates', async () => {
    const s = await setup('editor');
    const { articleId } = seedArticle(s.ctx);
    const { fields } = await previewSwedishDash(s, { article: String(articleId) });
    const body = { ...fields, 'updates.0.date': '2026-12-01', publish: 'on', action: 'append' };
    const res = await preview(s, body, '/desk/import/save');
    assert.equal(res.status, 303, res.text);
    assert.equal(res.headers.location, `/desk/articles/${articleId}`);
    const updates = s.ctx.repos.updates.listForArticle(articleId, true);
    assert.equal(updates.length, 6);
    assert.ok(updates.every((u) => u.status === 'published'));
    const page = await request(s.app).get('/articles/it-attack').expect(200);
    assert.match(page.text, /Samtliga 34 kunder är påverkade i dag/);
    assert.equal(s.ctx.repos.articles.listAll().length, 1, 'no new article');
  });

  it('when the save button does not match the target, or the types changed unseen, then nothing is saved', async () => {
    const s = await setup();
    const { fields } = await previewSwedishDash(s);
    const dated = { ...fields, 'updates.0.date': '2026-12-01' };
    assert.equal((await preview(s, { ...dated, action: 'append' }, '/desk/import/save')).status, 400);
    const changed = { ...dated, 'updates.1.blocks.0.type': 'quote', action: 'create' };
    const res = await preview(s, changed, '/desk/import/save');
    assert.equal(res.status, 200);
    assert.match(res.text, /The block types you chose are applied below/);
    assert.equal(block(previewFields(res.text), 1, 0).type, 'quote');
    assert.equal(s.ctx.repos.articles.listAll().length, 0);
  });

  it('when a journalist imports, then they may create a draft but not publish it, and not append to others’ articles', async () => {
    const s = await setup('journalist');
    const { fields } = await previewSwedishDash(s);
    assert.doesNotMatch((await previewSwedishDash(s)).res.text, /name="publish"/);
    const dated = { ...fields, 'updates.0.date': '2026-12-01', action: 'create' };
    assert.equal((await preview(s, { ...dated, publish: 'on' }, '/desk/import/save')).status, 403);
    assert.equal(s.ctx.repos.articles.listAll().length, 0, 'a refused import leaves nothing behind');
    assert.equal((await preview(s, dated, '/desk/import/save')).status, 303);

    const draft = seedArticle(s.ctx, { publish: false, slug: 'utkast' });
    const published = seedArticle(s.ctx, { slug: 'publicerad' });
    for (const [id, status] of [
      [draft.articleId, 404],
      [published.articleId, 403],
    ] as const) {
      const append = { ...dated, article: String(id), action: 'append' };
      assert.equal((await preview(s, append, '/desk/import/save')).status, status);
      assert.equal((await preview(s, { ...append, action: 'parse' })).status, status);
      assert.equal(s.ctx.repos.updates.listForArticle(id, true).length, 2);
    }
  });
});
