import {
  cleanIndexText,
  MATCH_CLOSE,
  MATCH_OPEN,
  updateSearchText,
  type SearchableBlock,
} from '../domain/search.js';
import type { Db } from './open-db.js';

// The FTS5 index of migrations/005_search.sql: rowid -id for an article (title, summary, tags), rowid id
// for an update (headline, blocks). The services call indexArticleRow / indexUpdate inside every content
// transaction (services/journal.ts), so the index never disagrees with a committed write. Who may see a
// hit is decided at query time from the articles and updates tables.

/** bm25 weights per column: title, summary, tags, headline, body. A title hit outranks a body hit. */
const WEIGHTS = '10.0, 3.0, 5.0, 5.0, 1.0';
const SNIPPET_TOKENS = 24;

/** Who is searching: readers see published content; staff see drafts of the articles they work on. */
export type SearchScope =
  { kind: 'public' } | { kind: 'staff'; everyArticle: boolean; userId: number | null };

/** One article that matched, with its best-ranked document (the article itself or one update). */
export interface SearchHit {
  articleId: number;
  /** The update whose text matched best, or null when the article's title, summary or tags did. */
  updateId: number | null;
  /** Matching documents in the article (the article row and its updates). */
  matches: number;
  /** Raw snippet text with MATCH_OPEN / MATCH_CLOSE around matches: escape before showing. */
  snippet: string;
  /** The title with matches marked, or null when the title did not match. */
  titleMarked: string | null;
}

interface BlockRow {
  update_id: number;
  type: SearchableBlock['type'];
  markdown: string | null;
  question: string | null;
  answer: string | null;
  text: string | null;
  source: string | null;
  speaker: string | null;
}

function toSearchable(row: BlockRow): SearchableBlock {
  if (row.type === 'text') return { type: 'text', markdown: row.markdown ?? '' };
  if (row.type === 'qa')
    return { type: 'qa', question: row.question ?? '', answer: row.answer ?? '', speaker: row.speaker };
  return { type: 'quote', text: row.text ?? '', source: row.source, speaker: row.speaker };
}

// Matches, then the ones the searcher may see, then one row per article (SQLite takes the bare column
// `doc` from the row holding min(score)). Auxiliary functions (bm25) cannot run in an aggregate, hence
// the materialised first step.
// The article of a document comes from the ordinary tables (-rowid for an article row, the update's
// article_id otherwise), never from the index's UNINDEXED article_id column: reading that column loads
// each matching row's content, which made a query with 30,000 matching documents take 130 ms.
const VISIBLE = `WITH m AS MATERIALIZED (
    SELECT rowid AS doc, bm25(search_index, ${WEIGHTS}) AS score
    FROM search_index WHERE search_index MATCH @match
  ),
  v AS (
    SELECT m.doc, a.id AS article_id, m.score FROM m
    LEFT JOIN updates u ON m.doc > 0 AND u.id = m.doc
    JOIN articles a ON a.id = CASE WHEN m.doc < 0 THEN -m.doc ELSE u.article_id END
    WHERE (m.doc < 0 OR (u.deleted_at IS NULL AND (@drafts = 1 OR u.status = 'published')))
      AND (@drafts = 1 OR a.status = 'published')
      AND (@everyone = 1 OR a.created_by = @userId
        OR EXISTS (SELECT 1 FROM article_members am WHERE am.article_id = a.id AND am.user_id = @userId))
  )`;

