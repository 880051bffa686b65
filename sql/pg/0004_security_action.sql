-- SECURITY ACTION: which of the five principles an organisation says it
-- works on, when and by whom that was recorded.
CREATE TABLE org_principles (
	org_id		bigint NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
	principle	text NOT NULL,
	done		integer NOT NULL,
	updated_at	bigint NOT NULL,
	updated_by	bigint,
	PRIMARY KEY (org_id, principle)
);
