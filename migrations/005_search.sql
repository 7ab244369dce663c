-- Full-text search (FTS5) over what readers and the desk search: one row per article (title, summary,
-- tags) with rowid = -article id, and one row per update that is not removed (headline, and the plain
-- text of every block: text, Q&A question, answer and speaker, quote text, source and speaker) with
-- rowid = update id. The services rewrite an article's or update's row in the same transaction as every
-- change (src/db/search-repo.ts); visibility (published or not) is decided when searching, by joining
-- articles and updates, so publishing never leaves the index behind. `dateline reindex` rebuilds it.
-- `remove_diacritics 2` folds "lön" and "lon" together; unicode61 splits "A-kassor" into "a" "kassor",
-- which a quoted phrase "a-kassor" matches.
CREATE VIRTUAL TABLE search_index USING fts5 (
  title,
  summary,
  tags,
  headline,
  body,
  article_id UNINDEXED,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '2 3'
);

-- Existing content, until `dateline reindex` rewrites it with Markdown stripped.
INSERT INTO search_index (rowid, title, summary, tags, headline, body, article_id)
SELECT -a.id, a.title, a.summary,
  COALESCE((SELECT group_concat(t.name, ', ' ORDER BY at.position) FROM article_tags at
    JOIN tags t ON t.id = at.tag_id WHERE at.article_id = a.id), ''),
  '', '', a.id
FROM articles a;

INSERT INTO search_index (rowid, title, summary, tags, headline, body, article_id)
SELECT u.id, '', '', '', COALESCE(u.headline, ''),
  COALESCE((SELECT group_concat(
      CASE b.type
        WHEN 'text' THEN b.markdown
        WHEN 'qa' THEN b.question || char(10) || b.answer || COALESCE(char(10) || p.name, '')
        ELSE b.text || COALESCE(char(10) || b.source, '') || COALESCE(char(10) || p.name, '')
      END, char(10) || char(10) ORDER BY b.position)
    FROM blocks b LEFT JOIN people p ON p.id = b.speaker_id WHERE b.update_id = u.id), ''),
  u.article_id
FROM updates u WHERE u.deleted_at IS NULL;

-- Safety nets for writes that bypass the services: removed and deleted rows leave the index at once.
CREATE TRIGGER updates_search_soft_delete AFTER UPDATE OF deleted_at ON updates
WHEN new.deleted_at IS NOT NULL
BEGIN
  DELETE FROM search_index WHERE rowid = new.id;
END;
CREATE TRIGGER updates_search_delete AFTER DELETE ON updates
BEGIN
  DELETE FROM search_index WHERE rowid = old.id;
END;
CREATE TRIGGER articles_search_delete AFTER DELETE ON articles
BEGIN
  DELETE FROM search_index WHERE rowid = -old.id OR article_id = old.id;
END;

-- Feeds list the newest published updates across the site.
CREATE INDEX updates_first_published ON updates (first_published_at);
