import type { Block, Correction, Precision, Update, UpdateStatus } from '../domain/types.js';
import { KeptBlocks } from './kept-blocks.js';
import type { Db } from './open-db.js';
import {
  BLOCK_SELECT,
  loadBlocks,
  loadCorrections,
  toBlock,
  toSummary,
  toUpdate,
  UPDATE_COLUMNS,
  UPDATE_FROM,
  type BlockRow,
  type CorrectionRow,
  type UpdateRow,
  type UpdateSummary,
} from './update-rows.js';

/** A block ready to store: speakers already resolved to people ids. */
export type StoredBlockInput =
  | { type: 'text'; markdown: string }
  | { type: 'qa'; question: string; answer: string; speakerId: number | null; asker: string | null }
  | { type: 'quote'; text: string; source: string | null; speakerId: number | null };

/** An update as stored, also when soft-deleted (`deletedAt` set). */
export type StoredUpdate = Update & { deletedAt: string | null };

/** The fields of an update that its form edits. */
export interface UpdateFields {
  datedAt: string;
  precision: Precision;
  headline: string | null;
}

/** The stored fields of a block, as replaceBlocks compares them. */
const STORED_FIELDS = [
  'position',
  'type',
  'markdown',
  'question',
  'answer',
  'asker',
  'text',
  'source',
  'speakerId',
] as const;

