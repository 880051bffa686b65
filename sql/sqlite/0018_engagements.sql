-- The advisor's programme with a client organisation (issue 15): one
-- engagement per organisation, opened by an advisor from a programme
-- template (content/programmes/<template>.yaml), its visits numbered from
-- 1 as the template lists them, the homework agreed at each visit, and
-- the state of each of the template's deliverables.  Dates are days as
-- text, YYYY-MM-DD (Japan time), '' when not set.  rev counts saves: an
-- edit names the rev it started from and is refused when another save
-- came first.
CREATE TABLE engagements (
	org_id		INTEGER PRIMARY KEY REFERENCES orgs(id) ON DELETE CASCADE,
	advisor_id	INTEGER,
	template	TEXT NOT NULL,
	state		TEXT NOT NULL,
	first_visit	TEXT NOT NULL,
	created_at	INTEGER NOT NULL
);

-- One visit: its planned and held days, who came, online or on site,
-- the notes per agenda point (a JSON object keyed by the template's
-- agenda keys) and the decisions.
CREATE TABLE engagement_visits (
	org_id		INTEGER NOT NULL REFERENCES engagements(org_id)
			    ON DELETE CASCADE,
	n		INTEGER NOT NULL,
	planned		TEXT NOT NULL,
	held		TEXT NOT NULL DEFAULT '',
	attendees	TEXT NOT NULL DEFAULT '',
	mode		TEXT NOT NULL DEFAULT 'on_site',
	notes		TEXT NOT NULL DEFAULT '{}',
	decisions	TEXT NOT NULL DEFAULT '',
	rev		INTEGER NOT NULL DEFAULT 1,
	updated_at	INTEGER NOT NULL,
	updated_by	INTEGER,
	PRIMARY KEY (org_id, n)
);

-- Homework agreed at visit `visit`, for the company or the advisor; due
-- is required, done '' until it is done.
CREATE TABLE engagement_homework (
	id		INTEGER PRIMARY KEY,
	org_id		INTEGER NOT NULL REFERENCES engagements(org_id)
			    ON DELETE CASCADE,
	visit		INTEGER NOT NULL,
	side		TEXT NOT NULL,
	body		TEXT NOT NULL,
	due		TEXT NOT NULL,
	done		TEXT NOT NULL DEFAULT ''
);
CREATE INDEX engagement_homework_org ON engagement_homework (org_id, visit,
    id);

-- The state of a deliverable of the template: not_started, draft, agreed.
CREATE TABLE engagement_deliverables (
	org_id		INTEGER NOT NULL REFERENCES engagements(org_id)
			    ON DELETE CASCADE,
	deliverable	TEXT NOT NULL,
	state		TEXT NOT NULL,
	updated_at	INTEGER NOT NULL,
	updated_by	INTEGER,
	PRIMARY KEY (org_id, deliverable)
);
