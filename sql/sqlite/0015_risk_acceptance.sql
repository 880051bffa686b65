-- The executive's acceptance of the risks left after treatment (issue 12
-- §3): who accepted, when, and the risks as they stood — each risk's id,
-- revision, value, band and treatment, a JSON array — so that a later
-- change to one of them shows that a new acceptance is due.
CREATE TABLE risk_acceptances (
	id		INTEGER PRIMARY KEY AUTOINCREMENT,
	org_id		INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
	at		INTEGER NOT NULL,
	user_id		INTEGER,
	risks		TEXT NOT NULL,
	note		TEXT NOT NULL
);
CREATE INDEX risk_acceptances_org ON risk_acceptances (org_id, id);
