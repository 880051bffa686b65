-- The basic security policy: every save is a new version of the whole
-- text (body: JSON), approved by the organisation admin; policy_pub holds
-- the one version an organisation has made public, at /p/{slug}/policy.
CREATE TABLE policy_versions (
	id		bigserial PRIMARY KEY,
	org_id		bigint NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
	version		integer NOT NULL,
	body		text NOT NULL,
	created_at	bigint NOT NULL,
	created_by	bigint,
	approved_at	bigint,
	approved_by	bigint,
	UNIQUE (org_id, version)
);

CREATE TABLE policy_pub (
	org_id		bigint PRIMARY KEY REFERENCES orgs(id) ON DELETE CASCADE,
	slug		text NOT NULL UNIQUE,
	version_id	bigint NOT NULL REFERENCES policy_versions(id),
	published_at	bigint NOT NULL
);
