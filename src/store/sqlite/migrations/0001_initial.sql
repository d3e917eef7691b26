-- Linkway schema, version 1 (SQLite).
CREATE TABLE organisations (
  code TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('icb', 'pcn', 'practice', 'vcse')),
  name TEXT NOT NULL,
  parent_code TEXT REFERENCES organisations(code),
  postcode TEXT NOT NULL DEFAULT ''
);

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL,
  profession TEXT NOT NULL DEFAULT '',
  org_code TEXT NOT NULL REFERENCES organisations(code),
  password_hash TEXT NOT NULL DEFAULT ''
);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  csrf_token TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);

CREATE TABLE api_tokens (
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  created_at INTEGER NOT NULL
);

CREATE TABLE referrals (
  id INTEGER PRIMARY KEY,
  nhs_number TEXT NOT NULL,
  given_name TEXT NOT NULL,
  family_name TEXT NOT NULL,
  date_of_birth TEXT NOT NULL,
  postcode TEXT NOT NULL,
  phone TEXT NOT NULL,
  practice_code TEXT NOT NULL REFERENCES organisations(code),
  pcn_code TEXT NOT NULL,
  referrer_id INTEGER NOT NULL REFERENCES users(id),
  referrer_profession TEXT NOT NULL,
  reasons TEXT NOT NULL,
  reason_other TEXT NOT NULL,
  consent_referral INTEGER NOT NULL,
  consent_share INTEGER NOT NULL,
  urgency TEXT NOT NULL,
  note TEXT NOT NULL,
  state TEXT NOT NULL,
  outcome TEXT NOT NULL DEFAULT '',
  state_reason TEXT NOT NULL DEFAULT '',
  received_at INTEGER NOT NULL,
  accepted_at INTEGER,
  declined_at INTEGER,
  withdrawn_at INTEGER,
  contacted_at INTEGER,
  unable_to_contact_at INTEGER,
  active_at INTEGER,
  closed_at INTEGER
);
CREATE INDEX referrals_by_practice ON referrals(practice_code, received_at);
CREATE INDEX referrals_by_pcn ON referrals(pcn_code, state, received_at);
CREATE INDEX referrals_by_nhs_number ON referrals(nhs_number);

-- Append-only history of every step.
CREATE TABLE referral_events (
  id INTEGER PRIMARY KEY,
  referral_id INTEGER NOT NULL REFERENCES referrals(id),
  at INTEGER NOT NULL,
  user_id INTEGER NOT NULL REFERENCES users(id),
  role TEXT NOT NULL,
  from_state TEXT,
  to_state TEXT NOT NULL,
  reason TEXT NOT NULL,
  code_system TEXT NOT NULL,
  code TEXT NOT NULL,
  code_display TEXT NOT NULL
);
CREATE INDEX referral_events_by_referral ON referral_events(referral_id, id);
CREATE TRIGGER referral_events_no_update BEFORE UPDATE ON referral_events
  BEGIN SELECT RAISE(ABORT, 'referral history is append-only'); END;
CREATE TRIGGER referral_events_no_delete BEFORE DELETE ON referral_events
  BEGIN SELECT RAISE(ABORT, 'referral history is append-only'); END;

CREATE TABLE idempotency_keys (
  user_id INTEGER NOT NULL REFERENCES users(id),
  key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  referral_id INTEGER NOT NULL REFERENCES referrals(id),
  created_at INTEGER NOT NULL,
  PRIMARY KEY (user_id, key)
);

CREATE TABLE signposts (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  practice_code TEXT NOT NULL,
  pcn_code TEXT NOT NULL,
  user_id INTEGER NOT NULL REFERENCES users(id),
  profession TEXT NOT NULL,
  service TEXT NOT NULL,
  reasons TEXT NOT NULL,
  note TEXT NOT NULL,
  code_system TEXT NOT NULL,
  code TEXT NOT NULL
);
CREATE INDEX signposts_by_practice ON signposts(practice_code, at);
CREATE INDEX signposts_by_pcn ON signposts(pcn_code, at);

CREATE TABLE drafts (
  token_hash TEXT PRIMARY KEY,
  created_by INTEGER NOT NULL REFERENCES users(id),
  payload TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER
);

-- Append-only audit trail: who read or wrote which record, and when.
CREATE TABLE audit (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  user_id INTEGER NOT NULL,
  username TEXT NOT NULL,
  role TEXT NOT NULL,
  action TEXT NOT NULL,
  record_type TEXT NOT NULL,
  record_id TEXT NOT NULL
);
CREATE INDEX audit_by_record ON audit(record_type, record_id);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
  BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
  BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;

CREATE TABLE postcodes (
  postcode TEXT PRIMARY KEY,
  lsoa11 TEXT NOT NULL,
  imd_decile INTEGER NOT NULL,
  ruc11_code TEXT NOT NULL,
  ruc11_name TEXT NOT NULL
);
