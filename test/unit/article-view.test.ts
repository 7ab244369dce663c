import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Article, Block, Person } from '../../src/domain/types.js';
import {
  articleByline,
  blocksHtml,
  dayGroups,
  segmentBlocks,
  updateView,
} from '../../src/render/article-view.js';
import { karin, update } from '../helpers/story-builders.js';

const johan: Person = { id: 2, name: 'Johan Ekdahl', title: 'vd', organisation: '' };
const qa = (speaker: Person | null, id: number): Block => ({
  id,
  position: id,
  type: 'qa',
  question: `Fråga ${id}?`,
  answer: `Svar ${id}.`,
  speaker,
  asker: null,
});

const article = { slug: 's', locale: 'sv', timeZone: 'Europe/Stockholm' } as Article;

describe('blocksHtml', () => {
  const text = (markdown: string): Block => ({ id: 9, position: 0, type: 'text', markdown });

  it('renders the blocks as the update shows them: text, interviews with speakers, in the language', () => {
    const html = blocksHtml([text('Attacken *upptäcktes*.'), qa(karin, 1)], 'sv');
    assert.match(html, /<div class="block block--text"><p>Attacken <em>upptäcktes<\/em>\.<\/p>/);
    assert.match(html, /Karin Berg/);
    assert.match(html, /– Svar 1\./);
    assert.doesNotMatch(blocksHtml([qa(karin, 1)], 'en'), /– Svar/);
  });

  it('never keeps the HTML of a list of blocks that can still change (only frozen lists are kept)', () => {
    const open = [text('Första.')];
    assert.match(blocksHtml(open, 'sv'), /Första/);
    open[0] = text('Andra.');
    assert.match(blocksHtml(open, 'sv'), /Andra/, 'not kept: the list was not frozen');
    const frozen = Object.freeze([text('Tredje.')]);
    const first = blocksHtml(frozen as Block[], 'sv');
    assert.equal(blocksHtml(frozen as Block[], 'sv'), first);
    assert.match(blocksHtml(frozen as Block[], 'en'), /Tredje/, 'kept per language');
  });
});

describe('segmentBlocks', () => {
  it('when Q&A blocks follow each other, then they form one interview naming the speaker on the first answer and on a change', () => {
    const segments = segmentBlocks([qa(karin, 1), qa(karin, 2), qa(johan, 3), qa(johan, 4)], 'sv');
    assert.equal(segments.length, 1);
    const interview = segments[0];
    assert.ok(interview?.kind === 'interview');
    assert.deepEqual(
      interview.exchanges.map((e) => e.speakerLabel),
      ['Karin Berg, operativ chef, Nordhall IT', null, 'Johan Ekdahl, vd', null],
    );
  });

  it('when text interrupts an interview, then the next run names its speaker again', () => {
    const text: Block = { id: 9, position: 9, type: 'text', markdown: 'Mellan.' };
    const segments = segmentBlocks([qa(karin, 1), text, qa(karin, 2)], 'sv');
    assert.deepEqual(
      segments.map((s) => s.kind),
      ['interview', 'text', 'interview'],
    );
    const last = segments[2];
    assert.ok(last?.kind === 'interview' && last.exchanges[0]?.speakerLabel !== null);
  });

  it('when Swedish, then answers open with an en dash; when English, then not', () => {
    const [sv] = segmentBlocks([qa(karin, 1)], 'sv');
    const [en] = segmentBlocks([qa(karin, 1)], 'en');
    assert.ok(sv?.kind === 'interview' && sv.exchanges[0]?.answerHtml.startsWith('<p>– Svar 1.'));
    assert.ok(en?.kind === 'interview' && en.exchanges[0]?.answerHtml.startsWith('<p>Svar 1.'));
  });

  it('when a quote has paragraphs and no source but a speaker, then the speaker is the source', () => {
    const [quote] = segmentBlocks(
      [{ id: 1, position: 1, type: 'quote', text: 'Ett.\n\nTvå.', source: null, speaker: karin }],
      'sv',
    );
    assert.deepEqual(quote, {
      kind: 'quote',
      paragraphs: ['Ett.', 'Två.'],
      source: 'Karin Berg, operativ chef, Nordhall IT',
    });
  });
});

describe('updateView', () => {
  it('when the update has minute precision, then it shows the time in news style', () => {
    assert.equal(updateView(article, update({}), '2026-12-10T00:00:00Z').timeLabel, 'kl. 15.04');
  });

  it('when the update has day precision, then it shows no time', () => {
    const view = updateView(
      article,
      update({ precision: 'day', datedAt: '2026-12-07T23:00:00.000Z' }),
      '2026-12-10T00:00:00Z',
    );
    assert.equal(view.timeLabel, null);
    assert.equal(view.dateLabel, '8 december');
  });

  it('when edited after publishing, then it says when; a draft says nothing', () => {
    const edited = update({ lastEditedAt: '2026-12-08T15:30:00.000Z' });
    assert.equal(updateView(article, edited, '2026-12-10T00:00:00Z').editedLabel, 'Uppdaterad kl. 16.30');
    const english = { ...article, locale: 'en' } as Article;
    assert.equal(updateView(english, edited, '2026-12-10T00:00:00Z').editedLabel, 'Updated 16:30');
    const draft = update({ firstPublishedAt: null, lastEditedAt: null, status: 'draft' });
    assert.equal(updateView(article, draft, '2026-12-10T00:00:00Z').editedLabel, null);
  });
});

describe('dayGroups', () => {
  it('when updates fall on two local days, then two headings; a late UTC evening counts as the next local day', () => {
    const groups = dayGroups(
      article,
      [
        update({ id: 1, datedAt: '2026-12-07T23:30:00.000Z' }),
        update({ id: 2, datedAt: '2026-12-07T10:00:00.000Z' }),
        update({ id: 3, datedAt: '2026-12-07T08:00:00.000Z' }),
      ],
      '2026-12-10T00:00:00Z',
      (u) => updateView(article, u, '2026-12-10T00:00:00Z'),
    );
    assert.deepEqual(
      groups.map((g) => [g.heading, g.updates.map((u) => u.id)]),
      [
        ['8 december', [1]],
        ['7 december', [2, 3]],
      ],
    );
  });
});

describe('articleByline', () => {
  it('when several authors wrote updates, then each is named once in order', () => {
    assert.deepEqual(
      articleByline([{ authorName: 'A' }, { authorName: null }, { authorName: 'B' }, { authorName: 'A' }]),
      ['A', 'B'],
    );
  });
});
