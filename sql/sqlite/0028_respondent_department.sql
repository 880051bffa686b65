-- A respondent's department (issue 16): typed on the round's shared link,
-- or set by the admin on a personal link; '' when none was given.  The
-- results page and the board one-pager group the scores by it.
ALTER TABLE respondents ADD COLUMN department TEXT NOT NULL DEFAULT '';
