-- Registered list sizes per practice, from NHS Digital's "Patients Registered at a GP Practice"
-- files: the latest extract imported for each practice (insight issue, item 1).
CREATE TABLE list_sizes (
  practice_code TEXT PRIMARY KEY REFERENCES organisations(code),
  extract_date TEXT NOT NULL,
  total BIGINT NOT NULL,
  male BIGINT NOT NULL DEFAULT 0,
  female BIGINT NOT NULL DEFAULT 0
);
