-- Peer comparison without full scans (PostgreSQL; the same tables as
-- sql/sqlite/0003_peer_stats.sql).  org_latest holds each
-- organisation's latest closed round; cohort_stats the running sums of
-- every cohort (JSIC division × employee band), moved when a round
-- closes.  A company's percentile is one index range count.
CREATE TABLE org_latest (
	org_id		bigint PRIMARY KEY REFERENCES orgs(id) ON DELETE CASCADE,
	round_id	bigint NOT NULL,
	industry	text NOT NULL,
	employees	text NOT NULL,
	score_tenths	bigint NOT NULL,
	parts		text NOT NULL,	-- three part means ×10, "21,10,4"
	items		text NOT NULL,	-- 25 item means ×10
	closed_at	bigint NOT NULL
);
CREATE INDEX org_latest_cohort ON org_latest(industry, employees, score_tenths);

CREATE TABLE cohort_stats (
	industry	text NOT NULL,
	employees	text NOT NULL,
	n		bigint NOT NULL,
	sum_score	bigint NOT NULL,	-- Σ score ×10
	sum_sq		bigint NOT NULL,	-- Σ (score ×10)²
	sum_parts	text NOT NULL,		-- Σ part means ×10, "a,b,c"
	sum_items	text NOT NULL,		-- Σ item means ×10, 25 values
	PRIMARY KEY (industry, employees)
);

-- How many companies of a cohort have each score: a rank is then a sum
-- over at most 1,251 rows (scores −25.0…100.0), however large the cohort.
CREATE TABLE cohort_hist (
	industry	text NOT NULL,
	employees	text NOT NULL,
	score_tenths	bigint NOT NULL,
	n		bigint NOT NULL,
	PRIMARY KEY (industry, employees, score_tenths)
);
