-- A revision counter per round, bumped whenever one of its respondents
-- changes (see sql/sqlite/0002_round_revision.sql).
ALTER TABLE rounds ADD COLUMN revision bigint NOT NULL DEFAULT 0;

CREATE FUNCTION mamori_round_bump() RETURNS trigger AS $$
BEGIN
	IF TG_OP = 'DELETE' THEN
		UPDATE rounds SET revision = revision + 1 WHERE id = OLD.round_id;
		RETURN OLD;
	END IF;
	UPDATE rounds SET revision = revision + 1 WHERE id = NEW.round_id;
	RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER respondents_rev
AFTER INSERT OR DELETE OR UPDATE OF answers, complete, role, name
ON respondents FOR EACH ROW EXECUTE FUNCTION mamori_round_bump();
