-- The community service directory, on the Open Referral HSDS 3.0 model. An HSDS organization
-- is the organisations row of kind vcse itself (one record, not a copy), with its HSDS id and
-- details here. A service's one-to-many details that are only ever read with it (schedules,
-- phones, contacts, cost options, service areas, languages) are kept as JSON arrays in the
-- service's row; locations, links to them, taxonomy terms and capacity have tables of their own.
CREATE TABLE organization_details (
  org_code TEXT PRIMARY KEY REFERENCES organisations(code),
  hsds_id TEXT NOT NULL UNIQUE,
  description TEXT NOT NULL,
  email TEXT NOT NULL,
  website TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);

CREATE TABLE taxonomies (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  description TEXT NOT NULL,
  uri TEXT NOT NULL,
  version TEXT NOT NULL
);

CREATE TABLE taxonomy_terms (
  id TEXT PRIMARY KEY,
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  description TEXT NOT NULL,
  parent_id TEXT,
  taxonomy_id TEXT NOT NULL REFERENCES taxonomies(id)
);

CREATE TABLE services (
  id TEXT PRIMARY KEY,
  org_code TEXT NOT NULL REFERENCES organisations(code),
  name TEXT NOT NULL,
  alternate_name TEXT NOT NULL,
  description TEXT NOT NULL,
  url TEXT NOT NULL,
  email TEXT NOT NULL,
  status TEXT NOT NULL,
  application_process TEXT NOT NULL,
  fees_description TEXT NOT NULL,
  eligibility_description TEXT NOT NULL,
  minimum_age INTEGER,
  maximum_age INTEGER,
  assured_date TEXT NOT NULL,
  accepts_referrals INTEGER NOT NULL,
  last_modified BIGINT NOT NULL,
  details TEXT NOT NULL
);
CREATE INDEX services_by_org ON services(org_code, name);

CREATE TABLE locations (
  id TEXT PRIMARY KEY,
  org_code TEXT NOT NULL REFERENCES organisations(code),
  name TEXT NOT NULL,
  description TEXT NOT NULL,
  lat_e6 BIGINT,
  lon_e6 BIGINT,
  confidential INTEGER NOT NULL,
  area TEXT NOT NULL,
  address_1 TEXT NOT NULL,
  city TEXT NOT NULL,
  region TEXT NOT NULL,
  state_province TEXT NOT NULL,
  postal_code TEXT NOT NULL,
  country TEXT NOT NULL,
  accessibility TEXT NOT NULL
);

CREATE TABLE service_at_locations (
  id TEXT PRIMARY KEY,
  service_id TEXT NOT NULL REFERENCES services(id),
  location_id TEXT NOT NULL REFERENCES locations(id),
  position INTEGER NOT NULL
);
CREATE INDEX service_at_locations_by_service ON service_at_locations(service_id, position);

-- HSDS attributes: which taxonomy terms describe a service.
CREATE TABLE attributes (
  id TEXT PRIMARY KEY,
  link_id TEXT NOT NULL REFERENCES services(id),
  link_type TEXT NOT NULL,
  taxonomy_term_id TEXT NOT NULL REFERENCES taxonomy_terms(id),
  position INTEGER NOT NULL
);
CREATE INDEX attributes_by_link ON attributes(link_id, position);

CREATE TABLE service_capacity (
  service_id TEXT PRIMARY KEY REFERENCES services(id),
  state TEXT NOT NULL,
  wait_weeks INTEGER NOT NULL,
  updated_at BIGINT NOT NULL,
  updated_by TEXT NOT NULL
);

-- Every edit of a service: who, when, what changed, and the record before and after (HSDS JSON).
CREATE TABLE service_edits (
  id {{id}},
  service_id TEXT NOT NULL REFERENCES services(id),
  at BIGINT NOT NULL,
  user_id BIGINT REFERENCES users(id),
  source TEXT NOT NULL,
  summary TEXT NOT NULL,
  before_json TEXT NOT NULL,
  after_json TEXT NOT NULL
);
CREATE INDEX service_edits_by_service ON service_edits(service_id, id);
-- sqlite only
CREATE TRIGGER service_edits_append_only_update BEFORE UPDATE ON service_edits
BEGIN SELECT RAISE(ABORT, 'service_edits is append-only'); END;
CREATE TRIGGER service_edits_append_only_delete BEFORE DELETE ON service_edits
BEGIN SELECT RAISE(ABORT, 'service_edits is append-only'); END;
-- end
-- postgresql only
CREATE TRIGGER service_edits_append_only BEFORE UPDATE OR DELETE ON service_edits
  FOR EACH ROW EXECUTE FUNCTION linkway_append_only('service history');
-- end
