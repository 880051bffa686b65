-- Two-step sign-in and calendar feeds (issue 16).
--
-- A user's TOTP secret (RFC 6238), sealed: hex of a libsodium secretbox
-- (nonce, then box) under a key derived from the instance secret or the
-- key file (model/totp.h), never shown after enrolment.  on_at 0: the
-- enrolment is begun and not yet confirmed with a code.  last_step: the
-- last 30-second time step a code was accepted for; a code of that step
-- or an earlier one is refused, so no code works twice.
CREATE TABLE user_totp (
	user_id		bigint PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
	secret		text NOT NULL,
	on_at		bigint NOT NULL DEFAULT 0,
	last_step	bigint NOT NULL DEFAULT 0,
	created_at	bigint NOT NULL
);

-- Ten one-time recovery codes a user, stored as keyed BLAKE2b hashes;
-- used_at 0: not used yet.
CREATE TABLE user_recovery (
	user_id		bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	code_hash	text NOT NULL,
	used_at		bigint NOT NULL DEFAULT 0,
	PRIMARY KEY (user_id, code_hash)
);

-- A sign-in half done: the password was right, the code is still to
-- come.  The browser holds the token in a cookie; only its hash is here.
CREATE TABLE login_steps (
	token_hash	text PRIMARY KEY,
	user_id		bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	expires_at	bigint NOT NULL
);

-- Organisations whose members must use two-step sign-in (a row: on).
-- The whole instance's setting is meta key 'twostep_required' ('1').
CREATE TABLE org_twostep (
	org_id		bigint PRIMARY KEY REFERENCES orgs(id) ON DELETE CASCADE,
	set_at		bigint NOT NULL,
	set_by		bigint
);

-- A user's private calendar feed: /cal/TOKEN.ics, only the token's hash
-- kept.  Deleting the row revokes the feed.
CREATE TABLE cal_feeds (
	user_id		bigint PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
	token_hash	text NOT NULL UNIQUE,
	created_at	bigint NOT NULL
);
