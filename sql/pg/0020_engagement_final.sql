-- The end of an advisor's programme (issue 15): the advisor's summary for
-- the final report (up to 4000 characters), and the state of the
-- company's SECURITY ACTION two-star application — the day it was done
-- or the day it is planned for (days YYYY-MM-DD, '' when not set; at
-- most one of the two is set).  final_rev counts the saves of these
-- three: a save names the rev it started from and is refused when
-- another save came first.
ALTER TABLE engagements ADD COLUMN summary text NOT NULL DEFAULT '';
ALTER TABLE engagements ADD COLUMN two_star_done text NOT NULL DEFAULT '';
ALTER TABLE engagements ADD COLUMN two_star_planned text NOT NULL
    DEFAULT '';
ALTER TABLE engagements ADD COLUMN final_rev bigint NOT NULL DEFAULT 1;
