-- Search ranks articles, then finds the best document inside each shown article (issue 9: a common phrase
-- matched 33,000 update documents over 10,000 articles, and bm25 over every one of them took ~50 ms).
--
-- 1. search_index is keyed by article: rowid = article id << 32 for the article's own row (title,
--    summary, tags) and (article id << 32) + update id for an update. An article's documents are then one
--    rowid range, which FTS5 seeks directly, so "the best update of article 17" reads only article 17's
--    matches. The UNINDEXED article_id column goes: the rowid says it.
-- 2. search_articles holds one document per published article: its title, summary and tags and the text
--    of its published updates, which is what readers can find. Public search ranks these (at most one
--    row per article). It is contentless (the text lives in search_index) with contentless_delete, so
--    rewriting an article's row does not re-read its old text.
-- 3. search_articles_stale lists the articles whose search_articles row must be rewritten. Every write
--    that touches search_index marks its article in the same transaction; the server rewrites marked
--    rows just after the commit and before a public search (src/services/search.ts), so a crash between
--    the two loses nothing: the mark survives and is worked off at the next start.

DROP TRIGGER updates_search_soft_delete;
DROP TRIGGER updates_search_delete;
DROP TRIGGER articles_search_delete;

CREATE VIRTUAL TABLE search_docs USING fts5 (
  title,
  summary,
  tags,
  headline,
  body,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '2 3 4 5 6'
);

INSERT INTO search_docs (rowid, title, summary, tags, headline, body)
SELECT CASE WHEN s.rowid < 0 THEN (-s.rowid) << 32 ELSE (u.article_id << 32) + s.rowid END,
  s.title, s.summary, s.tags, s.headline, s.body
FROM search_index s LEFT JOIN updates u ON s.rowid > 0 AND u.id = s.rowid
WHERE s.rowid < 0 OR (u.id IS NOT NULL AND u.deleted_at IS NULL);

DROP TABLE search_index;
ALTER TABLE search_docs RENAME TO search_index;

-- The words of search_index, read when a prefix longer than the prefix indexes is searched
-- (src/domain/search.ts expandLongPrefixes). A view over the index: nothing is stored.
CREATE VIRTUAL TABLE search_terms USING fts5vocab (search_index, 'row');

CREATE VIRTUAL TABLE search_articles USING fts5 (
  title,
  summary,
  tags,
  headline,
  body,
  content = '',
  contentless_delete = 1,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '2 3 4 5 6'
);

-- The server merges segments in the background (src/services/search.ts): two of a level make one.
INSERT INTO search_index (search_index, rank) VALUES ('usermerge', 2);
INSERT INTO search_articles (search_articles, rank) VALUES ('usermerge', 2);

-- No foreign key: a mark may outlive its article; rewriting a missing article just removes its row.
CREATE TABLE search_articles_stale (article_id INTEGER PRIMARY KEY);
INSERT INTO search_articles_stale (article_id) SELECT id FROM articles;

-- Safety nets for writes that bypass the services: removed and deleted rows leave the index at once.
CREATE TRIGGER updates_search_soft_delete AFTER UPDATE OF deleted_at ON updates
WHEN new.deleted_at IS NOT NULL
BEGIN
  DELETE FROM search_index WHERE rowid = (new.article_id << 32) + new.id;
  INSERT OR IGNORE INTO search_articles_stale (article_id) VALUES (new.article_id);
END;
CREATE TRIGGER updates_search_delete AFTER DELETE ON updates
BEGIN
  DELETE FROM search_index WHERE rowid = (old.article_id << 32) + old.id;
  INSERT OR IGNORE INTO search_articles_stale (article_id) VALUES (old.article_id);
END;
CREATE TRIGGER articles_search_delete AFTER DELETE ON articles
BEGIN
  DELETE FROM search_index WHERE rowid BETWEEN old.id << 32 AND (old.id << 32) + 4294967295;
  DELETE FROM search_articles WHERE rowid = old.id;
  DELETE FROM search_articles_stale WHERE article_id = old.id;
END;
