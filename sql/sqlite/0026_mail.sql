-- E-mail (issue 16): a queue that every node works, one message at a
-- time per node (a lease), the addresses that turned a kind of mail off,
-- and a respondent's address for the round's reminders.
CREATE TABLE mail_queue (
	id		INTEGER PRIMARY KEY AUTOINCREMENT,
	to_addr		TEXT NOT NULL,
	lang		TEXT NOT NULL,
	kind		TEXT NOT NULL,
	subject		TEXT NOT NULL,
	body_text	TEXT NOT NULL,
	body_html	TEXT NOT NULL,
	-- the capability URL that turns this kind off ('' for none)
	unsub_url	TEXT NOT NULL DEFAULT '',
	state		TEXT NOT NULL DEFAULT 'queued' CHECK (state IN
			    ('queued', 'sending', 'sent', 'failed')),
	attempts	INTEGER NOT NULL DEFAULT 0,
	next_try_at	INTEGER NOT NULL,
	claimed_by	TEXT NOT NULL DEFAULT '',
	claimed_until	INTEGER NOT NULL DEFAULT 0,
	last_error	TEXT NOT NULL DEFAULT '',
	-- the same reminder is never queued twice (NULL: no such rule)
	dedupe		TEXT UNIQUE,
	created_at	INTEGER NOT NULL,
	sent_at		INTEGER
);
CREATE INDEX mail_queue_due ON mail_queue (state, next_try_at);

CREATE TABLE mail_off (
	address		TEXT NOT NULL,
	kind		TEXT NOT NULL,
	at		INTEGER NOT NULL,
	PRIMARY KEY (address, kind)
);

-- Who runs the scheduler's pass: one node at a time.
CREATE TABLE mail_lease (
	name		TEXT PRIMARY KEY,
	holder		TEXT NOT NULL,
	until_at	INTEGER NOT NULL
);
INSERT INTO mail_lease (name, holder, until_at) VALUES ('scheduler', '', 0);

ALTER TABLE respondents ADD COLUMN email TEXT NOT NULL DEFAULT '';
