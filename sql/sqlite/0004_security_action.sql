-- SECURITY ACTION: which of the five principles an organisation says it
-- works on, when and by whom that was recorded.
CREATE TABLE org_principles (
	org_id		INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
	principle	TEXT NOT NULL,
	done		INTEGER NOT NULL,
	updated_at	INTEGER NOT NULL,
	updated_by	INTEGER,
	PRIMARY KEY (org_id, principle)
);
