-- Every register a company keeps (assets, risks, plan rows, regulation
-- areas…) in one pair of tables, served by one engine
-- (src/model/register.c).  A row's fields are its body: a JSON object
-- whose keys are the register's declared field keys, so a new field is a
-- declaration and no migration.  rev counts a row's saves: an edit names
-- the rev it started from and is refused when another save came first.
-- Ids are never reused, so the history of a deleted row stays its own.
CREATE TABLE reg_rows (
	id		bigserial PRIMARY KEY,
	org_id		bigint NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
	reg		text NOT NULL,
	rev		bigint NOT NULL,
	body		text NOT NULL,
	created_at	bigint NOT NULL,
	created_by	bigint,
	updated_at	bigint NOT NULL,
	updated_by	bigint
);
CREATE INDEX reg_rows_org ON reg_rows (org_id, reg, id);

-- Every save of a register row: what it held after the save (body NULL:
-- deleted), who saved it and when.
CREATE TABLE reg_history (
	id		bigserial PRIMARY KEY,
	org_id		bigint NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
	reg		text NOT NULL,
	row_id		bigint NOT NULL,
	rev		bigint NOT NULL,
	op		text NOT NULL,
	body		text,
	at		bigint NOT NULL,
	user_id		bigint
);
CREATE INDEX reg_history_row ON reg_history (org_id, row_id, rev);

-- A change to a register tells every node (db_watch), like a round's.
CREATE TRIGGER reg_rows_notify AFTER INSERT OR UPDATE OR DELETE ON reg_rows
FOR EACH ROW EXECUTE FUNCTION mamori_notify_org();
