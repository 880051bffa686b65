-- Tell every node at once when who may do what changes, so that a node
-- can keep who a session or an API token is, and a member's role, until
-- it is told otherwise instead of asking on every request (struct
-- app.auth, src/pages/page_auth.c).  The payload "auth" moves the
-- node's counter of accounts and memberships (app_fresh_note).
-- Sessions notify when one ends (signing out, a password change) or
-- changes; a new one is in no node's memory yet.  Users notify on any
-- change: a role, an e-mail, a password, a token made, revoked or used.
-- Members notify on any change: joining, a role, leaving.
CREATE FUNCTION mamori_notify_auth() RETURNS trigger AS $$
BEGIN
	PERFORM pg_notify('mamori', 'auth');
	RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER sessions_auth_notify AFTER UPDATE OR DELETE ON sessions
FOR EACH STATEMENT EXECUTE FUNCTION mamori_notify_auth();
CREATE TRIGGER users_auth_notify AFTER UPDATE OR DELETE ON users
FOR EACH STATEMENT EXECUTE FUNCTION mamori_notify_auth();
CREATE TRIGGER members_auth_notify AFTER INSERT OR UPDATE OR DELETE
ON members FOR EACH STATEMENT EXECUTE FUNCTION mamori_notify_auth();

-- The advisor's comment on a round is kept with the round's results
-- page the same way: its changes move the organisation's counter.
CREATE TRIGGER round_comments_notify AFTER INSERT OR UPDATE OR DELETE
ON round_comments FOR EACH ROW EXECUTE FUNCTION mamori_notify_org();
