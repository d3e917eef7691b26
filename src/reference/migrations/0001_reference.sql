-- Shared reference data: the organisations (ICB, PCNs, practices, community organisations)
-- and open data about postcodes.
CREATE TABLE organisations (
  code TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('icb', 'pcn', 'practice', 'vcse')),
  name TEXT NOT NULL,
  parent_code TEXT REFERENCES organisations(code),
  postcode TEXT NOT NULL DEFAULT ''
);

CREATE TABLE postcodes (
  postcode TEXT PRIMARY KEY,
  lsoa11 TEXT NOT NULL,
  imd_decile INTEGER NOT NULL,
  ruc11_code TEXT NOT NULL,
  ruc11_name TEXT NOT NULL
);
