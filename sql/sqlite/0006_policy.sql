-- The basic security policy: every save is a new version of the whole
-- text (body: JSON), approved by the organisation admin; policy_pub holds
-- the one version an organisation has made public, at /p/{slug}/policy.
CREATE TABLE policy_versions (
	id		INTEGER PRIMARY KEY,
	org_id		INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
	version		INTEGER NOT NULL,
	body		TEXT NOT NULL,
	created_at	INTEGER NOT NULL,
	created_by	INTEGER,
	approved_at	INTEGER,
	approved_by	INTEGER,
	UNIQUE (org_id, version)
);

CREATE TABLE policy_pub (
	org_id		INTEGER PRIMARY KEY REFERENCES orgs(id) ON DELETE CASCADE,
	slug		TEXT NOT NULL UNIQUE,
	version_id	INTEGER NOT NULL REFERENCES policy_versions(id),
	published_at	INTEGER NOT NULL
);
