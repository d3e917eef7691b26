-- A note a link worker marks as an anonymised case study, with the person's consent to share:
-- it appears in the practice's monthly digest (insight issue, item 8).
ALTER TABLE case_notes ADD COLUMN case_study INTEGER NOT NULL DEFAULT 0;
