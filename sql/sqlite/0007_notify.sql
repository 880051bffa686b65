-- PostgreSQL's 0007 adds change notifications for several nodes; an
-- SQLite instance is one node and asks the database instead.  Kept so
-- that both engines count the same schema versions.
SELECT 1;
