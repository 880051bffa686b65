-- The advisor's programme with a client organisation (issue 15): one
-- engagement per organisation, opened by an advisor from a programme
-- template (content/programmes/<template>.yaml), its visits numbered from
-- 1 as the template lists them, the homework agreed at each visit, and
-- the state of each of the template's deliverables.  Dates are days as
-- text, YYYY-MM-DD (Japan time), '' when not set.  rev counts saves: an
-- edit names the rev it started from and is refused when another save
-- came first.
CREATE TABLE engagements (
	org_id		bigint PRIMARY KEY REFERENCES orgs(id) ON DELETE CASCADE,
	advisor_id	bigint,
	template	text NOT NULL,
	state		text NOT NULL,
	first_visit	text NOT NULL,
	created_at	bigint NOT NULL
);

-- One visit: its planned and held days, who came, online or on site,
-- the notes per agenda point (a JSON object keyed by the template's
-- agenda keys) and the decisions.
CREATE TABLE engagement_visits (
	org_id		bigint NOT NULL REFERENCES engagements(org_id)
			    ON DELETE CASCADE,
	n		bigint NOT NULL,
	planned		text NOT NULL,
	held		text NOT NULL DEFAULT '',
	attendees	text NOT NULL DEFAULT '',
	mode		text NOT NULL DEFAULT 'on_site',
	notes		text NOT NULL DEFAULT '{}',
	decisions	text NOT NULL DEFAULT '',
	rev		bigint NOT NULL DEFAULT 1,
	updated_at	bigint NOT NULL,
	updated_by	bigint,
	PRIMARY KEY (org_id, n)
);

-- Homework agreed at visit `visit`, for the company or the advisor; due
-- is required, done '' until it is done.
CREATE TABLE engagement_homework (
	id		bigserial PRIMARY KEY,
	org_id		bigint NOT NULL REFERENCES engagements(org_id)
			    ON DELETE CASCADE,
	visit		bigint NOT NULL,
	side		text NOT NULL,
	body		text NOT NULL,
	due		text NOT NULL,
	done		text NOT NULL DEFAULT ''
);
CREATE INDEX engagement_homework_org ON engagement_homework (org_id, visit,
    id);

-- The state of a deliverable of the template: not_started, draft, agreed.
CREATE TABLE engagement_deliverables (
	org_id		bigint NOT NULL REFERENCES engagements(org_id)
			    ON DELETE CASCADE,
	deliverable	text NOT NULL,
	state		text NOT NULL,
	updated_at	bigint NOT NULL,
	updated_by	bigint,
	PRIMARY KEY (org_id, deliverable)
);

-- A change tells every node (db_watch), like the organisation's other
-- tables.
CREATE TRIGGER engagements_notify AFTER INSERT OR UPDATE OR DELETE
ON engagements FOR EACH ROW EXECUTE FUNCTION mamori_notify_org();
CREATE TRIGGER engagement_visits_notify AFTER INSERT OR UPDATE OR DELETE
ON engagement_visits FOR EACH ROW EXECUTE FUNCTION mamori_notify_org();
CREATE TRIGGER engagement_homework_notify AFTER INSERT OR UPDATE OR DELETE
ON engagement_homework FOR EACH ROW EXECUTE FUNCTION mamori_notify_org();
CREATE TRIGGER engagement_deliverables_notify AFTER INSERT OR UPDATE OR
DELETE ON engagement_deliverables FOR EACH ROW EXECUTE FUNCTION
mamori_notify_org();
