-- E-mail (issue 16): a queue that every node works, one message at a
-- time per node (a lease), the addresses that turned a kind of mail off,
-- and a respondent's address for the round's reminders.
CREATE TABLE mail_queue (
	id		bigserial PRIMARY KEY,
	to_addr		text NOT NULL,
	lang		text NOT NULL,
	kind		text NOT NULL,
	subject		text NOT NULL,
	body_text	text NOT NULL,
	body_html	text NOT NULL,
	-- the capability URL that turns this kind off ('' for none)
	unsub_url	text NOT NULL DEFAULT '',
	state		text NOT NULL DEFAULT 'queued' CHECK (state IN
			    ('queued', 'sending', 'sent', 'failed')),
	attempts	bigint NOT NULL DEFAULT 0,
	next_try_at	bigint NOT NULL,
	claimed_by	text NOT NULL DEFAULT '',
	claimed_until	bigint NOT NULL DEFAULT 0,
	last_error	text NOT NULL DEFAULT '',
	-- the same reminder is never queued twice (NULL: no such rule)
	dedupe		text UNIQUE,
	created_at	bigint NOT NULL,
	sent_at		bigint
);
CREATE INDEX mail_queue_due ON mail_queue (state, next_try_at);

CREATE TABLE mail_off (
	address		text NOT NULL,
	kind		text NOT NULL,
	at		bigint NOT NULL,
	PRIMARY KEY (address, kind)
);

-- Who runs the scheduler's pass: one node at a time.
CREATE TABLE mail_lease (
	name		text PRIMARY KEY,
	holder		text NOT NULL,
	until_at	bigint NOT NULL
);
INSERT INTO mail_lease (name, holder, until_at) VALUES ('scheduler', '', 0);

ALTER TABLE respondents ADD COLUMN email text NOT NULL DEFAULT '';
