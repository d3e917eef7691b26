-- Sign-in attempts, kept in the database so that the throttle holds across restarts and
-- across every instance.
CREATE TABLE sign_in_failures (
  id {{id}},
  username TEXT NOT NULL,
  at BIGINT NOT NULL
);
CREATE INDEX sign_in_failures_by_username ON sign_in_failures(username, at);
