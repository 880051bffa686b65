-- The figures an advisor's portfolio (issue 15), and later the programme
-- office, reads for each organisation, kept up to date by
-- figures_refresh (src/model/figures.c) whenever what they come from
-- changes, so that a list of hundreds of clients is one indexed read.
-- score_tenths is the company score ×10 of the latest closed round with
-- answers, prev_score_tenths that of the closed round before it (NULL:
-- none).  plan_open_dues lists the due days of the open plan rows (the
-- last day of their deadline month), sorted, comma separated, so that how
-- many are late on a day is worked out when it is read.  The rows are
-- filled at start for organisations that have none.
CREATE TABLE org_figures (
	org_id		bigint PRIMARY KEY REFERENCES orgs(id) ON DELETE CASCADE,
	score_tenths	integer,
	prev_score_tenths integer,
	stars		integer NOT NULL DEFAULT 0,
	plan_total	integer NOT NULL DEFAULT 0,
	plan_done	integer NOT NULL DEFAULT 0,
	plan_open_dues	text NOT NULL DEFAULT '',
	incidents_open	integer NOT NULL DEFAULT 0,
	updated_at	bigint NOT NULL
);

-- The portfolio reads, for each client, how many visits were held, the
-- next one and the last, and the homework not done past its due day:
-- indexes that hold those columns, so each is read from the index alone.
CREATE INDEX engagement_visits_days ON engagement_visits (org_id, held,
    planned);
CREATE INDEX engagement_homework_open ON engagement_homework (org_id, done,
    side, due);
