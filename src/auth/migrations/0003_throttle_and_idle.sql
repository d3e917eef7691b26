-- Sign-in throttling by username and client address together, and by client address alone
-- (hardening findings 1 and 3); sessions end after a while without use (finding 14).
ALTER TABLE sign_in_failures ADD COLUMN client TEXT NOT NULL DEFAULT '';
CREATE INDEX sign_in_failures_by_client ON sign_in_failures(client, at);
ALTER TABLE sessions ADD COLUMN last_seen_at BIGINT NOT NULL DEFAULT 0;
UPDATE sessions SET last_seen_at = created_at;
CREATE INDEX sessions_by_expiry ON sessions(expires_at);
