-- The speaker register: a free-text note per person (how to reach them, spelling, context).
ALTER TABLE people ADD COLUMN note TEXT NOT NULL DEFAULT '';
CREATE INDEX people_name ON people (name);
