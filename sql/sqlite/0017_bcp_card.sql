-- The emergency card's capability link (issue 13): one per organisation,
-- opened without signing in at /c/{token}.  Only the token's BLAKE2b hash
-- is kept, like the other links; an admin replaces it (a new token, the
-- old one stops working) or revokes it (the row goes).
CREATE TABLE bcp_card_links (
	org_id		INTEGER PRIMARY KEY REFERENCES orgs(id) ON DELETE CASCADE,
	token_hash	TEXT NOT NULL UNIQUE,
	created_at	INTEGER NOT NULL,
	created_by	INTEGER
);
