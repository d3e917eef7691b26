-- Who works in Linkway, how they are signed in, and the audit trail of every read and write of
-- a person's data.
CREATE TABLE users (
  id {{id}},
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL,
  profession TEXT NOT NULL DEFAULT '',
  org_code TEXT NOT NULL REFERENCES organisations(code),
  password_hash TEXT NOT NULL DEFAULT ''
);

-- Sessions and bearer tokens are kept only as SHA-256 hashes of the secret.
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users(id),
  csrf_token TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);

CREATE TABLE api_tokens (
  token_hash TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users(id),
  created_at BIGINT NOT NULL
);

-- Append-only: who read or wrote which record, and when.
CREATE TABLE audit (
  id {{id}},
  at BIGINT NOT NULL,
  user_id BIGINT NOT NULL,
  username TEXT NOT NULL,
  role TEXT NOT NULL,
  action TEXT NOT NULL,
  record_type TEXT NOT NULL,
  record_id TEXT NOT NULL
);
CREATE INDEX audit_by_record ON audit(record_type, record_id);
-- sqlite only
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
  BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
  BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
-- end
-- postgresql only
CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit
  FOR EACH ROW EXECUTE FUNCTION linkway_append_only('the audit trail');
-- end
