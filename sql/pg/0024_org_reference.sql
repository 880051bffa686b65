-- Issue 16, the reference part: what an organisation's profile adds so
-- that mamori can say whether it is an SME under the SME Basic Act and
-- place it in one of the six categories.
-- capital_yen, staff_count: the exact figures, optional (NULL: not
-- given; the bands of the profile are used instead).  sme_group: the
-- group of the Act the company's main business falls in ('' : worked
-- out from the industry; set only where the industry splits between
-- groups).  it_use, sec_posture: the two plain questions of the six
-- categories ('' : not answered yet).
ALTER TABLE orgs ADD COLUMN capital_yen bigint;
ALTER TABLE orgs ADD COLUMN staff_count integer;
ALTER TABLE orgs ADD COLUMN sme_group text NOT NULL DEFAULT '';
ALTER TABLE orgs ADD COLUMN it_use text NOT NULL DEFAULT '';
ALTER TABLE orgs ADD COLUMN sec_posture text NOT NULL DEFAULT '';
