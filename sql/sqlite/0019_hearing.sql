-- The advisor's hearing sheet and confidentiality pledges (issue 15).
-- hearing_answers: one row per organisation and item of the sheet
-- (content/hearing.yaml names the items), made when it is first saved;
-- rev counts its saves (a save names the rev it started from), visit is
-- the programme visit in which it was last filled.
CREATE TABLE hearing_answers (
	org_id		INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
	item		TEXT NOT NULL,
	result		TEXT NOT NULL DEFAULT '',
	consider	TEXT NOT NULL DEFAULT '',
	visit		INTEGER NOT NULL DEFAULT 1,
	state		TEXT NOT NULL DEFAULT 'open'
			CHECK (state IN ('open', 'answered')),
	rev		INTEGER NOT NULL DEFAULT 1,
	updated_at	INTEGER NOT NULL,
	updated_by	INTEGER,
	PRIMARY KEY (org_id, item)
);

-- A pledge handed over (or posted) to the organisation by an advisor:
-- the name as printed on it and the day it was handed, YYYY-MM-DD.
CREATE TABLE pledges (
	id		INTEGER PRIMARY KEY,
	org_id		INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
	user_id		INTEGER,
	name		TEXT NOT NULL,
	handed_on	TEXT NOT NULL,
	mode		TEXT NOT NULL CHECK (mode IN ('handed', 'posted')),
	created_at	INTEGER NOT NULL
);
CREATE INDEX pledges_org ON pledges (org_id, id);
