-- The date by which a round's respondents are asked to answer, as
-- YYYY-MM-DD (a day, not a moment: paper and people speak of days), or
-- NULL when the round has none.  Shown to respondents and printed on the
-- paper questionnaire; nothing closes a round by it.
ALTER TABLE rounds ADD COLUMN deadline text;
