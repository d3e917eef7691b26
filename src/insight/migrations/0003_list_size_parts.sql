-- Practices' registered populations in parts, the denominators of equity figures: by sex and
-- ten-year age band ('age', value 'MALE/20-29') from NHS Digital's five-year age files, and by
-- LSOA ('lsoa', value 'E01014050') from its "by LSOA" file, with the same patients by their
-- LSOA's deprivation decile ('imd', '1' to '10') and rural-urban class ('rurality', 'C1') as the
-- postcodes held gave them when the file was imported ('unknown' where they did not).
CREATE TABLE list_size_parts (
  practice_code TEXT NOT NULL REFERENCES organisations(code),
  part TEXT NOT NULL,
  value TEXT NOT NULL,
  n BIGINT NOT NULL,
  PRIMARY KEY (practice_code, part, value)
);

-- A user's counts, by value (the dashboards of one clinician), and a scope's, by practice code
-- (a practice's own, or "*" and a PCN's code, or "*" for the ICB: aggregates.cpp).
CREATE INDEX activity_counts_by_value ON activity_counts(dimension, value, month);
CREATE INDEX activity_counts_by_scope ON activity_counts(dimension, practice_code, month);
