// What a case records: contacts, what matters, the plan, measures, connections, notes,
// safeguarding concerns; and link workers' presence at practices.
#include <boost/json.hpp>

#include "casework/case_store.hpp"

namespace linkway::cases {
namespace {

namespace json = boost::json;

std::string AnswersJson(const std::map<std::string, std::int64_t>& answers) {
  json::object out;
  for (const auto& [item, value] : answers) out[item] = value;
  return json::serialize(out);
}

std::string ScoresJson(const std::vector<ScoreValue>& scores) {
  json::array out;
  for (const auto& s : scores) {
    json::object o{{"id", s.id},
                   {"name", s.name},
                   {"min", s.min},
                   {"max", s.max},
                   {"better", s.better == Better::kHigher ? "higher" : "lower"}};
    if (s.value) {
      o["value"] = *s.value;
    } else {
      o["value"] = nullptr;
    }
    out.push_back(std::move(o));
  }
  return json::serialize(out);
}

double Number(const json::value& v) {
  if (v.is_double()) return v.as_double();
  if (v.is_int64()) return static_cast<double>(v.as_int64());
  if (v.is_uint64()) return static_cast<double>(v.as_uint64());
  return 0;
}

// Stored by this module, so well-formed; anything else reads as empty.
std::map<std::string, std::int64_t> AnswersFrom(const std::string& text) {
  std::map<std::string, std::int64_t> out;
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_object()) return out;
  for (const auto& [k, value] : v.as_object()) {
    if (value.is_int64()) out[std::string(k)] = value.as_int64();
  }
  return out;
}

std::vector<ScoreValue> ScoresFrom(const std::string& text) {
  std::vector<ScoreValue> out;
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_array()) return out;
  for (const auto& item : v.as_array()) {
    if (!item.is_object()) continue;
    const auto& o = item.as_object();
    ScoreValue s;
    if (const auto* id = o.if_contains("id"); id && id->is_string()) s.id = id->as_string();
    if (const auto* n = o.if_contains("name"); n && n->is_string()) s.name = n->as_string();
    if (const auto* m = o.if_contains("min")) s.min = Number(*m);
    if (const auto* m = o.if_contains("max")) s.max = Number(*m);
    if (const auto* b = o.if_contains("better"); b && b->is_string()) {
      s.better = b->as_string() == "lower" ? Better::kLower : Better::kHigher;
    }
    if (const auto* value = o.if_contains("value"); value && !value->is_null()) {
      s.value = Number(*value);
    }
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace

std::int64_t AddContact(sql::Tx& tx, std::int64_t referral_id, UnixSeconds at, std::int64_t user_id,
                        const ContactInput& contact) {
  return sql::InsertId(tx,
                       "INSERT INTO contacts (referral_id, at, user_id, kind, contact_date, "
                       "minutes, practice_code) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                       referral_id, at, user_id, contact.kind, contact.date, contact.minutes,
                       contact.practice);
}

std::vector<Contact> Contacts(sql::Connection& c, std::int64_t referral_id) {
  sql::Query q(c,
               "SELECT k.id, k.at, COALESCE(u.display_name, ''), k.kind, k.contact_date, "
               "k.minutes, k.practice_code FROM contacts k LEFT JOIN users u ON u.id = k.user_id "
               "WHERE k.referral_id = $1 ORDER BY k.contact_date, k.id",
               referral_id);
  std::vector<Contact> out;
  while (q.Step()) {
    out.push_back({q.Int(0), q.Int(1), q.Text(2), {q.Text(3), q.Text(4), q.Int(5), q.Text(6)}});
  }
  return out;
}

void PutWhatMatters(sql::Tx& tx, std::int64_t referral_id, const WhatMatters& what) {
  sql::Query(tx, "DELETE FROM what_matters WHERE referral_id = $1", referral_id).Run();
  for (const auto& [domain, text] : what.domains) {
    if (text.empty()) continue;
    sql::Query(tx, "INSERT INTO what_matters (referral_id, domain, text) VALUES ($1, $2, $3)",
               referral_id, domain, text)
        .Run();
  }
  SetCaseText(tx, referral_id, "intensity", what.intensity);
}

WhatMatters GetWhatMatters(sql::Connection& c, std::int64_t referral_id) {
  WhatMatters out;
  sql::Query q(c, "SELECT domain, text FROM what_matters WHERE referral_id = $1", referral_id);
  while (q.Step()) out.domains[q.Text(0)] = q.Text(1);
  sql::Query i(c, "SELECT intensity FROM cases WHERE referral_id = $1", referral_id);
  if (i.Step()) out.intensity = i.Text(0);
  return out;
}

void PutGoals(sql::Tx& tx, std::int64_t referral_id, const std::vector<Goal>& goals) {
  sql::Query(tx, "DELETE FROM plan_goals WHERE referral_id = $1", referral_id).Run();
  int position = 0;
  for (const auto& g : goals) {
    sql::Query(tx,
               "INSERT INTO plan_goals (referral_id, position, text, domain, target_date, status) "
               "VALUES ($1, $2, $3, $4, $5, $6)",
               referral_id, ++position, g.text, g.domain, g.target_date, g.status)
        .Run();
  }
}

Plan GetPlan(sql::Connection& c, std::int64_t referral_id) {
  Plan out;
  sql::Query g(c,
               "SELECT text, domain, target_date, status FROM plan_goals WHERE referral_id = $1 "
               "ORDER BY position",
               referral_id);
  while (g.Step()) out.goals.push_back({g.Text(0), g.Text(1), g.Text(2), g.Text(3)});
  sql::Query p(c, "SELECT review_date, plan_at FROM cases WHERE referral_id = $1", referral_id);
  if (p.Step()) {
    out.review_date = p.Text(0);
    if (!p.IsNull(1)) out.updated_at = p.Int(1);
  }
  sql::Query r(c,
               "SELECT v.id, v.review_date, v.note, v.at, COALESCE(u.display_name, '') "
               "FROM plan_reviews v LEFT JOIN users u ON u.id = v.user_id "
               "WHERE v.referral_id = $1 ORDER BY v.review_date, v.id",
               referral_id);
  while (r.Step()) out.reviews.push_back({r.Int(0), r.Text(1), r.Text(2), r.Int(3), r.Text(4)});
  return out;
}

std::int64_t AddReview(sql::Tx& tx, std::int64_t referral_id, UnixSeconds at, std::int64_t user_id,
                       const std::string& date, const std::string& note) {
  return sql::InsertId(tx,
                       "INSERT INTO plan_reviews (referral_id, review_date, at, user_id, note) "
                       "VALUES ($1, $2, $3, $4, $5)",
                       referral_id, date, at, user_id, note);
}

std::int64_t AddMeasure(sql::Tx& tx, std::int64_t referral_id, const MeasureResult& result,
                        std::int64_t user_id) {
  return sql::InsertId(tx,
                       "INSERT INTO measure_results (referral_id, measure, timepoint, at, "
                       "user_id, answers, scores) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                       referral_id, result.measure, result.timepoint, result.at, user_id,
                       AnswersJson(result.answers), ScoresJson(result.scores));
}

std::vector<MeasureResult> Measures(sql::Connection& c, std::int64_t referral_id) {
  sql::Query q(c,
               "SELECT m.id, m.measure, m.timepoint, m.at, COALESCE(u.display_name, ''), "
               "m.answers, m.scores FROM measure_results m LEFT JOIN users u ON u.id = m.user_id "
               "WHERE m.referral_id = $1 ORDER BY m.at, m.id",
               referral_id);
  std::vector<MeasureResult> out;
  while (q.Step()) {
    MeasureResult m;
    m.id = q.Int(0);
    m.measure = q.Text(1);
    m.timepoint = q.Text(2);
    m.at = q.Int(3);
    m.by = q.Text(4);
    m.answers = AnswersFrom(q.Text(5));
    m.scores = ScoresFrom(q.Text(6));
    out.push_back(std::move(m));
  }
  return out;
}

namespace {
constexpr std::string_view kConnectionSelect =
    "SELECT id, referral_id, organisation_code, service_id, service_name, state, reason, "
    "created_at, updated_at, sent_at, responded_at, reminded_at FROM connections ";

std::optional<UnixSeconds> OptionalTime(const sql::Query& q, int column) {
  if (q.IsNull(column)) return std::nullopt;
  return q.Int(column);
}

Connection ConnectionFrom(const sql::Query& q) {
  Connection k{q.Int(0),  q.Int(1),  q.Text(2), q.Text(3), q.Text(4),
               q.Text(5), q.Text(6), q.Int(7),  q.Int(8)};
  k.sent_at = OptionalTime(q, 9);
  k.responded_at = OptionalTime(q, 10);
  k.reminded_at = OptionalTime(q, 11);
  return k;
}
}  // namespace

std::int64_t AddConnection(sql::Tx& tx, const Connection& k, std::int64_t user_id) {
  return sql::InsertId(tx,
                       "INSERT INTO connections (referral_id, organisation_code, service_id, "
                       "service_name, state, reason, created_at, updated_at, user_id) "
                       "VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8)",
                       k.referral_id, k.organisation_code, k.service_id, k.service_name, k.state,
                       k.reason, k.created_at, user_id);
}

std::optional<Connection> GetConnection(sql::Connection& c, std::int64_t id) {
  sql::Query q(c, std::string(kConnectionSelect) + "WHERE id = $1", id);
  if (!q.Step()) return std::nullopt;
  return ConnectionFrom(q);
}

void MoveConnection(sql::Tx& tx, std::int64_t id, const std::string& to, const std::string& reason,
                    UnixSeconds at) {
  // The first answer from sent (accepted or declined) is the service's reply.
  sql::Query(tx,
             "UPDATE connections SET state = $2, reason = $3, updated_at = $4, "
             "sent_at = CASE WHEN $2 = 'sent' THEN $4 ELSE sent_at END, "
             "responded_at = CASE WHEN state = 'sent' AND $2 IN ('accepted', 'declined') "
             "THEN $4 ELSE responded_at END WHERE id = $1",
             id, to, reason, at)
      .Run();
}

std::vector<Connection> Connections(sql::Connection& c, std::int64_t referral_id) {
  sql::Query q(c, std::string(kConnectionSelect) + "WHERE referral_id = $1 ORDER BY id",
               referral_id);
  std::vector<Connection> out;
  while (q.Step()) out.push_back(ConnectionFrom(q));
  return out;
}

std::int64_t AddNote(sql::Tx& tx, std::int64_t referral_id, UnixSeconds at, std::int64_t user_id,
                     const std::string& text, bool shareable, bool case_study) {
  return sql::InsertId(tx,
                       "INSERT INTO case_notes (referral_id, at, user_id, text, shareable, "
                       "case_study) VALUES ($1, $2, $3, $4, $5, $6)",
                       referral_id, at, user_id, text, shareable, case_study);
}

std::vector<Note> Notes(sql::Connection& c, std::int64_t referral_id, bool shareable_only) {
  sql::Query q(c,
               "SELECT n.id, n.at, COALESCE(u.display_name, ''), n.text, n.shareable, n.case_study "
               "FROM case_notes n LEFT JOIN users u ON u.id = n.user_id "
               "WHERE n.referral_id = $1 AND ($2 = 0 OR n.shareable = 1) ORDER BY n.id",
               referral_id, shareable_only);
  std::vector<Note> out;
  while (q.Step()) {
    out.push_back({q.Int(0), q.Int(1), q.Text(2), q.Text(3), q.Int(4) != 0, q.Int(5) != 0});
  }
  return out;
}

std::int64_t AddConcern(sql::Tx& tx, std::int64_t referral_id, UnixSeconds at, std::int64_t user_id,
                        const ConcernInput& k) {
  std::int64_t id = sql::InsertId(
      tx,
      "INSERT INTO safeguarding_concerns (referral_id, at, user_id, concern, occurred_on, "
      "who_told, action_taken, shareable) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
      referral_id, at, user_id, k.concern, k.occurred_on, k.who_told, k.action, k.shareable);
  sql::Query(tx, "UPDATE cases SET safeguarding = 1 WHERE referral_id = $1", referral_id).Run();
  return id;
}

std::vector<Concern> Concerns(sql::Connection& c, std::int64_t referral_id, bool shareable_only) {
  sql::Query q(c,
               "SELECT s.id, s.at, COALESCE(u.display_name, ''), s.concern, s.occurred_on, "
               "s.who_told, s.action_taken, s.shareable FROM safeguarding_concerns s "
               "LEFT JOIN users u ON u.id = s.user_id "
               "WHERE s.referral_id = $1 AND ($2 = 0 OR s.shareable = 1) ORDER BY s.id",
               referral_id, shareable_only);
  std::vector<Concern> out;
  while (q.Step()) {
    out.push_back({q.Int(0),
                   q.Int(1),
                   q.Text(2),
                   {q.Text(3), q.Text(4), q.Text(5), q.Text(6), q.Int(7) != 0}});
  }
  return out;
}

void PutPresence(sql::Tx& tx, std::int64_t user_id, const std::vector<Slot>& slots) {
  sql::Query(tx, "DELETE FROM presence WHERE user_id = $1", user_id).Run();
  for (const auto& s : slots) {
    sql::Query(tx,
               "INSERT INTO presence (user_id, weekday, session, practice_code) "
               "VALUES ($1, $2, $3, $4)",
               user_id, s.weekday, s.session, s.practice_code)
        .Run();
  }
}

std::vector<Slot> Presence(sql::Connection& c, std::int64_t user_id) {
  sql::Query q(c,
               "SELECT p.weekday, p.session, p.practice_code, COALESCE(o.name, '') "
               "FROM presence p LEFT JOIN organisations o ON o.code = p.practice_code "
               "WHERE p.user_id = $1 ORDER BY p.weekday, p.session DESC",
               user_id);
  std::vector<Slot> out;
  while (q.Step()) {
    out.push_back({static_cast<int>(q.Int(0)), q.Text(1), q.Text(2), q.Text(3)});
  }
  return out;
}

std::vector<PracticeSlot> PresenceAt(sql::Connection& c, const std::string& practice_code) {
  sql::Query q(c,
               "SELECT p.weekday, p.session, p.practice_code, COALESCE(o.name, ''), p.user_id "
               "FROM presence p LEFT JOIN organisations o ON o.code = p.practice_code "
               "WHERE p.practice_code = $1 ORDER BY p.weekday, p.session DESC, p.user_id",
               practice_code);
  std::vector<PracticeSlot> out;
  while (q.Step()) {
    out.push_back({{static_cast<int>(q.Int(0)), q.Text(1), q.Text(2), q.Text(3)}, q.Int(4)});
  }
  return out;
}

int FaceToFaceAt(sql::Connection& c, const std::string& practice_code,
                 const std::string& from_date) {
  sql::Query q(c,
               "SELECT COUNT(*) FROM contacts WHERE practice_code = $1 AND contact_date >= $2 "
               "AND kind = 'face_to_face_practice'",
               practice_code, from_date);
  q.Step();
  return static_cast<int>(q.Int(0));
}

}  // namespace linkway::cases
