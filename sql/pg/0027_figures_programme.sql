-- The portfolio's programme figures kept in org_figures as well, so that
-- an advisor's list of hundreds of clients reads one row each and no
-- visits or homework: whether the organisation has a programme, its
-- visits planned and held, the planned day of the first visit not held,
-- the day of the last one held, and the due days of the homework not
-- done, per side, sorted and comma separated (how many are overdue is
-- worked out when it is read, as for the plan).  engagement_figures
-- (src/model/engagement.c) writes them in every write of a programme;
-- this fills them for the programmes there are.
ALTER TABLE org_figures ADD COLUMN engaged integer NOT NULL DEFAULT 0;
ALTER TABLE org_figures ADD COLUMN visits integer NOT NULL DEFAULT 0;
ALTER TABLE org_figures ADD COLUMN visits_held integer NOT NULL DEFAULT 0;
ALTER TABLE org_figures ADD COLUMN visit_next text NOT NULL DEFAULT '';
ALTER TABLE org_figures ADD COLUMN visit_last text NOT NULL DEFAULT '';
ALTER TABLE org_figures ADD COLUMN hw_company_dues text NOT NULL DEFAULT '';
ALTER TABLE org_figures ADD COLUMN hw_advisor_dues text NOT NULL DEFAULT '';

UPDATE org_figures SET
	engaged = 1,
	visits = (SELECT count(*) FROM engagement_visits v
	    WHERE v.org_id = org_figures.org_id),
	visits_held = (SELECT count(*) FROM engagement_visits v
	    WHERE v.org_id = org_figures.org_id AND v.held <> ''),
	visit_next = coalesce((SELECT min(v.planned) FROM engagement_visits v
	    WHERE v.org_id = org_figures.org_id AND v.held = ''), ''),
	visit_last = coalesce((SELECT max(v.held) FROM engagement_visits v
	    WHERE v.org_id = org_figures.org_id), ''),
	hw_company_dues = coalesce((SELECT string_agg(h.due, ',' ORDER BY
	    h.due) FROM engagement_homework h WHERE h.org_id =
	    org_figures.org_id AND h.side = 'company' AND h.done = ''), ''),
	hw_advisor_dues = coalesce((SELECT string_agg(h.due, ',' ORDER BY
	    h.due) FROM engagement_homework h WHERE h.org_id =
	    org_figures.org_id AND h.side = 'advisor' AND h.done = ''), '')
WHERE org_id IN (SELECT org_id FROM engagements);
