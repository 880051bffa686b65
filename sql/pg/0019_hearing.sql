-- The advisor's hearing sheet and confidentiality pledges (issue 15).
-- hearing_answers: one row per organisation and item of the sheet
-- (content/hearing.yaml names the items), made when it is first saved;
-- rev counts its saves (a save names the rev it started from), visit is
-- the programme visit in which it was last filled.
CREATE TABLE hearing_answers (
	org_id		bigint NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
	item		text NOT NULL,
	result		text NOT NULL DEFAULT '',
	consider	text NOT NULL DEFAULT '',
	visit		bigint NOT NULL DEFAULT 1,
	state		text NOT NULL DEFAULT 'open'
			CHECK (state IN ('open', 'answered')),
	rev		bigint NOT NULL DEFAULT 1,
	updated_at	bigint NOT NULL,
	updated_by	bigint,
	PRIMARY KEY (org_id, item)
);

-- A pledge handed over (or posted) to the organisation by an advisor:
-- the name as printed on it and the day it was handed, YYYY-MM-DD.
CREATE TABLE pledges (
	id		bigserial PRIMARY KEY,
	org_id		bigint NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
	user_id		bigint,
	name		text NOT NULL,
	handed_on	text NOT NULL,
	mode		text NOT NULL CHECK (mode IN ('handed', 'posted')),
	created_at	bigint NOT NULL
);
CREATE INDEX pledges_org ON pledges (org_id, id);

-- A change tells every node (db_watch), like the organisation's other
-- tables.
CREATE TRIGGER hearing_answers_notify AFTER INSERT OR UPDATE OR DELETE
ON hearing_answers FOR EACH ROW EXECUTE FUNCTION mamori_notify_org();
CREATE TRIGGER pledges_notify AFTER INSERT OR UPDATE OR DELETE
ON pledges FOR EACH ROW EXECUTE FUNCTION mamori_notify_org();
