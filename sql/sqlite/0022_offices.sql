-- The programme office (issue 15): a body above advisors (a support
-- centre, a chamber of commerce) that runs engagements and sees their
-- progress and statistics over its companies, never the companies' own
-- pages.  Its members are office_admin or office_staff; its advisors are
-- users who run engagements for it.
CREATE TABLE offices (
	id		INTEGER PRIMARY KEY,
	name		TEXT NOT NULL UNIQUE,
	created_at	INTEGER NOT NULL
);

CREATE TABLE office_members (
	office_id	INTEGER NOT NULL REFERENCES offices(id) ON DELETE CASCADE,
	user_id		INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	role		TEXT NOT NULL,		-- office_admin | office_staff
	PRIMARY KEY (office_id, user_id)
);
CREATE INDEX office_members_user ON office_members (user_id);

CREATE TABLE office_advisors (
	office_id	INTEGER NOT NULL REFERENCES offices(id) ON DELETE CASCADE,
	user_id		INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	PRIMARY KEY (office_id, user_id)
);
CREATE INDEX office_advisors_user ON office_advisors (user_id);

-- The office that runs an engagement; NULL: none.  Set when an advisor
-- who belongs to exactly one office opens it, or by an admin of the
-- office (model/office.h).
ALTER TABLE engagements ADD COLUMN office_id INTEGER REFERENCES offices(id)
    ON DELETE SET NULL;
CREATE INDEX engagements_office ON engagements (office_id, org_id);

-- What each organisation last added to its office's sums, so that the
-- next change can take exactly that away.  scored 0: no closed round yet
-- (score and items then count for nothing).
CREATE TABLE office_contrib (
	org_id		INTEGER PRIMARY KEY REFERENCES orgs(id) ON DELETE CASCADE,
	office_id	INTEGER NOT NULL REFERENCES offices(id) ON DELETE CASCADE,
	industry	TEXT NOT NULL,
	employees	TEXT NOT NULL,
	prefecture	TEXT NOT NULL,
	scored		INTEGER NOT NULL,
	score_tenths	INTEGER NOT NULL,
	items		TEXT NOT NULL,		-- 25 item means ×10
	plan_done	INTEGER NOT NULL,
	plan_total	INTEGER NOT NULL,
	stars		INTEGER NOT NULL
);

-- The running sums of an office's companies per dimension (all,
-- industry, employees, prefecture) and key ("*" for all): companies,
-- companies with a score, Σ score ×10, Σ (score ×10)², the score
-- histogram (ten bins of ten points, "h0,…,h9"), Σ item means ×10, plan
-- rows done and in all, companies at two stars.
CREATE TABLE office_stats (
	office_id	INTEGER NOT NULL REFERENCES offices(id) ON DELETE CASCADE,
	dim		TEXT NOT NULL,
	key		TEXT NOT NULL,
	n		INTEGER NOT NULL,
	n_scored	INTEGER NOT NULL,
	sum_score	INTEGER NOT NULL,
	sum_sq		INTEGER NOT NULL,
	hist		TEXT NOT NULL,
	sum_items	TEXT NOT NULL,
	plan_done	INTEGER NOT NULL,
	plan_total	INTEGER NOT NULL,
	two_star	INTEGER NOT NULL,
	PRIMARY KEY (office_id, dim, key)
);
