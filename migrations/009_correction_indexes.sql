-- Every article view reads the corrections of the updates it shows (src/db/updates-repo.ts), by article or
-- by update and kind = 'correction'. The indexes on revisions (article_id, id) and (update_id, id) made
-- that walk every revision of the article or update, a cost that grew with every edit (0.05 ms per update
-- read at 100 revisions, 0.14 ms at 1000). These hold only corrections with a note, the rows read.
CREATE INDEX revisions_article_corrections ON revisions (article_id, id)
WHERE kind = 'correction' AND update_id IS NOT NULL AND note IS NOT NULL;
CREATE INDEX revisions_update_corrections ON revisions (update_id, id)
WHERE kind = 'correction' AND note IS NOT NULL;
