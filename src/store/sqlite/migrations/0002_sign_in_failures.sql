-- Failed sign-ins, kept in the database so that the throttle outlives a restart.
CREATE TABLE sign_in_failures (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX sign_in_failures_by_username ON sign_in_failures(username, at);
