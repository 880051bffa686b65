-- PostgreSQL's 0014 notifies other nodes of changes to sessions,
-- accounts, memberships and comments; on SQLite every commit of any
-- process shows at once in the WAL index (db_mark), so nothing is
-- needed.  Kept so that both engines count the same schema versions.
SELECT 1;
