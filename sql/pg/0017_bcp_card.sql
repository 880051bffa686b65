-- The emergency card's capability link (issue 13): one per organisation,
-- opened without signing in at /c/{token}.  Only the token's BLAKE2b hash
-- is kept, like the other links; an admin replaces it (a new token, the
-- old one stops working) or revokes it (the row goes).
CREATE TABLE bcp_card_links (
	org_id		bigint PRIMARY KEY REFERENCES orgs(id) ON DELETE CASCADE,
	token_hash	text NOT NULL UNIQUE,
	created_at	bigint NOT NULL,
	created_by	bigint
);

-- A change tells every node (db_watch), like the organisation's other
-- tables.
CREATE TRIGGER bcp_card_links_notify AFTER INSERT OR UPDATE OR DELETE
ON bcp_card_links FOR EACH ROW EXECUTE FUNCTION mamori_notify_org();
