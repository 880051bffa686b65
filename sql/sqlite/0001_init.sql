-- mamori schema, version 1 (SQLite).
-- Times are Unix seconds (INTEGER).  Every row that belongs to an
-- organisation carries org_id, and every statement on it is scoped by it.

CREATE TABLE IF NOT EXISTS meta (
	key	TEXT PRIMARY KEY,
	value	TEXT NOT NULL
);

CREATE TABLE users (
	id		INTEGER PRIMARY KEY,
	email		TEXT NOT NULL UNIQUE,
	pw_hash		TEXT NOT NULL,
	role		TEXT NOT NULL CHECK (role IN ('admin', 'advisor', 'member')),
	lang		TEXT NOT NULL DEFAULT 'ja' CHECK (lang IN ('ja', 'en')),
	token_hash	TEXT UNIQUE,
	created_at	INTEGER NOT NULL
);

CREATE TABLE orgs (
	id		INTEGER PRIMARY KEY,
	name		TEXT NOT NULL,
	industry	TEXT NOT NULL,
	employees	TEXT NOT NULL,
	capital		TEXT NOT NULL,
	prefecture	TEXT NOT NULL,
	dep_many	INTEGER NOT NULL DEFAULT 0,
	dep_manual	INTEGER NOT NULL DEFAULT 0,
	dep_others	INTEGER NOT NULL DEFAULT 0,
	dep_class	TEXT NOT NULL DEFAULT 'ume',
	created_at	INTEGER NOT NULL
);

-- Who works in which organisation, and as what.  An advisor has one row
-- per client organisation.
CREATE TABLE members (
	user_id	INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	org_id	INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
	role	TEXT NOT NULL CHECK (role IN ('org_admin', 'advisor', 'member')),
	PRIMARY KEY (user_id, org_id)
);
CREATE INDEX members_org ON members(org_id);

-- A session is known by the hash of its cookie; the cookie itself is
-- never stored.
CREATE TABLE sessions (
	id_hash		TEXT PRIMARY KEY,
	user_id		INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	csrf		TEXT NOT NULL,
	org_id		INTEGER,
	created_at	INTEGER NOT NULL,
	seen_at		INTEGER NOT NULL,
	expires_at	INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

-- One-time links: first-admin set-up and invitations.
CREATE TABLE once_links (
	token_hash	TEXT PRIMARY KEY,
	kind		TEXT NOT NULL CHECK (kind IN ('setup', 'invite')),
	org_id		INTEGER,
	role		TEXT NOT NULL,
	created_by	INTEGER,
	expires_at	INTEGER NOT NULL,
	used_at		INTEGER
);

-- Fixed-window counters for login attempts, by e-mail and by address.
CREATE TABLE rate_limits (
	key		TEXT PRIMARY KEY,
	window_start	INTEGER NOT NULL,
	hits		INTEGER NOT NULL
);

CREATE TABLE audit (
	id	INTEGER PRIMARY KEY,
	at	INTEGER NOT NULL,
	org_id	INTEGER,
	user_id	INTEGER,
	event	TEXT NOT NULL,
	detail	TEXT NOT NULL DEFAULT '',
	addr	TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_org ON audit(org_id, id);

CREATE TABLE rounds (
	id		INTEGER PRIMARY KEY,
	org_id		INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
	title		TEXT NOT NULL,
	status		TEXT NOT NULL CHECK (status IN ('open', 'closed')),
	opened_at	INTEGER NOT NULL,
	closed_at	INTEGER,
	opened_by	INTEGER
);
CREATE INDEX rounds_org ON rounds(org_id, id);

-- One row a respondent, the 25 answers encoded as one string (see
-- model/diag.h): one row per submission doubles insert throughput
-- against one row an answer.
CREATE TABLE respondents (
	id		INTEGER PRIMARY KEY,
	round_id	INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
	org_id		INTEGER NOT NULL,
	role		TEXT NOT NULL CHECK (role IN ('executive', 'manager', 'employee')),
	name		TEXT NOT NULL DEFAULT '',
	via		TEXT NOT NULL CHECK (via IN ('personal', 'shared', 'csv')),
	answers		TEXT NOT NULL DEFAULT '.........................',
	complete	INTEGER NOT NULL DEFAULT 0,
	created_at	INTEGER NOT NULL,
	updated_at	INTEGER NOT NULL
);
CREATE INDEX respondents_round ON respondents(round_id);
