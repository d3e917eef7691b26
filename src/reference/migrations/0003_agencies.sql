-- Agencies (a fire service, a job centre, a housing association) are organisations that
-- refer, each into an area: the PCNs or the ICB named in `areas` (codes joined by commas).
ALTER TABLE organisations ADD COLUMN areas TEXT NOT NULL DEFAULT '';
-- postgresql only
ALTER TABLE organisations DROP CONSTRAINT IF EXISTS organisations_kind_check;
ALTER TABLE organisations ADD CONSTRAINT organisations_kind_check
  CHECK (kind IN ('icb', 'pcn', 'practice', 'vcse', 'agency'));
-- end
-- sqlite only
-- SQLite cannot alter a CHECK constraint. Widening one changes nothing stored, so the table's
-- definition is edited in place, as SQLite's ALTER TABLE documentation describes, and the
-- schema version is changed so that every connection reads the new definition.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = replace(sql, '''vcse''))', '''vcse'', ''agency''))')
  WHERE type = 'table' AND name = 'organisations';
PRAGMA schema_version = 7000003;
PRAGMA writable_schema = OFF;
-- end
