-- Live coverage: per-article publishing rule for journalists, and API tokens.

-- When 1, a journalist's update on this live article goes out directly; otherwise it waits for an editor.
ALTER TABLE articles ADD COLUMN journalists_publish INTEGER NOT NULL DEFAULT 0 CHECK (journalists_publish IN (0, 1));

-- At most one pinned update per article.
CREATE UNIQUE INDEX updates_one_pinned ON updates (article_id) WHERE pinned = 1 AND deleted_at IS NULL;

-- Bearer tokens for the JSON API: only a SHA-256 of the token is stored.
CREATE TABLE api_tokens (
  id           INTEGER PRIMARY KEY,
  user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name         TEXT NOT NULL CHECK (length(name) > 0),
  token_hash   TEXT NOT NULL UNIQUE,
  created_at   TEXT NOT NULL,
  last_used_at TEXT,
  revoked_at   TEXT
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);
