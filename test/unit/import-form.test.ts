import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { changeType, mergeBlocks, splitBlock, textOf } from '../../src/domain/import-blocks.js';
import {
  applyImportAction,
  checkImportOptions,
  IMPORT_MAX_BYTES,
  parseUpdates,
  serialiseUpdates,
  speakersOf,
  transcriptProblem,
  transcriptToForm,
  validateImport,
  type ImportUpdateForm,
} from '../../src/domain/import-form.js';
import { LIMITS } from '../../src/domain/limits.js';
import { parseTranscript } from '../../src/domain/transcript.js';
import type { Locale } from '../../src/domain/types.js';
import { emptyBlock, type BlockForm, type BlockType } from '../../src/domain/update-input.js';
import { zonedWallTimeToUtc } from '../../src/render/dates.js';

const FIXTURES = new URL('../fixtures/transcripts/', import.meta.url);
const fixtures = JSON.parse(readFileSync(new URL('fixtures.json', FIXTURES), 'utf8')) as {
  file: string;
  year: number;
  locale: Locale;
}[];

function formOf(file: string, year: number, locale: Locale): ImportUpdateForm[] {
  return transcriptToForm(parseTranscript(readFileSync(new URL(file, FIXTURES), 'utf8'), { year, locale }));
}

/** The words of a block's fields, without quote marks, dialogue dashes and punctuation at their ends. */
function words(block: BlockForm): string[] {
  const fields =
    block.type === 'text'
      ? [block.markdown]
      : block.type === 'qa'
        ? [block.asker, block.question, block.speaker, block.answer]
        : [block.text, block.source];
  return fields
    .join(' ')
    .split(/\s+/)
    .map((w) => w.replace(/^[”“"«»–—-]+|[”“"«»:.,!?]+$/gu, ''))
    .filter((w) => w !== '' && w !== 'Källa' && w !== 'Source');
}

const QA: BlockForm = {
  ...emptyBlock('qa'),
  question: 'När är systemen i gång igen?',
  answer: 'Det kan jag inte lova.\n\n– Det tar några dagar.',
  speaker: 'Karin Berg',
};
const QA_ATTRIBUTED: BlockForm = {
  ...emptyBlock('qa'),
  question: 'Vad betyder avbrottet?',
  answer: 'Det är allvarligt, säger Lena Sjöberg.',
  speaker: 'Lena Sjöberg',
};
const QUOTE: BlockForm = {
  ...emptyBlock('quote'),
  text: 'Vi isolerade systemen.\n\nVi beklagar störningarna.',
  source: 'Pressmeddelande från Nordhall IT',
};
const TEXT: BlockForm = {
  ...emptyBlock('text'),
  markdown: 'Natten till onsdagen.\n\n– Vi stängde allt, säger Karin Berg.',
};

describe('transcript checks', () => {
  const cases: [string, string, ReturnType<typeof transcriptProblem>][] = [
    ['empty', '', 'empty'],
    ['only whitespace', ' \n\t ', 'empty'],
    ['plain Swedish', 'Den 8 december:\n\nHej – där!', null],
    ['a NUL byte', 'PNG\u0000IHDR', 'binary'],
    ['many control characters', `${'\u0001\u0002\u0003'.repeat(5)}abc`, 'binary'],
    ['many replacement characters', `${'\ufffd'.repeat(3)}ab`, 'binary'],
    ['one stray control character in a long text', `${'ord '.repeat(100)}\u0007`, null],
    ['exactly the limit', 'a'.repeat(IMPORT_MAX_BYTES), null],
    ['one byte over', 'a'.repeat(IMPORT_MAX_BYTES - 1) + 'å', 'too-large'],
  ];
  for (const [name, text, expected] of cases) {
    it(`when the text is ${name}, then the problem is ${expected ?? 'none'}`, () => {
      assert.equal(transcriptProblem(text), expected);
    });
  }

  it('when options are bad, then each gets a field error; an existing article needs no title', () => {
    const ok = {
      text: 'x',
      year: '2026',
      locale: 'sv',
      typography: '',
      article: '',
      title: 'T',
      timeZone: 'UTC',
    };
    const valid = (tz: string) => tz === 'UTC';
    assert.deepEqual(checkImportOptions(ok, valid), {});
    const bad = checkImportOptions(
      { ...ok, year: '26', locale: 'de', title: ' ', timeZone: 'Mars/Base' },
      valid,
    );
    assert.deepEqual(Object.keys(bad).sort(), ['locale', 'timeZone', 'title', 'year']);
    assert.deepEqual(checkImportOptions({ ...ok, article: '4', title: '', timeZone: '' }, valid), {});
  });
});

