import { expandLongPrefixes, MATCH_CLOSE, MATCH_OPEN, MAX_PREFIX_TERMS } from '../domain/search.js';
import type { Db } from './open-db.js';

// Queries over the two FTS5 tables of migrations/008_search_by_article.sql. search_index holds one
// document per article row and per update, rowid = (article id << 32) + update id (0 for the article's
// own row); search_articles one document per published article. Rowids are built and split in SQL, and
// bound values are CAST to INTEGER: better-sqlite3 binds JavaScript numbers as REAL, and FTS5 does not use
// a REAL rowid constraint (`rowid = ?` then reads every match and, in SQLite 3.53, even returns them all).

/** bm25 weights per column: title, summary, tags, headline, body. A title hit outranks a body hit. */
const WEIGHTS = '10.0, 3.0, 5.0, 5.0, 1.0';
const SNIPPET_TOKENS = 24;
const LOW = '4294967295';
const IN_ARTICLE = `d.rowid BETWEEN CAST(@article AS INTEGER) << 32 AND (CAST(@article AS INTEGER) << 32) + ${LOW}`;
const snippetOf = (column: number) =>
  `snippet(search_index, ${column}, '${MATCH_OPEN}', '${MATCH_CLOSE}', '…', ${SNIPPET_TOKENS})`;

/** Who is searching: readers see published content; staff see drafts of the articles they work on. */
export type SearchScope =
  { kind: 'public' } | { kind: 'staff'; everyArticle: boolean; userId: number | null };

/** One article that matched, with the document shown for it (the article itself or one update). */
export interface SearchHit {
  articleId: number;
  /** The newest matching update, or null when only the article's title, summary or tags matched. */
  updateId: number | null;
  /** Matching documents in the article (the article row and its updates). */
  matches: number;
  /** Raw snippet text with MATCH_OPEN / MATCH_CLOSE around matches: escape before showing. */
  snippet: string;
  /** The title with matches marked, or null when the article's own row did not match. */
  titleMarked: string | null;
}

export interface SearchPage {
  total: number;
  hits: SearchHit[];
}

type Visibility = { drafts: number; everyone: number; userId: number | null };

function visibilityOf(scope: SearchScope): Visibility {
  return {
    drafts: scope.kind === 'staff' ? 1 : 0,
    everyone: scope.kind === 'public' || scope.everyArticle ? 1 : 0,
    userId: scope.kind === 'staff' ? scope.userId : null,
  };
}

// Whether the searcher may see a document (`doc` is its update id, 0 for the article row): the article
// row needs only its article; an update must not be removed and, for readers, must be published.
const visibleDoc = (doc: string) =>
  `(${doc} = 0 OR (u.deleted_at IS NULL AND (@drafts = 1 OR u.status = 'published')))`;
const VISIBLE_ARTICLE = `(@drafts = 1 OR a.status = 'published')
  AND (@everyone = 1 OR a.created_by = @userId
    OR EXISTS (SELECT 1 FROM article_members am WHERE am.article_id = a.id AND am.user_id = @userId))`;
const DOCS_OF_ARTICLE = `FROM search_index d JOIN articles a ON a.id = @article
  LEFT JOIN updates u ON d.rowid & ${LOW} > 0 AND u.id = d.rowid & ${LOW}
  WHERE search_index MATCH @match AND ${IN_ARTICLE} AND ${visibleDoc(`d.rowid & ${LOW}`)} AND ${VISIBLE_ARTICLE}`;

