import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseTags, validateArticle } from '../../src/domain/article-input.js';
import { canManageUpdate, canPublish } from '../../src/domain/permissions.js';
import {
  applyFormAction,
  emptyBlock,
  validateUpdate,
  type BlockForm,
} from '../../src/domain/update-input.js';
import { isValidTimeZone, zonedWallTimeToUtc } from '../../src/render/dates.js';

const article = {
  title: 'Strömavbrott',
  slug: '',
  summary: '',
  tags: '',
  locale: 'sv',
  timeZone: 'Europe/Stockholm',
  live: 'on',
};
const toUtc = (wall: string) => zonedWallTimeToUtc(wall, 'Europe/Stockholm');
const block = (fields: Partial<BlockForm>): BlockForm => ({ ...emptyBlock('text'), ...fields });

describe('validateArticle', () => {
  it('when the slug is empty, then it is derived from the title', () => {
    const result = validateArticle(article, isValidTimeZone);
    assert.ok(result.ok);
    assert.equal(result.value.slug, 'stromavbrott');
    assert.equal(result.value.live, true);
  });

  const bad: [string, Partial<typeof article>, string][] = [
    ['the title is empty', { title: '   ' }, 'title'],
    ['the title is too long', { title: 'x'.repeat(201) }, 'title'],
    ['the slug has spaces', { slug: 'två ord' }, 'slug'],
    ['the slug has a double hyphen', { slug: 'a--b' }, 'slug'],
    ['the locale is unknown', { locale: 'de' }, 'locale'],
    ['the time zone is unknown', { timeZone: 'Mars/Olympus' }, 'timeZone'],
    ['the summary is too long', { summary: 'x'.repeat(601) }, 'summary'],
    ['the title has a control character', { title: 'a\u0007b' }, 'title'],
  ];
  for (const [when, change, field] of bad) {
    it(`when ${when}, then ${field} has an error`, () => {
      const result = validateArticle({ ...article, ...change }, isValidTimeZone);
      assert.equal(result.ok, false);
      assert.ok(!result.ok && result.errors[field], JSON.stringify(result));
    });
  }

  it('when tags repeat with different case or accents, then the first spelling is kept once', () => {
    assert.deepEqual(parseTags('IT-säkerhet, it-sakerhet, , A-kassan'), [
      { slug: 'it-sakerhet', name: 'IT-säkerhet' },
      { slug: 'a-kassan', name: 'A-kassan' },
    ]);
  });
});

describe('validateUpdate', () => {
  it('when no time is given, then the update has day precision at local midnight', () => {
    const result = validateUpdate(
      { date: '2026-12-08', time: '', headline: '', blocks: [block({ markdown: 'Hej' })] },
      toUtc,
    );
    assert.ok(result.ok);
    assert.equal(result.value.precision, 'day');
    assert.equal(result.value.datedAt, '2026-12-07T23:00:00.000Z');
    assert.equal(result.value.headline, null);
  });

  it('when a time is given, then the update has minute precision in the article zone', () => {
    const result = validateUpdate(
      { date: '2026-07-01', time: '15:04', headline: '', blocks: [block({ markdown: 'Hej' })] },
      toUtc,
    );
    assert.ok(result.ok);
    assert.equal(result.value.precision, 'minute');
    assert.equal(result.value.datedAt, '2026-07-01T13:04:00.000Z');
  });

  it('when a Q&A block has no answer, then that field has an error', () => {
    const result = validateUpdate(
      { date: '2026-12-08', time: '', headline: '', blocks: [block({ type: 'qa', question: 'Varför?' })] },
      toUtc,
    );
    assert.ok(!result.ok && result.errors['blocks.0.answer']);
  });

  it('when every block is empty, then the update is refused', () => {
    const result = validateUpdate({ date: '2026-12-08', time: '', headline: '', blocks: [block({})] }, toUtc);
    assert.ok(!result.ok && result.errors.blocks);
  });

  it('when a block has only its speaker or source typed, then it is refused rather than dropped', () => {
    const result = validateUpdate(
      {
        date: '2026-12-08',
        time: '',
        headline: '',
        blocks: [block({ markdown: 'Text' }), block({ type: 'quote', source: 'TT' })],
      },
      toUtc,
    );
    assert.ok(!result.ok && result.errors['blocks.1.text']);
  });

  it('when the date is malformed, then the date has an error', () => {
    const result = validateUpdate(
      { date: '2026-13-40', time: '', headline: '', blocks: [block({ markdown: 'x' })] },
      toUtc,
    );
    assert.ok(!result.ok && result.errors.date);
  });

  it('when blocks of all types are valid, then they come out typed, empty ones dropped', () => {
    const result = validateUpdate(
      {
        date: '2026-12-08',
        time: '',
        headline: ' Rubrik ',
        blocks: [
          block({ markdown: 'Text\r\n\r\nmer' }),
          block({}),
          block({ type: 'qa', question: 'Q?', answer: 'A.', speaker: ' Karin  Berg ' }),
          block({ type: 'quote', text: 'Citat', source: '' }),
        ],
      },
      toUtc,
    );
    assert.ok(result.ok);
    assert.deepEqual(result.value.blocks, [
      { type: 'text', markdown: 'Text\n\nmer' },
      { type: 'qa', question: 'Q?', answer: 'A.', speaker: 'Karin Berg', asker: null },
      { type: 'quote', text: 'Citat', source: null },
    ]);
    assert.equal(result.value.headline, 'Rubrik');
  });
});

describe('applyFormAction', () => {
  const blocks = [block({ markdown: 'a' }), block({ markdown: 'b' })];
  it('when adding a Q&A block, then an empty one is appended', () => {
    const action = applyFormAction('add:qa', blocks);
    assert.ok(action.kind === 'edit-blocks' && action.blocks.length === 3 && action.blocks[2]?.type === 'qa');
  });
  it('when moving the second block up, then the two swap', () => {
    const action = applyFormAction('up:1', blocks);
    assert.ok(action.kind === 'edit-blocks');
    assert.deepEqual(
      action.blocks.map((b) => b.markdown),
      ['b', 'a'],
    );
  });
  it('when removing a block, then it is gone', () => {
    const action = applyFormAction('remove:0', blocks);
    assert.ok(action.kind === 'edit-blocks');
    assert.deepEqual(
      action.blocks.map((b) => b.markdown),
      ['b'],
    );
  });
  it('when the action is publish, then it is a publishing save', () => {
    assert.deepEqual(applyFormAction('publish', blocks), { kind: 'save', publish: true });
  });
  for (const action of ['remove:9', 'add:video', 'explode', 'up:-1']) {
    it(`when the action is ${action}, then it is invalid`, () => {
      assert.equal(applyFormAction(action, blocks).kind, 'invalid');
    });
  }
});

describe('permissions', () => {
  it('when a journalist, then no publishing', () => assert.equal(canPublish('journalist'), false));
  it('when an editor, then publishing', () => assert.equal(canPublish('editor'), true));
  it('when a journalist owns a draft, then they may manage it', () => {
    assert.equal(canManageUpdate('journalist', 5, { authorId: 5, status: 'draft' }), true);
  });
  it("when a journalist touches another's draft or a published update, then no", () => {
    assert.equal(canManageUpdate('journalist', 5, { authorId: 6, status: 'draft' }), false);
    assert.equal(canManageUpdate('journalist', 5, { authorId: 5, status: 'published' }), false);
  });
});
