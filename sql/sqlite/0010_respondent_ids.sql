-- Respondents can be deleted now (a duplicate answer, a test entry), and a
-- personal link is the respondent id under a MAC: an id must never be
-- handed out twice, or the link of someone deleted would open the answers
-- of whoever got the id next.  SQLite reuses the largest rowid after a
-- delete unless the key is AUTOINCREMENT, which needs a new table.
CREATE TABLE respondents_new (
	id		INTEGER PRIMARY KEY AUTOINCREMENT,
	round_id	INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
	org_id		INTEGER NOT NULL,
	role		TEXT NOT NULL CHECK (role IN ('executive', 'manager', 'employee')),
	name		TEXT NOT NULL DEFAULT '',
	via		TEXT NOT NULL CHECK (via IN ('personal', 'shared', 'csv')),
	answers		TEXT NOT NULL DEFAULT '.........................',
	complete	INTEGER NOT NULL DEFAULT 0,
	created_at	INTEGER NOT NULL,
	updated_at	INTEGER NOT NULL
);
INSERT INTO respondents_new (id, round_id, org_id, role, name, via, answers,
    complete, created_at, updated_at)
    SELECT id, round_id, org_id, role, name, via, answers, complete,
    created_at, updated_at FROM respondents;
DROP TABLE respondents;
ALTER TABLE respondents_new RENAME TO respondents;
CREATE INDEX respondents_round ON respondents(round_id);

-- The revision triggers of 0002 went with the old table.
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