/** Reads and writes the full-text index. */
export function createSearchRepo(db: Db) {
  const remove = db.prepare<[number]>('DELETE FROM search_index WHERE rowid = ?');
  const insert = db.prepare<[number, string, string, string, string, string, number]>(
    `INSERT INTO search_index (rowid, title, summary, tags, headline, body, article_id)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const article = db.prepare<[number], { id: number; title: string; summary: string; tags: string | null }>(
    `SELECT a.id, a.title, a.summary,
       (SELECT group_concat(t.name, ', ' ORDER BY at.position) FROM article_tags at
          JOIN tags t ON t.id = at.tag_id WHERE at.article_id = a.id) AS tags
     FROM articles a WHERE a.id = ?`,
  );
  const update = db.prepare<[number], { id: number; article_id: number; headline: string | null }>(
    'SELECT id, article_id, headline FROM updates WHERE id = ? AND deleted_at IS NULL',
  );
  const updatesOf = db.prepare<[number], { id: number; article_id: number; headline: string | null }>(
    'SELECT id, article_id, headline FROM updates WHERE article_id = ? AND deleted_at IS NULL',
  );
  const BLOCKS = `SELECT b.update_id, b.type, b.markdown, b.question, b.answer, b.text, b.source,
      p.name AS speaker FROM blocks b LEFT JOIN people p ON p.id = b.speaker_id`;
  const blocksOf = db.prepare<[number], BlockRow>(`${BLOCKS} WHERE b.update_id = ? ORDER BY b.position`);
  const blocksOfArticle = db.prepare<[number], BlockRow>(
    `${BLOCKS} JOIN updates u ON u.id = b.update_id WHERE u.article_id = ? AND u.deleted_at IS NULL
     ORDER BY b.update_id, b.position`,
  );
  const removeArticleDocs = db.prepare<[number]>('DELETE FROM search_index WHERE article_id = ?');
  const allArticles = db.prepare<[], { id: number }>('SELECT id FROM articles ORDER BY id');
  const clear = db.prepare('DELETE FROM search_index');
  const optimize = db.prepare("INSERT INTO search_index (search_index) VALUES ('optimize')");
  const documents = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM search_index');

  type Params = { match: string; drafts: number; everyone: number; userId: number | null };
  // One pass over the matches gives the page and the number of matching articles (a window count).
  const page = db.prepare<
    [Params & { limit: number; offset: number }],
    { article_id: number; doc: number; matches: number; total: number }
  >(
    `${VISIBLE},
     g AS (SELECT article_id, min(score) AS best, doc, count(*) AS matches FROM v GROUP BY article_id)
     SELECT article_id, doc, matches, count(*) OVER () AS total FROM g
     ORDER BY best, article_id LIMIT @limit OFFSET @offset`,
  );
  const count = db.prepare<[Params], { n: number }>(
    `${VISIBLE} SELECT count(DISTINCT article_id) AS n FROM v`,
  );
  // Snippets and marked titles of a page's documents in one statement each. With SQLite 3.53's FTS5,
  // `MATCH ? AND rowid = ?` (both bound) ignores the rowid constraint and returns every match, so each
  // row also says which document it is and only the asked-for ones are kept (test/db/search-repo.test.ts).
  const snippets = db.prepare<
    [{ match: string; docs: string; column: number; open: string; close: string }],
    { doc: number; text: string }
  >(
    `SELECT rowid AS doc, snippet(search_index, @column, @open, @close, '…', ${SNIPPET_TOKENS}) AS text
     FROM search_index WHERE search_index MATCH @match AND rowid IN (SELECT value FROM json_each(@docs))`,
  );
  const markedTitles = db.prepare<
    [{ match: string; docs: string; open: string; close: string }],
    { doc: number; text: string }
  >(
    `SELECT rowid AS doc, highlight(search_index, 0, @open, @close) AS text
     FROM search_index WHERE search_index MATCH @match AND rowid IN (SELECT value FROM json_each(@docs))`,
  );
  const textsOf = (rows: { doc: number; text: string }[], docs: number[]) =>
    new Map(rows.filter((row) => docs.includes(row.doc)).map((row) => [row.doc, row.text]));

  const writeUpdate = (
    row: { id: number; article_id: number; headline: string | null },
    blocks: BlockRow[],
  ) => {
    remove.run(row.id);
    const headline = cleanIndexText(row.headline ?? '');
    insert.run(row.id, '', '', '', headline, updateSearchText(blocks.map(toSearchable)), row.article_id);
  };

  const repo = {
    /** Rewrites the article's own row (title, summary, tags); removes it when the article is gone. */
    indexArticleRow: (id: number): void => {
      remove.run(-id);
      const row = article.get(id);
      if (!row) return;
      const tags = row.tags ?? '';
      insert.run(
        -id,
        cleanIndexText(row.title),
        cleanIndexText(row.summary),
        cleanIndexText(tags),
        '',
        '',
        id,
      );
    },
    /** Rewrites one update's row; a removed (soft-deleted) or missing update leaves the index. */
    indexUpdate: (id: number): void => {
      const row = update.get(id);
      if (!row) {
        remove.run(id);
        return;
      }
      writeUpdate(row, blocksOf.all(id));
    },
    /** Rewrites every row of one article: its own and its updates'. */
    indexArticle: (id: number): void => {
      removeArticleDocs.run(id);
      repo.indexArticleRow(id);
      const blocks = new Map<number, BlockRow[]>();
      for (const block of blocksOfArticle.all(id)) {
        const list = blocks.get(block.update_id) ?? [];
        list.push(block);
        blocks.set(block.update_id, list);
      }
      for (const row of updatesOf.all(id)) writeUpdate(row, blocks.get(row.id) ?? []);
    },
    /** Empties and rebuilds the whole index (call inside a transaction); returns the articles indexed. */
    rebuild: (): number => {
      clear.run();
      const ids = allArticles.all().map((row) => row.id);
      for (const id of ids) repo.indexArticle(id);
      optimize.run();
      return ids.length;
    },
    /** Rows in the index: articles plus updates that are not removed. */
    documentCount: (): number => documents.get()?.n ?? 0,
    /**
     * One page of matching articles, best first. `match` must come from parseSearchQuery (quoted
     * phrases only); FTS5 syntax errors are still possible in theory and surface as SqliteError.
     */
    search: (match: string, scope: SearchScope, limit: number, offset: number) => {
      const params: Params = {
        match,
        drafts: scope.kind === 'staff' ? 1 : 0,
        everyone: scope.kind === 'public' || scope.everyArticle ? 1 : 0,
        userId: scope.kind === 'staff' ? scope.userId : null,
      };
      const rows = page.all({ ...params, limit, offset });
      // Past the last page the window count is not there: count on its own.
      const total = rows[0]?.total ?? (offset > 0 ? (count.get(params)?.n ?? 0) : 0);
      const marks = { match, open: MATCH_OPEN, close: MATCH_CLOSE };
      // The article's own row: show its summary (column 1); an update: whichever column matched best.
      const updateDocs = rows.filter((row) => row.doc > 0).map((row) => row.doc);
      const articleDocs = rows.map((row) => -row.article_id);
      const ofUpdates = textsOf(
        snippets.all({ ...marks, docs: JSON.stringify(updateDocs), column: -1 }),
        updateDocs,
      );
      const ofArticles = textsOf(
        snippets.all({ ...marks, docs: JSON.stringify(articleDocs), column: 1 }),
        articleDocs,
      );
      const titles = textsOf(markedTitles.all({ ...marks, docs: JSON.stringify(articleDocs) }), articleDocs);
      const hits: SearchHit[] = rows.map((row) => ({
        articleId: row.article_id,
        updateId: row.doc > 0 ? row.doc : null,
        matches: row.matches,
        snippet: (row.doc > 0 ? ofUpdates : ofArticles).get(row.doc) ?? '',
        titleMarked: titles.get(-row.article_id) ?? null,
      }));
      return { total, hits };
    },
  };
  return repo;
}

export type SearchRepo = ReturnType<typeof createSearchRepo>;
