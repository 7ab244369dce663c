-- The desk's language for each account (issue 8, "Two languages"): the desk's pages, messages and
-- field errors are in Swedish or English by this setting. Existing accounts keep English.
ALTER TABLE users ADD COLUMN locale TEXT NOT NULL DEFAULT 'en' CHECK (locale IN ('sv', 'en'));
