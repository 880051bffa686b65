-- The most respondents a round's shared link may make, as the admin set
-- it on the round page, or NULL for the default (three times the top of
-- the organisation's employee band, at least 50): one person with the
-- link must not be able to fill a round with made-up respondents.
ALTER TABLE rounds ADD COLUMN shared_cap integer;