/** Reads and writes updates and their blocks. Soft-deleted updates are never returned. */
export function createUpdatesRepo(db: Db) {
  const forArticle = db.prepare<[number, number], UpdateRow & { blocks_stamp: number }>(
    `SELECT ${UPDATE_COLUMNS}, u.blocks_stamp ${UPDATE_FROM} WHERE u.article_id = ? AND u.deleted_at IS NULL
       AND (? = 1 OR u.status = 'published') ORDER BY u.position, u.id`,
  );
  const blocksForArticle = db.prepare<[number], BlockRow>(
    `${BLOCK_SELECT} JOIN updates u ON u.id = b.update_id WHERE u.article_id = ? ORDER BY b.update_id, b.position`,
  );
  const byId = db.prepare<[number], UpdateRow & { blocks_stamp: number }>(
    `SELECT ${UPDATE_COLUMNS}, u.blocks_stamp ${UPDATE_FROM} WHERE u.id = ? AND u.deleted_at IS NULL`,
  );
  const anyById = db.prepare<[number], UpdateRow & { deleted_at: string | null }>(
    `SELECT ${UPDATE_COLUMNS}, u.deleted_at ${UPDATE_FROM} WHERE u.id = ?`,
  );
  const removed = db.prepare<[number], UpdateRow & { deleted_at: string | null }>(
    `SELECT ${UPDATE_COLUMNS}, u.deleted_at ${UPDATE_FROM} WHERE u.article_id = ? AND u.deleted_at IS NOT NULL
     ORDER BY u.deleted_at DESC, u.id DESC`,
  );
  // Corrections are revisions of kind `correction`: the public note and the time of the corrected edit.
  const correctionsOfArticle = db.prepare<[number], CorrectionRow>(
    `SELECT id, update_id, note, created_at FROM revisions
     WHERE article_id = ? AND kind = 'correction' AND update_id IS NOT NULL AND note IS NOT NULL ORDER BY id`,
  );
  const correctionsOfUpdate = db.prepare<[number], CorrectionRow>(
    `SELECT id, update_id, note, created_at FROM revisions
     WHERE update_id = ? AND kind = 'correction' AND note IS NOT NULL ORDER BY id`,
  );
  const blocksForUpdate = db.prepare<[number], BlockRow>(
    `${BLOCK_SELECT} WHERE b.update_id = ? ORDER BY b.position`,
  );
  // The blocks of chosen updates (a page of a long story): ids as one JSON array, so one statement serves
  // any number of them.
  const blocksOfUpdates = db.prepare<[string], BlockRow>(
    `${BLOCK_SELECT} WHERE b.update_id IN (SELECT value FROM json_each(?)) ORDER BY b.update_id, b.position`,
  );
  const keptBlocks = new KeptBlocks();
  // The blocks stamp of each summary listIndex made, read with it: withContent needs no query for them.
  const indexStamps = new WeakMap<UpdateSummary, number>();
  const positions = db.prepare<[number], { id: number; position: number; dated_at: string }>(
    'SELECT id, position, dated_at FROM updates WHERE article_id = ? AND deleted_at IS NULL ORDER BY position, id',
  );
  const insert = db.prepare(
    `INSERT INTO updates (article_id, dated_at, precision, headline, author_id, status, position,
       first_published_at, created_at)
     VALUES (@articleId, @datedAt, @precision, @headline, @authorId, @status, @position, @firstPublishedAt, @now)`,
  );
  const updateFields = db.prepare(
    `UPDATE updates SET dated_at = @datedAt, precision = @precision, headline = @headline, version = version + 1,
       last_edited_at = CASE WHEN first_published_at IS NOT NULL THEN @now ELSE last_edited_at END
     WHERE id = @id AND version = @version AND deleted_at IS NULL`,
  );
  const setStatus = db.prepare(
    `UPDATE updates SET status = @status, version = version + 1,
       first_published_at = CASE WHEN @status = 'published' THEN COALESCE(first_published_at, @now)
         ELSE first_published_at END
     WHERE id = @id`,
  );
  const setPosition = db.prepare('UPDATE updates SET position = ?, version = version + 1 WHERE id = ?');
  const renumber = db.prepare('UPDATE updates SET position = ? WHERE id = ?');
  const unpinAll = db.prepare(
    'UPDATE updates SET pinned = 0, version = version + 1 WHERE article_id = ? AND pinned = 1 AND deleted_at IS NULL',
  );
  const setPinned = db.prepare('UPDATE updates SET pinned = ?, version = version + 1 WHERE id = ?');
  const setKeyEvent = db.prepare('UPDATE updates SET key_event = ?, version = version + 1 WHERE id = ?');
  const softDelete = db.prepare('UPDATE updates SET deleted_at = ?, version = version + 1 WHERE id = ?');
  // A restored update gives up its pin when another update was pinned meanwhile (one pin per article).
  const undelete = db.prepare(
    `UPDATE updates SET deleted_at = NULL, version = version + 1,
       pinned = CASE WHEN pinned = 1 AND EXISTS (SELECT 1 FROM updates o WHERE o.article_id = updates.article_id
         AND o.pinned = 1 AND o.deleted_at IS NULL AND o.id != updates.id) THEN 0 ELSE pinned END
     WHERE id = ? AND deleted_at IS NOT NULL`,
  );
  const purge = db.prepare('DELETE FROM updates WHERE id = ? AND deleted_at IS NOT NULL');
  const clearBlocks = db.prepare('DELETE FROM blocks WHERE update_id = ?');
  const storedBlocks = db.prepare<[number], Record<(typeof STORED_FIELDS)[number], unknown>>(
    `SELECT position, type, markdown, question, answer, asker, text, source, speaker_id AS speakerId
     FROM blocks WHERE update_id = ? ORDER BY position`,
  );
  const insertBlock = db.prepare(
    `INSERT INTO blocks (update_id, position, type, markdown, question, answer, asker, text, source, speaker_id)
     VALUES (@updateId, @position, @type, @markdown, @question, @answer, @asker, @text, @source, @speakerId)`,
  );

  const withDeleted = (row: UpdateRow & { deleted_at: string | null }): StoredUpdate => ({
    ...toUpdate(row, blocksForUpdate.all(row.id).map(toBlock)),
    corrections: loadCorrections(correctionsOfUpdate.all(row.id)).get(row.id) ?? [],
    deletedAt: row.deleted_at,
  });

  return {
    /** The article's updates in the editors' order (drafts too when `includeDrafts`), with their corrections. */
    listForArticle: (articleId: number, includeDrafts: boolean): Update[] => {
      const blocks = loadBlocks(blocksForArticle.all(articleId));
      const corrections = loadCorrections(correctionsOfArticle.all(articleId));
      return forArticle.all(articleId, includeDrafts ? 1 : 0).map((row) => ({
        ...toUpdate(row, blocks.get(row.id) ?? []),
        corrections: corrections.get(row.id) ?? [],
      }));
    },
    /** The article's updates without blocks or corrections, in the editors' order: a long story's index. */
    listIndex: (articleId: number, includeDrafts: boolean): UpdateSummary[] =>
      forArticle.all(articleId, includeDrafts ? 1 : 0).map((row) => {
        const summary = toSummary(row);
        indexStamps.set(summary, row.blocks_stamp);
        return summary;
      }),
    /**
     * The given updates with their blocks, in the order given, and their corrections from `corrections`
     * (the article's, by update id: `correctionsByUpdate`). Summaries from listIndex carry their blocks
     * stamp: their blocks are kept while it stays (src/db/kept-blocks.ts), the others read in one
     * statement for any number. Call it in the transaction that read the summaries (src/http/story-page.ts),
     * so stamps and blocks are of one snapshot; blocks of other summaries are read and not kept.
     */
    withContent: (updates: UpdateSummary[], corrections: Map<number, Correction[]>): Update[] => {
      if (updates.length === 0) return [];
      const stamps = updates.map((u) => indexStamps.get(u));
      const kept = updates.map((u, i) => {
        const stamp = stamps[i];
        return stamp === undefined ? undefined : keptBlocks.get(u.id, stamp);
      });
      const toRead = updates.filter((_, i) => kept[i] === undefined).map((u) => u.id);
      const read =
        toRead.length > 0
          ? loadBlocks(blocksOfUpdates.all(JSON.stringify(toRead)))
          : new Map<number, Block[]>();
      return updates.map((u, i) => {
        const stamp = stamps[i];
        const fresh = read.get(u.id) ?? [];
        const blocks = kept[i] ?? (stamp === undefined ? fresh : keptBlocks.set(u.id, stamp, fresh));
        return { ...u, blocks, corrections: corrections.get(u.id) ?? [] };
      });
    },
    /** The public corrections of the article's updates by update id, removed updates' included. */
    correctionsByUpdate: (articleId: number): Map<number, Correction[]> =>
      loadCorrections(correctionsOfArticle.all(articleId)),
    /**
     * One update with its blocks and corrections. Its blocks come from those an article page kept while
     * their stamp has not moved (an edit of the headline or time), so the update a write renders after its
     * commit (src/render/prepare.ts) finds their HTML kept too; blocks read here are not kept, as this runs
     * in write transactions, whose stamps a rollback would hand out again.
     */
    findById: (id: number): Update | undefined => {
      const row = byId.get(id);
      if (!row) return undefined;
      const blocks = keptBlocks.get(id, row.blocks_stamp) ?? blocksForUpdate.all(id).map(toBlock);
      return {
        ...toUpdate(row, blocks),
        corrections: loadCorrections(correctionsOfUpdate.all(id)).get(id) ?? [],
      };
    },
    /** An update whether or not it was removed (history pages, restore, purge). */
    findWithDeleted: (id: number): StoredUpdate | undefined => {
      const row = anyById.get(id);
      return row && withDeleted(row);
    },
    /** The article's removed (soft-deleted) updates, most recently removed first. */
    listRemoved: (articleId: number): StoredUpdate[] => removed.all(articleId).map(withDeleted),
    /** Positions of the article's updates, top of the page first. */
    positions: (articleId: number) =>
      positions.all(articleId).map((row) => ({ id: row.id, position: row.position, datedAt: row.dated_at })),
    insert: (
      values: UpdateFields & {
        articleId: number;
        authorId: number | null;
        status: UpdateStatus;
        position: number;
      },
      now: string,
    ): number =>
      Number(
        insert.run({ ...values, firstPublishedAt: values.status === 'published' ? now : null, now })
          .lastInsertRowid,
      ),
    /** Saves the form fields when `version` is current; false when it is stale. */
    updateFields: (id: number, version: number, fields: UpdateFields, now: string): boolean =>
      updateFields.run({ ...fields, id, version, now }).changes === 1,
    setStatus: (id: number, status: UpdateStatus, now: string): void => {
      setStatus.run({ id, status, now });
    },
    setPosition: (id: number, position: number): void => {
      setPosition.run(position, id);
    },
    /** Rewrites positions without bumping versions (the order itself did not change). */
    renumber: (ids: number[], positionOf: (index: number) => number): void => {
      ids.forEach((id, index) => renumber.run(positionOf(index), id));
    },
    /** Pins one update of the article (unpinning any other) or unpins it. */
    setPinned: (articleId: number, id: number, pinned: boolean): void => {
      if (pinned) unpinAll.run(articleId);
      setPinned.run(pinned ? 1 : 0, id);
    },
    setKeyEvent: (id: number, keyEvent: boolean): void => {
      setKeyEvent.run(keyEvent ? 1 : 0, id);
    },
    softDelete: (id: number, now: string): void => {
      softDelete.run(now, id);
    },
    /** Brings a removed update back; false when it was not removed. */
    undelete: (id: number): boolean => undelete.run(id).changes === 1,
    /** Deletes a removed update and its blocks for good (revisions keep their snapshots); false otherwise. */
    purge: (id: number): boolean => purge.run(id).changes === 1,
    /**
     * Makes the update's blocks these. Blocks equal to the stored ones, field by field and in order (an
     * edit of the headline, the time or a correction note), are left as they are: no write, and the
     * update's blocks_stamp stays, so pages keep their blocks and blocks HTML (migrations/010).
     */
    replaceBlocks: (updateId: number, blocks: StoredBlockInput[]): void => {
      const rows = blocks.map((block, position) => ({
        updateId,
        position,
        type: block.type,
        markdown: block.type === 'text' ? block.markdown : null,
        question: block.type === 'qa' ? block.question : null,
        answer: block.type === 'qa' ? block.answer : null,
        asker: block.type === 'qa' ? block.asker : null,
        text: block.type === 'quote' ? block.text : null,
        source: block.type === 'quote' ? block.source : null,
        speakerId: block.type === 'text' ? null : block.speakerId,
      }));
      const stored = storedBlocks.all(updateId);
      const same =
        stored.length === rows.length &&
        stored.every((old, i) => STORED_FIELDS.every((field) => old[field] === rows[i]?.[field]));
      if (same) return;
      clearBlocks.run(updateId);
      for (const row of rows) insertBlock.run(row);
    },
  };
}

export type UpdatesRepo = ReturnType<typeof createUpdatesRepo>;
