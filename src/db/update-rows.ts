// Rows of the updates, blocks and revisions tables as the updates repository reads them, and their mapping
// to domain objects: one mapping for every query that reads updates (the full lists, one update, and the
// light index and page contents of long stories).
import type { Block, Correction, Precision, Update, UpdateStatus } from '../domain/types.js';

/** An update without its content (blocks and corrections): what paging a long story needs. */
export type UpdateSummary = Omit<Update, 'blocks' | 'corrections'>;

export interface UpdateRow {
  id: number;
  article_id: number;
  dated_at: string;
  precision: Precision;
  headline: string | null;
  author_id: number | null;
  author_name: string | null;
  status: UpdateStatus;
  pinned: number;
  key_event: number;
  position: number;
  first_published_at: string | null;
  last_edited_at: string | null;
  created_at: string;
  version: number;
}

export interface CorrectionRow {
  id: number;
  update_id: number;
  note: string;
  created_at: string;
}

export interface BlockRow {
  id: number;
  update_id: number;
  position: number;
  type: Block['type'];
  markdown: string | null;
  question: string | null;
  answer: string | null;
  asker: string | null;
  text: string | null;
  source: string | null;
  speaker_id: number | null;
  speaker_name: string | null;
  speaker_title: string | null;
  speaker_organisation: string | null;
}

export const UPDATE_COLUMNS = `u.id, u.article_id, u.dated_at, u.precision, u.headline, u.author_id,
  us.display_name AS author_name, u.status, u.pinned, u.key_event, u.position, u.first_published_at,
  u.last_edited_at, u.created_at, u.version`;
export const UPDATE_FROM = 'FROM updates u LEFT JOIN users us ON us.id = u.author_id';
export const BLOCK_SELECT = `SELECT b.id, b.update_id, b.position, b.type, b.markdown, b.question, b.answer, b.asker,
  b.text, b.source, b.speaker_id, p.name AS speaker_name, p.title AS speaker_title,
  p.organisation AS speaker_organisation
  FROM blocks b LEFT JOIN people p ON p.id = b.speaker_id`;

/** A block row as a block of its type, with its speaker when it has one. */
export function toBlock(row: BlockRow): Block {
  const speaker =
    row.speaker_id === null
      ? null
      : {
          id: row.speaker_id,
          name: row.speaker_name ?? '',
          title: row.speaker_title ?? '',
          organisation: row.speaker_organisation ?? '',
        };
  switch (row.type) {
    case 'text':
      return { id: row.id, position: row.position, type: 'text', markdown: row.markdown ?? '' };
    case 'qa':
      return {
        id: row.id,
        position: row.position,
        type: 'qa',
        question: row.question ?? '',
        answer: row.answer ?? '',
        asker: row.asker,
        speaker,
      };
    case 'quote':
      return {
        id: row.id,
        position: row.position,
        type: 'quote',
        text: row.text ?? '',
        source: row.source,
        speaker,
      };
  }
}

/** An update row without its content. */
export function toSummary(row: UpdateRow): UpdateSummary {
  return {
    id: row.id,
    articleId: row.article_id,
    datedAt: row.dated_at,
    precision: row.precision,
    headline: row.headline,
    authorId: row.author_id,
    authorName: row.author_name,
    status: row.status,
    pinned: row.pinned === 1,
    keyEvent: row.key_event === 1,
    position: row.position,
    firstPublishedAt: row.first_published_at,
    lastEditedAt: row.last_edited_at,
    createdAt: row.created_at,
    version: row.version,
  };
}

/** An update row with its blocks. */
export function toUpdate(row: UpdateRow, blocks: Block[]): Update {
  return { ...toSummary(row), blocks };
}

/** Block rows (ordered by update, then position) grouped by update id. */
export function loadBlocks(rows: BlockRow[]): Map<number, Block[]> {
  const map = new Map<number, Block[]>();
  for (const row of rows) {
    const list = map.get(row.update_id) ?? [];
    list.push(toBlock(row));
    map.set(row.update_id, list);
  }
  return map;
}

/** Correction rows (oldest first) grouped by update id. */
export function loadCorrections(rows: CorrectionRow[]): Map<number, Correction[]> {
  const map = new Map<number, Correction[]>();
  for (const row of rows) {
    const list = map.get(row.update_id) ?? [];
    list.push({ revisionId: row.id, note: row.note, at: row.created_at });
    map.set(row.update_id, list);
  }
  return map;
}