describe('the preview form', () => {
  for (const { file, year, locale } of fixtures) {
    it(`when ${file} is parsed, serialised and read back, then the updates are unchanged`, () => {
      const updates = formOf(file, year, locale);
      assert.ok(updates.length > 0);
      const read = parseUpdates(serialiseUpdates(updates), locale);
      assert.ok(read.ok);
      assert.equal(read.typeChanged, false);
      assert.deepEqual(read.updates, updates);
    });
  }

  it('when the fixture is read back and validated, then its Q&A and dates become update input', () => {
    const updates = formOf('swedish-dash.txt', 2026, 'sv');
    assert.equal(updates[0]?.date, '');
    const dated = updates.map((u) => ({ ...u, date: u.date || '2026-12-01' }));
    const checked = validateImport(dated, (wall) => zonedWallTimeToUtc(wall, 'Europe/Stockholm'));
    assert.ok(checked.ok);
    assert.deepEqual(
      checked.value.map((u) => [u.datedAt, u.precision]),
      [
        ['2026-11-30T23:00:00.000Z', 'day'],
        ['2026-12-01T23:00:00.000Z', 'day'],
        ['2026-12-03T23:00:00.000Z', 'day'],
        ['2026-12-04T15:45:00.000Z', 'minute'],
      ],
    );
    assert.deepEqual(checked.value[1]?.blocks[4], {
      type: 'qa',
      question: 'Hur många kunder berörs?',
      answer: 'Samtliga 34 kunder är påverkade i dag. Fem av dem är a-kassor.',
      speaker: 'Karin Berg',
      asker: null,
    });
  });

  it('when an update has no date, then validation asks for one under its own key', () => {
    const updates = formOf('swedish-dash.txt', 2026, 'sv');
    const checked = validateImport(updates, (wall) => zonedWallTimeToUtc(wall, 'UTC'));
    assert.ok(!checked.ok);
    assert.deepEqual(Object.keys(checked.errors), ['updates.0.date']);
    assert.ok(!validateImport([], () => undefined).ok);
  });

  it('when an update has more blocks than one update may hold, then it is cut into several with the same date', () => {
    const text = `Den 3 maj:\n\n${Array.from({ length: LIMITS.blocks + 5 }, (_, i) => `Fråga ${i}?\n\n– Svar ${i}.`).join('\n\n')}`;
    const updates = transcriptToForm(parseTranscript(text, { year: 2026, locale: 'sv' }));
    assert.deepEqual(
      updates.map((u) => [u.date, u.blocks.length]),
      [
        ['2026-05-03', LIMITS.blocks],
        ['2026-05-03', 5],
      ],
    );
    const empty = transcriptToForm(
      parseTranscript('Den 1 maj:\nDen 2 maj:\nText.', { year: 2026, locale: 'sv' }),
    );
    assert.deepEqual(
      empty.map((u) => u.label),
      ['Den 2 maj'],
      'a heading with nothing under it is left out',
    );
  });

  it('when a block type changes in the form, then it is converted and reported', () => {
    const fields = serialiseUpdates([
      { label: '', date: '2026-12-02', time: '', headline: '', blocks: [QA] },
    ]);
    const read = parseUpdates({ ...fields, 'updates.0.blocks.0.type': 'text' }, 'sv');
    assert.ok(read.ok);
    assert.equal(read.typeChanged, true);
    assert.deepEqual(read.updates[0]?.blocks[0], { ...emptyBlock('text'), markdown: textOf(QA, 'sv') });
  });

  it('when a speaker is renamed, then all their answers change and nobody else’s', () => {
    const updates = [{ label: '', date: '', time: '', headline: '', blocks: [QA, QA_ATTRIBUTED, QA] }];
    const fields = {
      ...serialiseUpdates(updates),
      'speakers.0.from': 'Karin Berg',
      'speakers.0.to': ' Karin  Berg-Holm ',
    };
    const read = parseUpdates(fields, 'sv');
    assert.ok(read.ok);
    assert.deepEqual(
      read.updates[0]?.blocks.map((b) => b.speaker),
      ['Karin Berg-Holm', 'Lena Sjöberg', 'Karin Berg-Holm'],
    );
    assert.deepEqual(speakersOf(read.updates), [
      { name: 'Karin Berg-Holm', answers: 2 },
      { name: 'Lena Sjöberg', answers: 1 },
    ]);
  });

  it('when fields are malformed, then reading fails instead of guessing', () => {
    assert.deepEqual(parseUpdates({ 'updates.0.date': '', 'updates.0.blocks.0.type': 'video' }, 'sv'), {
      ok: false,
      error: 'Unknown block type.',
    });
    const many: Record<string, string> = {};
    for (let b = 0; b <= LIMITS.blocks * 2; b += 1) many[`updates.0.blocks.${b}.type`] = 'text';
    assert.equal(parseUpdates(many, 'sv').ok, false);
    const ignored = parseUpdates(
      { 'updates.0.date': 'x', 'updates.0.blocks.0.__proto__': 'y', other: 'z' },
      'sv',
    );
    assert.ok(ignored.ok);
    assert.deepEqual(ignored.updates, [{ label: '', date: 'x', time: '', headline: '', blocks: [] }]);
  });
});

