-- The advisor's (or the organisation admin's) comment on a closed round,
-- shown on its results and in its report: one a round, with who wrote it
-- last and when.
CREATE TABLE round_comments (
	round_id	bigint PRIMARY KEY REFERENCES rounds(id) ON DELETE CASCADE,
	org_id		bigint NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
	body		text NOT NULL,
	updated_at	bigint NOT NULL,
	updated_by	bigint
);
