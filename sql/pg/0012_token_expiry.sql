-- An API token expires (api-token-days after it was made) and shows when
-- it was last used; a password change or the owner revokes it.  A token
-- made before this gets 90 days from now.
ALTER TABLE users ADD COLUMN token_expires_at bigint;
ALTER TABLE users ADD COLUMN token_used_at bigint;
UPDATE users SET token_expires_at = extract(epoch FROM now())::bigint
    + 90 * 86400 WHERE token_hash IS NOT NULL;
