-- An organisation may keep its figures out of the peer statistics
-- (peer_share 0).  org_latest.shared says whether its latest figures are
-- counted in cohort_stats and cohort_hist right now, so that a change of
-- mind moves exactly what was counted.
ALTER TABLE orgs ADD COLUMN peer_share INTEGER NOT NULL DEFAULT 1;
ALTER TABLE org_latest ADD COLUMN shared INTEGER NOT NULL DEFAULT 1;
