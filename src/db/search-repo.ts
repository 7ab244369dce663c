import { cleanIndexText, updateSearchText, type SearchableBlock } from '../domain/search.js';
import type { Db } from './open-db.js';
import { createSearchQueries } from './search-query.js';

export type { SearchHit, SearchPage, SearchScope } from './search-query.js';

// Writes the FTS5 tables of migrations/008_search_by_article.sql. The services call indexArticleRow /
// indexUpdate inside every content transaction (services/journal.ts), so search_index never disagrees
// with a committed write; each of those calls also marks the article, and refreshArticles rewrites the
// marked articles' rows in search_articles (services/search.ts decides when). Who may see a hit is
// decided at query time from the articles and updates tables (search-query.ts).

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

type UpdateRow = { id: number; article_id: number; headline: string | null; deleted: number };

/** Reads and writes the full-text index. */
export function createSearchRepo(db: Db) {
  // Bound ids are CAST to INTEGER: FTS5 ignores a REAL rowid constraint (see search-query.ts).
  const DOC = '(CAST(@article AS INTEGER) << 32) + CAST(@update AS INTEGER)';
  const remove = db.prepare<[{ article: number; update: number }]>(
    `DELETE FROM search_index WHERE rowid = ${DOC}`,
  );
  const insert = db.prepare<
    [
      {
        article: number;
        update: number;
        title: string;
        summary: string;
        tags: string;
        headline: string;
        body: string;
      },
    ]
  >(
    `INSERT INTO search_index (rowid, title, summary, tags, headline, body)
     VALUES (${DOC}, @title, @summary, @tags, @headline, @body)`,
  );
  const removeArticleDocs = db.prepare<[{ id: number }]>(
    `DELETE FROM search_index
     WHERE rowid BETWEEN CAST(@id AS INTEGER) << 32 AND (CAST(@id AS INTEGER) << 32) + 4294967295`,
  );
  const article = db.prepare<[number], { id: number; title: string; summary: string; tags: string | null }>(
    `SELECT a.id, a.title, a.summary,
       (SELECT group_concat(t.name, ', ' ORDER BY at.position) FROM article_tags at
          JOIN tags t ON t.id = at.tag_id WHERE at.article_id = a.id) AS tags
     FROM articles a WHERE a.id = ?`,
  );
  const update = db.prepare<[number], UpdateRow>(
    'SELECT id, article_id, headline, deleted_at IS NOT NULL AS deleted FROM updates WHERE id = ?',
  );
  const updatesOf = db.prepare<[number], UpdateRow>(
    'SELECT id, article_id, headline, 0 AS deleted FROM updates WHERE article_id = ? AND deleted_at IS NULL',
  );
  const BLOCKS = `SELECT b.update_id, b.type, b.markdown, b.question, b.answer, b.text, b.source,
      p.name AS speaker FROM blocks b LEFT JOIN people p ON p.id = b.speaker_id`;
  const blocksOf = db.prepare<[number], BlockRow>(`${BLOCKS} WHERE b.update_id = ? ORDER BY b.position`);
  const blocksOfArticle = db.prepare<[number], BlockRow>(
    `${BLOCKS} JOIN updates u ON u.id = b.update_id WHERE u.article_id = ? AND u.deleted_at IS NULL
     ORDER BY b.update_id, b.position`,
  );
  const markStale = db.prepare<[number]>(
    'INSERT OR IGNORE INTO search_articles_stale (article_id) VALUES (?)',
  );
  const staleIds = db
    .prepare<[number], number>('SELECT article_id FROM search_articles_stale LIMIT ?')
    .pluck();
  const staleCount = db.prepare<[], number>('SELECT count(*) FROM search_articles_stale').pluck();
  const unmark = db.prepare<[number]>('DELETE FROM search_articles_stale WHERE article_id = ?');
  const removeArticleRow = db.prepare<[number]>(
    'DELETE FROM search_articles WHERE rowid = CAST(? AS INTEGER)',
  );
  // What readers can find in an article: its own row and its published updates, read back from
  // search_index (already plain text) rather than rebuilt from the blocks.
  const publicText = db.prepare<[number], { update_id: number; headline: string; body: string }>(
    `SELECT u.id AS update_id, s.headline, s.body FROM articles a
     JOIN updates u ON u.article_id = a.id AND u.status = 'published' AND u.deleted_at IS NULL
     JOIN search_index s ON s.rowid = (a.id << 32) + u.id
     WHERE a.id = ? AND a.status = 'published' ORDER BY u.position, u.id`,
  );
  const publicRow = db.prepare<[number], { title: string; summary: string; tags: string }>(
    `SELECT s.title, s.summary, s.tags FROM articles a JOIN search_index s ON s.rowid = a.id << 32
     WHERE a.id = ? AND a.status = 'published'`,
  );
  const insertArticleRow = db.prepare<
    [{ id: number; title: string; summary: string; tags: string; headline: string; body: string }]
  >(
    `INSERT INTO search_articles (rowid, title, summary, tags, headline, body)
     VALUES (CAST(@id AS INTEGER), @title, @summary, @tags, @headline, @body)`,
  );
  const clear = db.prepare('DELETE FROM search_index');
  const clearArticles = db.prepare('DELETE FROM search_articles');
  const allArticles = db.prepare<[], { id: number }>('SELECT id FROM articles ORDER BY id');
  const optimize = db.prepare("INSERT INTO search_index (search_index) VALUES ('optimize')");
  const documents = db.prepare<[], number>('SELECT count(*) FROM search_index').pluck();
  const totalChanges = db.prepare<[], number>('SELECT total_changes()').pluck();
  const merges = ['search_index', 'search_articles'].map((table) =>
    db.prepare<[number]>(`INSERT INTO ${table} (${table}, rank) VALUES ('merge', ?)`),
  );

  const writeUpdate = (row: UpdateRow, blocks: BlockRow[]) => {
    const key = { article: row.article_id, update: row.id };
    remove.run(key);
    if (row.deleted) return;
    const body = updateSearchText(blocks.map(toSearchable));
    insert.run({
      ...key,
      title: '',
      summary: '',
      tags: '',
      headline: cleanIndexText(row.headline ?? ''),
      body,
    });
  };

  /** Rewrites one article's search_articles row from search_index, or removes it when readers cannot see it. */
  const refreshArticle = (id: number) => {
    removeArticleRow.run(id);
    unmark.run(id);
    const own = publicRow.get(id);
    if (!own) return;
    const updates = publicText.all(id);
    insertArticleRow.run({
      id,
      ...own,
      headline: updates.map((u) => u.headline).join('\n'),
      body: updates.map((u) => u.body).join('\n\n'),
    });
  };

  const repo = {
    ...createSearchQueries(db),
    /** Rewrites the article's own row (title, summary, tags); removes it when the article is gone. */
    indexArticleRow: (id: number): void => {
      remove.run({ article: id, update: 0 });
      markStale.run(id);
      const row = article.get(id);
      if (!row) return;
      const [title, summary, tags] = [row.title, row.summary, row.tags ?? ''].map(cleanIndexText) as [
        string,
        string,
        string,
      ];
      insert.run({ article: id, update: 0, title, summary, tags, headline: '', body: '' });
    },
    /** Rewrites one update's row; a removed (soft-deleted) update leaves the index. */
    indexUpdate: (id: number): void => {
      const row = update.get(id);
      if (!row) return;
      writeUpdate(row, row.deleted ? [] : blocksOf.all(id));
      markStale.run(row.article_id);
    },
    /** Rewrites every row of one article: its own and its updates'. */
    indexArticle: (id: number): void => {
      removeArticleDocs.run({ id });
      repo.indexArticleRow(id);
      const blocks = new Map<number, BlockRow[]>();
      for (const block of blocksOfArticle.all(id)) {
        const list = blocks.get(block.update_id) ?? [];
        list.push(block);
        blocks.set(block.update_id, list);
      }
      for (const row of updatesOf.all(id)) writeUpdate(row, blocks.get(row.id) ?? []);
    },
    /** Articles whose search_articles row waits to be rewritten. */
    staleCount: (): number => staleCount.get() ?? 0,
    /** Rewrites up to `limit` marked articles' search_articles rows (call inside a transaction); returns how many. */
    refreshArticles: (limit: number): number => {
      const ids = staleIds.all(limit);
      for (const id of ids) refreshArticle(id);
      return ids.length;
    },
    /**
     * Empties and rebuilds both indexes (call inside a transaction); returns the articles indexed.
     * The per-article rows are only marked: services/search.ts rewrites them.
     */
    rebuild: (): number => {
      clear.run();
      clearArticles.run();
      const ids = allArticles.all().map((row) => row.id);
      for (const id of ids) repo.indexArticle(id); // which marks each article
      optimize.run();
      return ids.length;
    },
    /**
     * Merges up to `pages` pages of index segments in each table (FTS5 'merge', usermerge 2: two segments
     * of a level become one); returns whether there was anything to merge (FTS5 counts a merge that did
     * work as more than one change). Fewer segments make every lookup cheaper: each statement of a
     * search seeks every term in every segment.
     */
    mergeSegments: (pages: number): boolean => {
      const before = totalChanges.get() ?? 0;
      for (const merge of merges) merge.run(pages);
      return (totalChanges.get() ?? 0) - before > merges.length;
    },
    /** Rows in search_index: articles plus updates that are not removed. */
    documentCount: (): number => documents.get() ?? 0,
  };
  return repo;
}

export type SearchRepo = ReturnType<typeof createSearchRepo>;
