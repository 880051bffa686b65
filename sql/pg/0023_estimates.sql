-- The damage and cost estimate (issue 16; model/estimate.h).  An
-- organisation saves estimates by name: the preset (a key of
-- content/damage.yaml) and the four inputs, with the total worked out
-- when saved (the largest is the worst scenario, estimate_worst); rev
-- counts saves, so a stale save is refused.  The inputs are columns, not
-- a body: each is one whole number and the total is read in order.
CREATE TABLE org_estimates (
	id		bigserial PRIMARY KEY,
	org_id		bigint NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
	name		text NOT NULL,
	preset		text NOT NULL,
	sales		bigint NOT NULL,
	staff		bigint NOT NULL,
	records		bigint NOT NULL,
	days		bigint NOT NULL,
	total		bigint NOT NULL,
	created_at	bigint NOT NULL,
	created_by	bigint,
	updated_at	bigint NOT NULL,
	updated_by	bigint,
	rev		bigint NOT NULL DEFAULT 1
);
CREATE INDEX org_estimates_org ON org_estimates (org_id, total);

-- What the company says for the two rules of thumb: its yearly spending
-- on security and what it could pay if an incident happened (NULL: not
-- said).  One row per organisation, made on the first save.
CREATE TABLE org_estimate_money (
	org_id		bigint PRIMARY KEY REFERENCES orgs(id) ON DELETE CASCADE,
	spending	bigint,
	could_pay	bigint,
	rev		bigint NOT NULL DEFAULT 1,
	updated_at	bigint NOT NULL,
	updated_by	bigint
);

-- A change tells every node (db_watch), like the organisation's other
-- tables.
CREATE TRIGGER org_estimates_notify AFTER INSERT OR UPDATE OR DELETE
ON org_estimates FOR EACH ROW EXECUTE FUNCTION mamori_notify_org();
CREATE TRIGGER org_estimate_money_notify AFTER INSERT OR UPDATE OR DELETE
ON org_estimate_money FOR EACH ROW EXECUTE FUNCTION mamori_notify_org();
