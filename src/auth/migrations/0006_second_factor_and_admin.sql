-- A second factor for staff (TOTP, RFC 6238, with one-time recovery codes kept as hashes),
-- and what administration on the web needs: deactivating a user, their last sign-in, and
-- one-time password reset links (hardening issue).
ALTER TABLE users ADD COLUMN active INTEGER NOT NULL DEFAULT 1;
ALTER TABLE users ADD COLUMN last_sign_in_at BIGINT NOT NULL DEFAULT 0;
-- 1 for the accounts of a demo scheme: they may sign in without a second factor.
ALTER TABLE users ADD COLUMN factor_optional INTEGER NOT NULL DEFAULT 0;
-- 'full', or a sign-in waiting for its second factor: 'code' (enrolled) or 'enrol' (must
-- enrol first). Only a full session is signed in.
ALTER TABLE sessions ADD COLUMN stage TEXT NOT NULL DEFAULT 'full';

-- The TOTP secret (it must be read to check a code, so it cannot be hashed), whether the
-- user confirmed it with a code, and the last time step used (a code works once).
CREATE TABLE second_factors (
  user_id BIGINT PRIMARY KEY REFERENCES users(id),
  secret TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  confirmed_at BIGINT NOT NULL DEFAULT 0,
  last_step BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE recovery_codes (
  code_hash TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users(id),
  used_at BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX recovery_codes_by_user ON recovery_codes(user_id);

CREATE TABLE password_resets (
  token_hash TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users(id),
  created_by BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  used_at BIGINT NOT NULL DEFAULT 0
);
