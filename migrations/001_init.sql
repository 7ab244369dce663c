-- Dateline's initial schema. Times are UTC ISO-8601 text. Booleans are 0/1 integers.

CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  email         TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name  TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('journalist', 'editor', 'admin')),
  password_hash TEXT NOT NULL,
  disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);

CREATE TABLE sessions (
  sid        TEXT PRIMARY KEY,
  user_id    INTEGER REFERENCES users (id) ON DELETE CASCADE,
  data       TEXT NOT NULL,
  expires_at INTEGER NOT NULL -- epoch milliseconds, compared with Date.now()
);
CREATE INDEX sessions_expires_at ON sessions (expires_at);
CREATE INDEX sessions_user_id ON sessions (user_id);

CREATE TABLE articles (
  id                  INTEGER PRIMARY KEY,
  slug                TEXT NOT NULL UNIQUE,
  title               TEXT NOT NULL CHECK (length(title) > 0),
  summary             TEXT NOT NULL DEFAULT '',
  status              TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'archived')),
  live                INTEGER NOT NULL DEFAULT 0 CHECK (live IN (0, 1)),
  locale              TEXT NOT NULL DEFAULT 'sv' CHECK (locale IN ('sv', 'en')),
  time_zone           TEXT NOT NULL DEFAULT 'Europe/Stockholm',
  created_by          INTEGER REFERENCES users (id) ON DELETE SET NULL,
  created_at          TEXT NOT NULL,
  updated_at          TEXT NOT NULL,
  published_at        TEXT,
  coverage_started_at TEXT,
  coverage_ended_at   TEXT,
  version             INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX articles_status_updated ON articles (status, updated_at);

CREATE TABLE tags (
  id   INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL
);

CREATE TABLE article_tags (
  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  tag_id     INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
  position   INTEGER NOT NULL,
  PRIMARY KEY (article_id, tag_id)
);
CREATE INDEX article_tags_tag ON article_tags (tag_id);

-- The speaker register, shared by all articles.
CREATE TABLE people (
  id           INTEGER PRIMARY KEY,
  name         TEXT NOT NULL CHECK (length(name) > 0),
  title        TEXT NOT NULL DEFAULT '',
  organisation TEXT NOT NULL DEFAULT '',
  created_at   TEXT NOT NULL,
  UNIQUE (name, organisation)
);

-- A dated section of an article. `position` is the editors' order (ascending = top of the page).
CREATE TABLE updates (
  id                 INTEGER PRIMARY KEY,
  article_id         INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  dated_at           TEXT NOT NULL,
  precision          TEXT NOT NULL CHECK (precision IN ('day', 'minute')),
  headline           TEXT,
  author_id          INTEGER REFERENCES users (id) ON DELETE SET NULL,
  status             TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
  pinned             INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1)),
  key_event          INTEGER NOT NULL DEFAULT 0 CHECK (key_event IN (0, 1)),
  position           REAL NOT NULL,
  first_published_at TEXT,
  last_edited_at     TEXT,
  created_at         TEXT NOT NULL,
  deleted_at         TEXT, -- soft delete: gone for readers, kept for history and restore
  version            INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX updates_article_position ON updates (article_id, position);

CREATE TABLE update_contributors (
  update_id INTEGER NOT NULL REFERENCES updates (id) ON DELETE CASCADE,
  user_id   INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  PRIMARY KEY (update_id, user_id)
);

-- Blocks of an update; each type has exactly its own fields.
CREATE TABLE blocks (
  id         INTEGER PRIMARY KEY,
  update_id  INTEGER NOT NULL REFERENCES updates (id) ON DELETE CASCADE,
  position   INTEGER NOT NULL,
  type       TEXT NOT NULL CHECK (type IN ('text', 'qa', 'quote')),
  markdown   TEXT,
  question   TEXT,
  answer     TEXT,
  asker      TEXT,
  text       TEXT,
  source     TEXT,
  -- a person who speaks must not silently vanish from a published interview
  speaker_id INTEGER REFERENCES people (id) ON DELETE RESTRICT,
  UNIQUE (update_id, position),
  CHECK (
    (type = 'text' AND markdown IS NOT NULL AND question IS NULL AND answer IS NULL AND asker IS NULL
      AND text IS NULL AND source IS NULL AND speaker_id IS NULL)
    OR (type = 'qa' AND question IS NOT NULL AND answer IS NOT NULL AND markdown IS NULL
      AND text IS NULL AND source IS NULL)
    OR (type = 'quote' AND text IS NOT NULL AND markdown IS NULL AND question IS NULL AND answer IS NULL
      AND asker IS NULL)
  )
);
CREATE INDEX blocks_speaker ON blocks (speaker_id);

-- Immutable snapshots, written in the same transaction as every change.
CREATE TABLE revisions (
  id         INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  update_id  INTEGER REFERENCES updates (id) ON DELETE SET NULL,
  kind       TEXT NOT NULL CHECK (kind IN ('create', 'edit', 'correction', 'status', 'delete', 'move')),
  note       TEXT,
  snapshot   TEXT NOT NULL CHECK (json_valid(snapshot)),
  author_id  INTEGER REFERENCES users (id) ON DELETE SET NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX revisions_article ON revisions (article_id, id);
CREATE INDEX revisions_update ON revisions (update_id, id);
CREATE TRIGGER revisions_no_update BEFORE UPDATE OF kind, note, snapshot, author_id, created_at ON revisions
BEGIN
  SELECT RAISE(ABORT, 'revisions are immutable');
END;

-- One row per change readers can see; the id is the Server-Sent Events id.
CREATE TABLE events (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  type       TEXT NOT NULL,
  update_id  INTEGER,
  payload    TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(payload)),
  created_at TEXT NOT NULL
);
CREATE INDEX events_article ON events (article_id, id);

-- Append-only: who did what to which target, from where, with what outcome.
CREATE TABLE audit_log (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  at          TEXT NOT NULL,
  actor_id    INTEGER,
  actor_label TEXT NOT NULL,
  action      TEXT NOT NULL,
  target_type TEXT,
  target_id   TEXT,
  ip          TEXT,
  outcome     TEXT NOT NULL CHECK (outcome IN ('ok', 'denied', 'failed')),
  detail      TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(detail))
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
