-- Link worker casework: who holds each case, contacts, presence, what matters, the plan,
-- outcome measures, connections to community services, notes, safeguarding concerns and the
-- one feedback message a closed case sends. Referrals themselves are the referrals module's;
-- a case is keyed by its referral's id and kept in step with the referral's state.

-- A link worker's settings: capacity in people per year, and whether they lead their PCN.
CREATE TABLE link_workers (
  user_id BIGINT PRIMARY KEY REFERENCES users(id),
  capacity INTEGER NOT NULL,
  pcn_lead INTEGER NOT NULL,
  phone TEXT NOT NULL,
  email TEXT NOT NULL
);

-- One row per referral from the moment a link worker holds it. `state` mirrors the referral's
-- state, so that the lists read one index; ended_at is set when the case leaves the caseload.
CREATE TABLE cases (
  referral_id BIGINT PRIMARY KEY REFERENCES referrals(id),
  pcn_code TEXT NOT NULL,
  link_worker_id BIGINT REFERENCES users(id),
  state TEXT NOT NULL,
  urgent INTEGER NOT NULL,
  received_at BIGINT NOT NULL,
  assigned_at BIGINT NOT NULL,
  ended_at BIGINT,
  intensity TEXT NOT NULL DEFAULT '',
  next_action TEXT NOT NULL DEFAULT '',
  next_action_due TEXT NOT NULL DEFAULT '',
  review_date TEXT NOT NULL DEFAULT '',
  safeguarding INTEGER NOT NULL DEFAULT 0,
  what_matters_at BIGINT,
  plan_at BIGINT
);
CREATE INDEX cases_by_pcn ON cases(pcn_code, state, urgent, received_at);
CREATE INDEX cases_by_link_worker ON cases(link_worker_id, state, next_action_due);
CREATE INDEX cases_by_holder_end ON cases(link_worker_id, ended_at);

-- Who held each case and when: a new row on every assignment, the old one ended.
CREATE TABLE case_holders (
  id {{id}},
  referral_id BIGINT NOT NULL REFERENCES referrals(id),
  link_worker_id BIGINT NOT NULL REFERENCES users(id),
  from_at BIGINT NOT NULL,
  until_at BIGINT,
  assigned_by BIGINT NOT NULL REFERENCES users(id)
);
CREATE INDEX case_holders_by_referral ON case_holders(referral_id, id);

-- Append-only: every casework change, beside the referral's own history.
CREATE TABLE case_events (
  id {{id}},
  referral_id BIGINT NOT NULL REFERENCES referrals(id),
  at BIGINT NOT NULL,
  user_id BIGINT NOT NULL REFERENCES users(id),
  kind TEXT NOT NULL,
  summary TEXT NOT NULL
);
CREATE INDEX case_events_by_referral ON case_events(referral_id, id);
-- sqlite only
CREATE TRIGGER case_events_no_update BEFORE UPDATE ON case_events
  BEGIN SELECT RAISE(ABORT, 'case history is append-only'); END;
CREATE TRIGGER case_events_no_delete BEFORE DELETE ON case_events
  BEGIN SELECT RAISE(ABORT, 'case history is append-only'); END;
-- end
-- postgresql only
CREATE TRIGGER case_events_append_only BEFORE UPDATE OR DELETE ON case_events
  FOR EACH ROW EXECUTE FUNCTION linkway_append_only('case history');
-- end

CREATE TABLE contacts (
  id {{id}},
  referral_id BIGINT NOT NULL REFERENCES referrals(id),
  at BIGINT NOT NULL,
  user_id BIGINT NOT NULL REFERENCES users(id),
  kind TEXT NOT NULL,
  contact_date TEXT NOT NULL,
  minutes INTEGER NOT NULL,
  practice_code TEXT NOT NULL
);
CREATE INDEX contacts_by_referral ON contacts(referral_id, id);
CREATE INDEX contacts_by_practice ON contacts(practice_code, contact_date);

-- Which practice a link worker is at, by weekday (1 Monday .. 5 Friday) and session.
CREATE TABLE presence (
  id {{id}},
  user_id BIGINT NOT NULL REFERENCES users(id),
  weekday INTEGER NOT NULL,
  session TEXT NOT NULL,
  practice_code TEXT NOT NULL,
  UNIQUE (user_id, weekday, session)
);
CREATE INDEX presence_by_practice ON presence(practice_code);

CREATE TABLE what_matters (
  referral_id BIGINT NOT NULL REFERENCES referrals(id),
  domain TEXT NOT NULL,
  text TEXT NOT NULL,
  PRIMARY KEY (referral_id, domain)
);

