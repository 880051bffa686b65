-- Tell every node at once what changed, so that a node can keep what it
-- read (a round, the peer figures) until it is told otherwise instead of
-- asking on every view (db_watch in src/db/db.h).  Notifications go out
-- at commit, one per distinct payload and transaction.
CREATE FUNCTION mamori_notify_org() RETURNS trigger AS $$
BEGIN
	IF TG_OP = 'DELETE' THEN
		PERFORM pg_notify('mamori', 'org:' || OLD.org_id);
	ELSE
		PERFORM pg_notify('mamori', 'org:' || NEW.org_id);
	END IF;
	RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER rounds_notify AFTER INSERT OR UPDATE OR DELETE ON rounds
FOR EACH ROW EXECUTE FUNCTION mamori_notify_org();

CREATE FUNCTION mamori_notify_peer() RETURNS trigger AS $$
BEGIN
	PERFORM pg_notify('mamori', 'peer');
	RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER org_latest_notify AFTER INSERT OR UPDATE OR DELETE
ON org_latest FOR EACH STATEMENT EXECUTE FUNCTION mamori_notify_peer();
CREATE TRIGGER cohort_stats_notify AFTER INSERT OR UPDATE OR DELETE
ON cohort_stats FOR EACH STATEMENT EXECUTE FUNCTION mamori_notify_peer();
CREATE TRIGGER orgs_notify AFTER UPDATE ON orgs
FOR EACH STATEMENT EXECUTE FUNCTION mamori_notify_peer();
