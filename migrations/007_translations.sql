-- The same story in the other language: a symmetric link (both rows point at each other), written by
-- src/services/translations.ts. Used for hreflang alternates, the reader's language link and the sitemap.
ALTER TABLE articles ADD COLUMN translation_id INTEGER REFERENCES articles (id) ON DELETE SET NULL;
CREATE INDEX articles_translation ON articles (translation_id);