CREATE TABLE plan_goals (
  id {{id}},
  referral_id BIGINT NOT NULL REFERENCES referrals(id),
  position INTEGER NOT NULL,
  text TEXT NOT NULL,
  domain TEXT NOT NULL,
  target_date TEXT NOT NULL,
  status TEXT NOT NULL
);
CREATE INDEX plan_goals_by_referral ON plan_goals(referral_id, position);

CREATE TABLE plan_reviews (
  id {{id}},
  referral_id BIGINT NOT NULL REFERENCES referrals(id),
  review_date TEXT NOT NULL,
  at BIGINT NOT NULL,
  user_id BIGINT NOT NULL REFERENCES users(id),
  note TEXT NOT NULL
);
CREATE INDEX plan_reviews_by_referral ON plan_reviews(referral_id, id);

-- Answers and scores as JSON text: each measure's items and scores are data, not columns.
CREATE TABLE measure_results (
  id {{id}},
  referral_id BIGINT NOT NULL REFERENCES referrals(id),
  measure TEXT NOT NULL,
  timepoint TEXT NOT NULL,
  at BIGINT NOT NULL,
  user_id BIGINT NOT NULL REFERENCES users(id),
  answers TEXT NOT NULL,
  scores TEXT NOT NULL
);
CREATE INDEX measure_results_by_referral ON measure_results(referral_id, id);

-- A connection to a community service: a directory service or, before the directory, an
-- organisation; its name is kept as it was when offered.
CREATE TABLE connections (
  id {{id}},
  referral_id BIGINT NOT NULL REFERENCES referrals(id),
  organisation_code TEXT NOT NULL,
  service_id TEXT NOT NULL,
  service_name TEXT NOT NULL,
  state TEXT NOT NULL,
  reason TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  user_id BIGINT NOT NULL REFERENCES users(id)
);
CREATE INDEX connections_by_referral ON connections(referral_id, id);

CREATE TABLE case_notes (
  id {{id}},
  referral_id BIGINT NOT NULL REFERENCES referrals(id),
  at BIGINT NOT NULL,
  user_id BIGINT NOT NULL REFERENCES users(id),
  text TEXT NOT NULL,
  shareable INTEGER NOT NULL
);
CREATE INDEX case_notes_by_referral ON case_notes(referral_id, id);

CREATE TABLE safeguarding_concerns (
  id {{id}},
  referral_id BIGINT NOT NULL REFERENCES referrals(id),
  at BIGINT NOT NULL,
  user_id BIGINT NOT NULL REFERENCES users(id),
  concern TEXT NOT NULL,
  occurred_on TEXT NOT NULL,
  who_told TEXT NOT NULL,
  action_taken TEXT NOT NULL,
  shareable INTEGER NOT NULL
);
CREATE INDEX safeguarding_by_referral ON safeguarding_concerns(referral_id, id);

-- The one message back to the referrer a closed case sends (the UNIQUE key makes it one),
-- written when the case closes and never changed after, except that it has been read.
CREATE TABLE feedback (
  id {{id}},
  referral_id BIGINT NOT NULL UNIQUE REFERENCES referrals(id),
  practice_code TEXT NOT NULL,
  referrer_id BIGINT NOT NULL REFERENCES users(id),
  created_at BIGINT NOT NULL,
  read_at BIGINT,
  body TEXT NOT NULL
);
CREATE INDEX feedback_by_practice ON feedback(practice_code, read_at, created_at);
CREATE INDEX feedback_by_referrer ON feedback(referrer_id, read_at, created_at);

-- Referrals already past received before casework existed become cases held by whoever
-- accepted them.
INSERT INTO cases (referral_id, pcn_code, link_worker_id, state, urgent, received_at,
                   assigned_at, ended_at)
SELECT r.id, r.pcn_code,
       (SELECT e.user_id FROM referral_events e
         WHERE e.referral_id = r.id AND e.to_state = 'accepted' ORDER BY e.id LIMIT 1),
       r.state, CASE WHEN r.urgency = 'urgent' THEN 1 ELSE 0 END, r.received_at,
       COALESCE(r.accepted_at, r.received_at),
       COALESCE(r.closed_at, r.unable_to_contact_at, r.declined_at, r.withdrawn_at)
  FROM referrals r WHERE r.accepted_at IS NOT NULL;
INSERT INTO case_holders (referral_id, link_worker_id, from_at, until_at, assigned_by)
SELECT referral_id, link_worker_id, assigned_at, NULL, link_worker_id
  FROM cases WHERE link_worker_id IS NOT NULL;