describe('type changes, split and merge keep every word', () => {
  const blocks = { text: TEXT, qa: QA, attributed: QA_ATTRIBUTED, quote: QUOTE };
  const types: BlockType[] = ['text', 'qa', 'quote'];
  for (const locale of ['sv', 'en'] as const) {
    for (const [name, block] of Object.entries(blocks)) {
      for (const to of types) {
        it(`when a ${name} block becomes ${to} (${locale}), then no word is lost`, () => {
          const changed = changeType(block, to, locale);
          assert.equal(changed.type, to);
          const after = new Set(words(changed));
          assert.deepEqual(
            words(block).filter((w) => !after.has(w)),
            [],
          );
        });
      }
    }
  }

  it('when a Q&A becomes text and back, then it is the same Q&A', () => {
    for (const block of [QA, QA_ATTRIBUTED]) {
      for (const locale of ['sv', 'en'] as const) {
        assert.deepEqual(changeType(changeType(block, 'text', locale), 'qa', locale), block);
      }
    }
    assert.equal(textOf(QA, 'sv'), `${QA.question}\n\nKarin Berg: ${QA.answer}`);
    assert.equal(textOf(QA_ATTRIBUTED, 'sv'), `${QA_ATTRIBUTED.question}\n\n– ${QA_ATTRIBUTED.answer}`);
    assert.equal(textOf(QA_ATTRIBUTED, 'en'), `${QA_ATTRIBUTED.question}\n\n${QA_ATTRIBUTED.answer}`);
  });

  it('when a quote becomes text and back, then it is the same quote', () => {
    assert.equal(textOf(QUOTE, 'sv'), `”${QUOTE.text}”\n\nKälla: ${QUOTE.source}`);
    assert.deepEqual(changeType(changeType(QUOTE, 'text', 'sv'), 'quote', 'sv'), QUOTE);
    assert.deepEqual(changeType(changeType(QUOTE, 'text', 'en'), 'quote', 'en'), QUOTE);
  });

  it('when text becomes a Q&A, then its first paragraph asks and the rest answers without the dash', () => {
    assert.deepEqual(
      changeType({ ...emptyBlock('text'), markdown: 'Fråga: Hur mår ni?\n\n– Bra.\n\n– Tack.' }, 'qa', 'sv'),
      {
        ...emptyBlock('qa'),
        question: 'Hur mår ni?',
        answer: 'Bra.\n\n– Tack.',
      },
    );
    assert.deepEqual(changeType({ ...emptyBlock('text'), markdown: 'Allt?' }, 'qa', 'sv'), {
      ...emptyBlock('qa'),
      question: 'Allt?',
    });
  });

  for (const [name, block] of Object.entries(blocks)) {
    it(`when a ${name} block is split and merged again, then its words are the same, in order`, () => {
      const parts = splitBlock(block, 'sv');
      assert.ok(parts, 'every example block can be split');
      const merged = mergeBlocks(parts[0], parts[1], 'sv');
      assert.equal(merged.type, 'text');
      assert.deepEqual(words(merged), words({ ...emptyBlock('text'), markdown: textOf(block, 'sv') }));
      const after = new Set(words(merged));
      assert.deepEqual(
        words(block).filter((w) => !after.has(w)),
        [],
      );
    });
  }

  it('when a block has no paragraph break, or a Q&A no answer, then there is nothing to split', () => {
    assert.equal(splitBlock({ ...emptyBlock('text'), markdown: 'En rad.' }, 'sv'), null);
    assert.equal(splitBlock({ ...QA, answer: '', speaker: '' }, 'sv'), null);
    assert.deepEqual(
      splitBlock({ ...emptyBlock('text'), markdown: 'Rad ett\nrad två' }, 'sv')?.map((b) => b.markdown),
      ['Rad ett', 'rad två'],
    );
    assert.deepEqual(splitBlock(QUOTE, 'sv'), [
      { ...emptyBlock('quote'), text: 'Vi isolerade systemen.' },
      { ...emptyBlock('quote'), text: 'Vi beklagar störningarna.', source: QUOTE.source },
    ]);
  });
});

