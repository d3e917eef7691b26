-- Referrals with their append-only history and idempotency keys, one-action signposts, and
-- the prefilled referrals GP systems hand over.
CREATE TABLE referrals (
  id {{id}},
  nhs_number TEXT NOT NULL,
  given_name TEXT NOT NULL,
  family_name TEXT NOT NULL,
  date_of_birth TEXT NOT NULL,
  postcode TEXT NOT NULL,
  phone TEXT NOT NULL,
  practice_code TEXT NOT NULL REFERENCES organisations(code),
  pcn_code TEXT NOT NULL,
  referrer_id BIGINT NOT NULL REFERENCES users(id),
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
  received_at BIGINT NOT NULL,
  accepted_at BIGINT,
  declined_at BIGINT,
  withdrawn_at BIGINT,
  contacted_at BIGINT,
  unable_to_contact_at BIGINT,
  active_at BIGINT,
  closed_at BIGINT
);
CREATE INDEX referrals_by_practice ON referrals(practice_code, received_at);
CREATE INDEX referrals_by_pcn ON referrals(pcn_code, state, received_at);
CREATE INDEX referrals_by_nhs_number ON referrals(nhs_number);

-- Append-only history of every step.
CREATE TABLE referral_events (
  id {{id}},
  referral_id BIGINT NOT NULL REFERENCES referrals(id),
  at BIGINT NOT NULL,
  user_id BIGINT NOT NULL REFERENCES users(id),
  role TEXT NOT NULL,
  from_state TEXT,
  to_state TEXT NOT NULL,
  reason TEXT NOT NULL,
  code_system TEXT NOT NULL,
  code TEXT NOT NULL,
  code_display TEXT NOT NULL
);
CREATE INDEX referral_events_by_referral ON referral_events(referral_id, id);
-- sqlite only
CREATE TRIGGER referral_events_no_update BEFORE UPDATE ON referral_events
  BEGIN SELECT RAISE(ABORT, 'referral history is append-only'); END;
CREATE TRIGGER referral_events_no_delete BEFORE DELETE ON referral_events
  BEGIN SELECT RAISE(ABORT, 'referral history is append-only'); END;
-- end
-- postgresql only
CREATE TRIGGER referral_events_append_only BEFORE UPDATE OR DELETE ON referral_events
  FOR EACH ROW EXECUTE FUNCTION linkway_append_only('referral history');
-- end

CREATE TABLE idempotency_keys (
  user_id BIGINT NOT NULL REFERENCES users(id),
  key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  referral_id BIGINT NOT NULL REFERENCES referrals(id),
  created_at BIGINT NOT NULL,
  PRIMARY KEY (user_id, key)
);

CREATE TABLE signposts (
  id {{id}},
  at BIGINT NOT NULL,
  practice_code TEXT NOT NULL,
  pcn_code TEXT NOT NULL,
  user_id BIGINT NOT NULL REFERENCES users(id),
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
  created_by BIGINT NOT NULL REFERENCES users(id),
  payload TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  used_at BIGINT
);
