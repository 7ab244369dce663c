-- A stamp on each update that changes whenever its blocks or the people speaking in them change, so that
-- an article page can keep the blocks it read and read again only those of updates whose stamp moved
-- (issue 9: reading every shown update's blocks was a fifth of a cache miss; a change touches one).
--
-- The stamps come from one counter for the whole database, never reused. Updates that exist now get their
-- id as stamp (distinct, above 0) and the counter starts above them; a new update starts at 0 and keeps 0
-- only while it has never had a block, so a stamp of 0 always means "no blocks". An update id that SQLite
-- hands out again after a purge therefore never matches blocks kept for the purged update: either it has
-- no blocks (0: what is kept under 0 is no blocks) or its blocks took a stamp no earlier update ever had.
-- Triggers set them, so no write path (desk, API, import, people register, another process) can forget to.
CREATE TABLE blocks_clock (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  n  INTEGER NOT NULL
);
INSERT INTO blocks_clock (id, n) VALUES (1, (SELECT COALESCE(MAX(id), 0) FROM updates));

ALTER TABLE updates ADD COLUMN blocks_stamp INTEGER NOT NULL DEFAULT 0;
UPDATE updates SET blocks_stamp = id;

CREATE TRIGGER blocks_stamp_insert AFTER INSERT ON blocks
BEGIN
  UPDATE blocks_clock SET n = n + 1;
  UPDATE updates SET blocks_stamp = (SELECT n FROM blocks_clock) WHERE id = NEW.update_id;
END;

CREATE TRIGGER blocks_stamp_update AFTER UPDATE ON blocks
BEGIN
  UPDATE blocks_clock SET n = n + 1;
  UPDATE updates SET blocks_stamp = (SELECT n FROM blocks_clock) WHERE id IN (OLD.update_id, NEW.update_id);
END;

CREATE TRIGGER blocks_stamp_delete AFTER DELETE ON blocks
BEGIN
  UPDATE blocks_clock SET n = n + 1;
  UPDATE updates SET blocks_stamp = (SELECT n FROM blocks_clock) WHERE id = OLD.update_id;
END;

-- A speaker's name, title or organisation is shown with every answer and quote (people who speak cannot be
-- deleted: blocks.speaker_id is ON DELETE RESTRICT).
CREATE TRIGGER people_blocks_stamp AFTER UPDATE OF name, title, organisation ON people
BEGIN
  UPDATE blocks_clock SET n = n + 1;
  UPDATE updates SET blocks_stamp = (SELECT n FROM blocks_clock)
  WHERE id IN (SELECT update_id FROM blocks WHERE speaker_id = NEW.id);
END;