/** The search queries; `match` must come from parseSearchQuery (quoted terms only). */
export function createSearchQueries(db: Db) {
  // Readers: rank published articles by their whole text (one row per article, so a phrase in 33,000
  // updates costs 7,000 bm25 calls, not 33,000), then look inside the shown ones.
  const rankArticles = db.prepare<[{ match: string; limit: number; offset: number }], { id: number }>(
    `SELECT rowid AS id FROM search_articles WHERE search_articles MATCH @match
     ORDER BY bm25(search_articles, ${WEIGHTS}), rowid LIMIT @limit OFFSET @offset`,
  );
  const countArticles = db.prepare<[{ match: string }], { n: number }>(
    'SELECT count(*) AS n FROM search_articles WHERE search_articles MATCH @match',
  );
  // Staff: drafts count, so every matching document is ranked and grouped by article (the article is in
  // the rowid). Materialised first because bm25 cannot run inside an aggregate.
  const rankDocuments = db.prepare<
    [Visibility & { match: string; limit: number; offset: number }],
    { article_id: number; total: number }
  >(
    `WITH m AS MATERIALIZED (
       SELECT rowid >> 32 AS article_id, rowid & ${LOW} AS update_id, bm25(search_index, ${WEIGHTS}) AS score
       FROM search_index WHERE search_index MATCH @match
     ),
     g AS (
       SELECT m.article_id, min(m.score) AS best FROM m JOIN articles a ON a.id = m.article_id
       LEFT JOIN updates u ON m.update_id > 0 AND u.id = m.update_id
       WHERE ${visibleDoc('m.update_id')} AND ${VISIBLE_ARTICLE} GROUP BY m.article_id
     )
     SELECT article_id, count(*) OVER () AS total FROM g ORDER BY best, article_id LIMIT @limit OFFSET @offset`,
  );
  const countDocuments = db.prepare<[Visibility & { match: string }], { n: number }>(
    `SELECT count(DISTINCT m.article_id) AS n FROM (
       SELECT rowid >> 32 AS article_id, rowid & ${LOW} AS update_id FROM search_index
       WHERE search_index MATCH @match
     ) m JOIN articles a ON a.id = m.article_id LEFT JOIN updates u ON m.update_id > 0 AND u.id = m.update_id
     WHERE ${visibleDoc('m.update_id')} AND ${VISIBLE_ARTICLE}`,
  );
  // The visible matching documents of one article, newest first (FTS5 reads the rowid range backwards,
  // no sort). Only ids: the snippet is made for the one shown, by the next statement.
  const docsInArticle = db
    .prepare<[Visibility & { match: string; article: number }], number>(
      `SELECT d.rowid & ${LOW} ${DOCS_OF_ARTICLE} ORDER BY d.rowid DESC`,
    )
    .pluck();
  // The snippet of the shown document and the marked title of the article row, in one statement: the
  // range from the article row to the shown update, filtered to those two before any snippet is made.
  // The article's own row shows its summary (column 1); an update whichever column matched best.
  const shown = db.prepare<
    [{ match: string; article: number; update: number }],
    { update_id: number; snippet: string; title: string }
  >(
    `SELECT d.rowid & ${LOW} AS update_id,
       CASE WHEN d.rowid & ${LOW} = 0 THEN ${snippetOf(1)} ELSE ${snippetOf(-1)} END AS snippet,
       highlight(search_index, 0, '${MATCH_OPEN}', '${MATCH_CLOSE}') AS title
     FROM search_index d WHERE search_index MATCH @match
       AND d.rowid BETWEEN CAST(@article AS INTEGER) << 32
         AND (CAST(@article AS INTEGER) << 32) + CAST(@update AS INTEGER)
       AND d.rowid & ${LOW} IN (0, CAST(@update AS INTEGER))`,
  );

  const wordsBetween = db
    .prepare<[{ from: string; to: string; limit: number }], string>(
      'SELECT term FROM search_terms WHERE term >= @from AND term < @to LIMIT @limit',
    )
    .pluck();
  const expand = (match: string) =>
    expandLongPrefixes(match, (from, to) => {
      const words = wordsBetween.all({ from, to, limit: MAX_PREFIX_TERMS + 1 });
      return words.length > MAX_PREFIX_TERMS ? null : words;
    });

  /** The hit for one ranked article, or null when nothing in it that the searcher may see matches. */
  const hitOf = (match: string, visibility: Visibility, article: number): SearchHit | null => {
    const docs = docsInArticle.all({ ...visibility, match, article });
    const best = docs[0];
    if (best === undefined) return null;
    const rows = shown.all({ match, article, update: best });
    return {
      articleId: article,
      updateId: best === 0 ? null : best,
      matches: docs.length,
      snippet: rows.find((row) => row.update_id === best)?.snippet ?? '',
      titleMarked: docs.includes(0) ? (rows.find((row) => row.update_id === 0)?.title ?? null) : null,
    };
  };
  const hitsOf = (match: string, visibility: Visibility, articles: number[]) =>
    articles.flatMap((article) => hitOf(match, visibility, article) ?? []);

  return {
    /**
     * Readers' search: published articles ranked by search_articles. Every shown hit is read from
     * search_index and checked against the tables, so an article whose search_articles row is not yet
     * rewritten can rank by old text but never shows a hidden document (it is left out instead).
     */
    searchPublished: (typed: string, limit: number, offset: number): SearchPage => {
      const match = expand(typed);
      const ranked = rankArticles.all({ match, limit, offset }).map((row) => row.id);
      // A first page that is not full holds them all; otherwise count (FTS5 matches the query again).
      const total =
        offset === 0 && ranked.length < limit ? ranked.length : (countArticles.get({ match })?.n ?? 0);
      return { total, hits: hitsOf(match, visibilityOf({ kind: 'public' }), ranked) };
    },
    /** Every document the scope may see, drafts included, ranked one by one (the desk's search). */
    searchDocuments: (typed: string, scope: SearchScope, limit: number, offset: number): SearchPage => {
      const match = expand(typed);
      const visibility = visibilityOf(scope);
      const rows = rankDocuments.all({ ...visibility, match, limit, offset });
      // Past the last page the window count is not there: count on its own.
      const total =
        rows[0]?.total ?? (offset > 0 ? (countDocuments.get({ ...visibility, match })?.n ?? 0) : 0);
      const ranked = rows.map((row) => row.article_id);
      return { total, hits: hitsOf(match, visibility, ranked) };
    },
  };
}
