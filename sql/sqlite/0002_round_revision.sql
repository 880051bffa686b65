-- A revision counter per round, bumped whenever one of its respondents
-- changes, so rendered results can be cached and known to be current
-- with one indexed read.
ALTER TABLE rounds ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;

CREATE TRIGGER respondents_ins_rev AFTER INSERT ON respondents
BEGIN
	UPDATE rounds SET revision = revision + 1 WHERE id = NEW.round_id;
END;

CREATE TRIGGER respondents_upd_rev AFTER UPDATE OF answers, complete, role,
    name ON respondents
BEGIN
	UPDATE rounds SET revision = revision + 1 WHERE id = NEW.round_id;
END;

CREATE TRIGGER respondents_del_rev AFTER DELETE ON respondents
BEGIN
	UPDATE rounds SET revision = revision + 1 WHERE id = OLD.round_id;
END;
