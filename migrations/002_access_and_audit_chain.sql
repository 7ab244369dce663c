-- Access and accountability: article assignments, login throttling, a hash-chained audit log.

-- Journalists work on the articles they created or are assigned to.
CREATE TABLE article_members (
  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  added_at   TEXT NOT NULL,
  PRIMARY KEY (article_id, user_id)
);
CREATE INDEX article_members_user ON article_members (user_id);

-- Failed logins, counted per account and per IP inside sliding windows.
CREATE TABLE login_failures (
  id    INTEGER PRIMARY KEY,
  at_ms INTEGER NOT NULL,
  email TEXT NOT NULL COLLATE NOCASE,
  ip    TEXT NOT NULL
);
CREATE INDEX login_failures_email ON login_failures (email, at_ms);
CREATE INDEX login_failures_ip ON login_failures (ip, at_ms);

-- Who acted from where, and a chain: each row's hash covers its content and the previous row's hash.
ALTER TABLE audit_log ADD COLUMN user_agent TEXT;
ALTER TABLE audit_log ADD COLUMN request_id TEXT;
ALTER TABLE audit_log ADD COLUMN article_id INTEGER;
ALTER TABLE audit_log ADD COLUMN prev_hash TEXT;
ALTER TABLE audit_log ADD COLUMN hash TEXT;
CREATE INDEX audit_log_actor ON audit_log (actor_id, id);
CREATE INDEX audit_log_action ON audit_log (action, id);
CREATE INDEX audit_log_article ON audit_log (article_id, id);
