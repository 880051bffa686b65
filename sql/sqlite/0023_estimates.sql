-- The damage and cost estimate (issue 16; model/estimate.h).  An
-- organisation saves estimates by name: the preset (a key of
-- content/damage.yaml) and the four inputs, with the total worked out
-- when saved (the largest is the worst scenario, estimate_worst); rev
-- counts saves, so a stale save is refused.  The inputs are columns, not
-- a body: each is one whole number and the total is read in order.
CREATE TABLE org_estimates (
	id		INTEGER PRIMARY KEY,
	org_id		INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
	name		TEXT NOT NULL,
	preset		TEXT NOT NULL,
	sales		INTEGER NOT NULL,
	staff		INTEGER NOT NULL,
	records		INTEGER NOT NULL,
	days		INTEGER NOT NULL,
	total		INTEGER NOT NULL,
	created_at	INTEGER NOT NULL,
	created_by	INTEGER,
	updated_at	INTEGER NOT NULL,
	updated_by	INTEGER,
	rev		INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX org_estimates_org ON org_estimates (org_id, total);

-- What the company says for the two rules of thumb: its yearly spending
-- on security and what it could pay if an incident happened (NULL: not
-- said).  One row per organisation, made on the first save.
CREATE TABLE org_estimate_money (
	org_id		INTEGER PRIMARY KEY REFERENCES orgs(id) ON DELETE CASCADE,
	spending	INTEGER,
	could_pay	INTEGER,
	rev		INTEGER NOT NULL DEFAULT 1,
	updated_at	INTEGER NOT NULL,
	updated_by	INTEGER
);
