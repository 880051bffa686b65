-- The executive's acceptance of the risks left after treatment (issue 12
-- §3): who accepted, when, and the risks as they stood — each risk's id,
-- revision, value, band and treatment, a JSON array — so that a later
-- change to one of them shows that a new acceptance is due.
CREATE TABLE risk_acceptances (
	id		bigserial PRIMARY KEY,
	org_id		bigint NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
	at		bigint NOT NULL,
	user_id		bigint,
	risks		text NOT NULL,
	note		text NOT NULL
);
CREATE INDEX risk_acceptances_org ON risk_acceptances (org_id, id);

CREATE TRIGGER risk_acceptances_notify AFTER INSERT OR UPDATE OR DELETE
ON risk_acceptances FOR EACH ROW EXECUTE FUNCTION mamori_notify_org();