describe('preview buttons', () => {
  const updates: ImportUpdateForm[] = [
    { label: '', date: '', time: '', headline: '', blocks: [TEXT] },
    { label: 'Den 2 december', date: '2026-12-02', time: '', headline: 'H', blocks: [QA, QUOTE] },
  ];

  it('when a button names a block, then only that block changes', () => {
    const split = applyImportAction('split:1.0', updates, 'sv');
    assert.ok(split.ok);
    assert.deepEqual(
      split.updates[1]?.blocks.map((b) => b.type),
      ['text', 'text', 'quote'],
    );
    assert.equal(split.updates[0], updates[0]);
    const merged = applyImportAction('merge:1.0', updates, 'sv');
    assert.ok(merged.ok);
    assert.deepEqual(merged.updates[1]?.blocks, [mergeBlocks(QA, QUOTE, 'sv')]);
    const removed = applyImportAction('remove:1.1', updates, 'sv');
    assert.ok(removed.ok);
    assert.deepEqual(removed.updates[1]?.blocks, [QA]);
  });

  it('when an update is joined to the next or removed, then the next keeps its date and gains the blocks', () => {
    const joined = applyImportAction('join-update:0', updates, 'sv');
    assert.ok(joined.ok);
    assert.equal(joined.updates.length, 1);
    assert.deepEqual(joined.updates[0], { ...updates[1], blocks: [TEXT, QA, QUOTE] });
    const last = applyImportAction('join-update:1', updates, 'sv');
    assert.ok(last.ok && last.notice !== null && last.updates === updates);
    const removed = applyImportAction('remove-update:0', updates, 'sv');
    assert.ok(removed.ok);
    assert.deepEqual(removed.updates, [updates[1]]);
  });

  it('when a button is unknown or points nowhere, then it is refused; a no-op explains itself', () => {
    for (const action of ['explode:0.0', 'split:5.0', 'split:1.9', 'split:1', 'remove-update:1.0', 'save']) {
      assert.deepEqual(applyImportAction(action, updates, 'sv'), { ok: false }, action);
    }
    const noop = applyImportAction('merge:1.1', updates, 'sv');
    assert.ok(noop.ok);
    assert.match(noop.notice ?? '', /nothing to merge it with/);
    assert.deepEqual(applyImportAction('apply', updates, 'sv'), { ok: true, updates, notice: null });
  });
});
