// In-memory articles, updates and blocks for pure render tests: a live Swedish story by default, with
// fields overridden per test.
import type { Article, Block, Person, Update } from '../../src/domain/types.js';

export const karin: Person = {
  id: 1,
  name: 'Karin Berg',
  title: 'operativ chef',
  organisation: 'Nordhall IT',
};

/** A published, live Swedish article; `fields` override. */
export const article = (fields: Partial<Article> = {}): Article => ({
  id: 1,
  slug: 'it-attack',
  title: 'It-attack slår ut a-kassor',
  summary: 'Tusentals medlemmar kan inte söka ersättning.',
  status: 'published',
  live: true,
  locale: 'sv',
  timeZone: 'Europe/Stockholm',
  tags: ['IT-säkerhet', 'A-kassor'],
  createdBy: null,
  createdAt: '2026-12-01T08:00:00.000Z',
  updatedAt: '2026-12-08T14:04:00.000Z',
  publishedAt: '2026-12-01T09:00:00.000Z',
  coverageStartedAt: '2026-12-01T08:00:00.000Z',
  coverageEndedAt: null,
  journalistsPublish: false,
  translationId: null,
  version: 3,
  ...fields,
});

/** A published update without blocks at 14:04 UTC on 8 December 2026; `fields` override. */
export const update = (fields: Partial<Update> = {}): Update => ({
  id: 1,
  articleId: 1,
  datedAt: '2026-12-08T14:04:00.000Z',
  precision: 'minute',
  headline: null,
  authorId: null,
  authorName: null,
  status: 'published',
  pinned: false,
  keyEvent: false,
  position: 1024,
  firstPublishedAt: '2026-12-08T14:04:00.000Z',
  lastEditedAt: null,
  createdAt: '2026-12-08T14:04:00.000Z',
  version: 1,
  blocks: [],
  ...fields,
});

export const text = (markdown: string, id = 1): Block => ({ id, position: id, type: 'text', markdown });
export const qa = (question: string, answer: string, speaker: Person | null, id = 2): Block => ({
  id,
  position: id,
  type: 'qa',
  question,
  answer,
  speaker,
  asker: null,
});
export const quote = (body: string, source: string | null, speaker: Person | null = null, id = 3): Block => ({
  id,
  position: id,
  type: 'quote',
  text: body,
  source,
  speaker,
});
