-- Figures kept up to date as activity happens (insight issue, performance): counts of referrals
-- and signposts per month and practice along each dimension a dashboard breaks them down by,
-- days from referral to first contact, and the weekly flow on and off the waiting list.
--
-- These tables are derived: backups and copies leave them out, and the triggers below rebuild
-- them from the copied rows. A trigger only notes what happened in insight_pending, in the
-- same transaction as the change; the insight module folds the notes into the counts
-- (aggregates.cpp) with the same code that recomputes them from scratch.
CREATE TABLE insight_pending (
  id {{id}},
  kind TEXT NOT NULL,
  source_id BIGINT NOT NULL,
  state TEXT NOT NULL
);

-- dimension: all (value ''), user (the referrer's or signposter's id), user_reason (id/reason),
-- source (profession), reason, imd (decile 1-10), age (band), rurality (RUC 2011 code), sex;
-- unknown
-- values are 'unknown'. practice_code: the practice, and for every dimension but the user's
-- also '*' followed by the PCN's code, and '*' alone for the ICB (the event's PCN when it
-- happened).
CREATE TABLE activity_counts (
  dimension TEXT NOT NULL,
  month TEXT NOT NULL,
  practice_code TEXT NOT NULL,
  kind TEXT NOT NULL,
  value TEXT NOT NULL,
  n BIGINT NOT NULL,
  PRIMARY KEY (dimension, month, practice_code, kind, value)
);

-- month: of the referral; link_worker_id: who logged the first contact (0 when none was logged).
CREATE TABLE first_contact_waits (
  pcn_code TEXT NOT NULL,
  month TEXT NOT NULL,
  link_worker_id BIGINT NOT NULL,
  days BIGINT NOT NULL,
  n BIGINT NOT NULL,
  PRIMARY KEY (pcn_code, month, link_worker_id, days)
);

-- week: days since 1970-01-01 of its Monday. Arrivals are referrals received; departures leave
-- the wait for first contact (contacted, unable to contact, declined or withdrawn).
CREATE TABLE waiting_flows (
  pcn_code TEXT NOT NULL,
  week BIGINT NOT NULL,
  arrivals BIGINT NOT NULL,
  departures BIGINT NOT NULL,
  PRIMARY KEY (pcn_code, week)
);

-- Whatever is already held is counted by the first fold.
INSERT INTO insight_pending (kind, source_id, state) SELECT 'referral', id, state FROM referrals;
INSERT INTO insight_pending (kind, source_id, state) SELECT 'signpost', id, '' FROM signposts;

-- sqlite only
CREATE TRIGGER insight_referral_added AFTER INSERT ON referrals BEGIN
  INSERT INTO insight_pending (kind, source_id, state) VALUES ('referral', NEW.id, NEW.state);
END;
CREATE TRIGGER insight_referral_moved AFTER UPDATE OF state ON referrals
  WHEN OLD.state <> NEW.state BEGIN
  INSERT INTO insight_pending (kind, source_id, state) VALUES ('step', NEW.id, NEW.state);
END;
CREATE TRIGGER insight_signpost_added AFTER INSERT ON signposts BEGIN
  INSERT INTO insight_pending (kind, source_id, state) VALUES ('signpost', NEW.id, '');
END;
-- end
-- postgresql only
CREATE FUNCTION linkway_insight_note() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_ARGV[0] = 'signpost' THEN
    INSERT INTO insight_pending (kind, source_id, state) VALUES ('signpost', NEW.id, '');
  ELSIF TG_OP = 'INSERT' THEN
    INSERT INTO insight_pending (kind, source_id, state) VALUES ('referral', NEW.id, NEW.state);
  ELSIF OLD.state <> NEW.state THEN
    INSERT INTO insight_pending (kind, source_id, state) VALUES ('step', NEW.id, NEW.state);
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER insight_referral_added AFTER INSERT ON referrals
  FOR EACH ROW EXECUTE FUNCTION linkway_insight_note('referral');
CREATE TRIGGER insight_referral_moved AFTER UPDATE OF state ON referrals
  FOR EACH ROW EXECUTE FUNCTION linkway_insight_note('referral');
CREATE TRIGGER insight_signpost_added AFTER INSERT ON signposts
  FOR EACH ROW EXECUTE FUNCTION linkway_insight_note('signpost');
-- end
