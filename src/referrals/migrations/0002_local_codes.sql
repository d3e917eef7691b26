-- The local code table an administrator put in place on the admin pages (hardening issue): it
-- replaces the deployment's file for every instance, and across restarts. One row at most.
CREATE TABLE local_codes (
  id BIGINT PRIMARY KEY CHECK (id = 1),
  csv TEXT NOT NULL,
  updated_at BIGINT NOT NULL,
  updated_by TEXT NOT NULL
);
