-- What an organisation sets once for a whole register, as a JSON body
-- the register's declaration reads (e.g. the business processes' RTO
-- table: one of the three examples or the organisation's own).  rev
-- counts saves: a save names the rev it started from.
CREATE TABLE reg_settings (
	org_id		INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
	reg		TEXT NOT NULL,
	rev		INTEGER NOT NULL,
	body		TEXT NOT NULL,
	updated_at	INTEGER NOT NULL,
	updated_by	INTEGER,
	PRIMARY KEY (org_id, reg)
);
