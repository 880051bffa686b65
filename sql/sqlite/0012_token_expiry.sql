-- An API token expires (api-token-days after it was made) and shows when
-- it was last used; a password change or the owner revokes it.  A token
-- made before this gets 90 days from now.
ALTER TABLE users ADD COLUMN token_expires_at INTEGER;
ALTER TABLE users ADD COLUMN token_used_at INTEGER;
UPDATE users SET token_expires_at = CAST(strftime('%s', 'now') AS INTEGER)
    + 90 * 86400 WHERE token_hash IS NOT NULL;
