-- What an organisation sets once for a whole register, as a JSON body
-- the register's declaration reads (e.g. the business processes' RTO
-- table: one of the three examples or the organisation's own).  rev
-- counts saves: a save names the rev it started from.
CREATE TABLE reg_settings (
	org_id		bigint NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
	reg		text NOT NULL,
	rev		bigint NOT NULL,
	body		text NOT NULL,
	updated_at	bigint NOT NULL,
	updated_by	bigint,
	PRIMARY KEY (org_id, reg)
);

-- A change tells every node (db_watch), like a register row's.
CREATE TRIGGER reg_settings_notify AFTER INSERT OR UPDATE OR DELETE
ON reg_settings FOR EACH ROW EXECUTE FUNCTION mamori_notify_org();
