#include "casework/case_json.hpp"

#include "http/json.hpp"

namespace linkway {
namespace json = boost::json;
using http::JsonBool;
using http::JsonObject;
using http::JsonString;

namespace {

json::value OptionalTime(const std::optional<UnixSeconds>& t) {
  if (!t) return nullptr;
  return json::value(FormatTimestamp(*t));
}

}  // namespace

std::optional<std::int64_t> JsonInt(const json::object& o, std::string_view key,
                                    const std::string& path, FieldErrors& errors) {
  const json::value* v = o.if_contains(key);
  if (!v || v->is_null()) return std::nullopt;
  if (v->is_int64()) return v->as_int64();
  if (v->is_uint64() && v->as_uint64() <= INT64_MAX)
    return static_cast<std::int64_t>(v->as_uint64());
  if (v->is_double() &&
      v->as_double() == static_cast<double>(static_cast<std::int64_t>(v->as_double()))) {
    return static_cast<std::int64_t>(v->as_double());
  }
  errors.Add(path, "must be a whole number");
  return std::nullopt;
}

Result<ContactInput> ContactFromJson(const json::object& body) {
  FieldErrors errors;
  ContactInput in;
  in.kind = JsonString(body, "kind", "kind", errors);
  in.date = JsonString(body, "date", "date", errors);
  if (auto minutes = JsonInt(body, "minutes", "minutes", errors)) {
    in.minutes = *minutes;
  } else if (errors.empty()) {
    errors.Add("minutes", "is required");
  }
  in.practice = JsonString(body, "practice", "practice", errors);
  if (!errors.empty()) return errors.ToStatus();
  return in;
}

Result<WhatMatters> WhatMattersFromJson(const json::object& body) {
  FieldErrors errors;
  WhatMatters out;
  if (const auto* domains = JsonObject(body, "domains", "domains", errors)) {
    for (const auto& [key, value] : *domains) {
      std::string k(key);
      out.domains[k] = JsonString(*domains, key, "domains." + k, errors);
    }
  }
  out.intensity = JsonString(body, "intensity", "intensity", errors);
  if (!errors.empty()) return errors.ToStatus();
  return out;
}

Result<PlanInput> PlanFromJson(const json::object& body) {
  FieldErrors errors;
  PlanInput out;
  const json::value* goals = body.if_contains("goals");
  if (goals && !goals->is_null() && !goals->is_array()) {
    errors.Add("goals", "must be a list");
  } else if (goals && goals->is_array()) {
    std::size_t i = 0;
    for (const auto& g : goals->as_array()) {
      std::string at = "goals[" + std::to_string(i++) + "]";
      if (!g.is_object()) {
        errors.Add(at, "must be an object");
        out.goals.push_back({});
        continue;
      }
      const auto& o = g.as_object();
      Goal goal;
      goal.text = JsonString(o, "text", at + ".text", errors);
      goal.domain = JsonString(o, "domain", at + ".domain", errors);
      goal.target_date = JsonString(o, "target_date", at + ".target_date", errors);
      if (o.contains("status")) goal.status = JsonString(o, "status", at + ".status", errors);
      out.goals.push_back(std::move(goal));
    }
  }
  out.review_date = JsonString(body, "review_date", "review_date", errors);
  if (!errors.empty()) return errors.ToStatus();
  return out;
}

Result<ConcernInput> ConcernFromJson(const json::object& body) {
  FieldErrors errors;
  ConcernInput in;
  in.concern = JsonString(body, "concern", "concern", errors);
  in.occurred_on = JsonString(body, "occurred_on", "occurred_on", errors);
  in.who_told = JsonString(body, "who_told", "who_told", errors);
  in.action = JsonString(body, "action", "action", errors);
  in.shareable = JsonBool(body, "shareable", "shareable", errors);
  if (!errors.empty()) return errors.ToStatus();
  return in;
}

Result<MeasureInput> MeasureFromJson(const json::object& body) {
  FieldErrors errors;
  MeasureInput in;
  in.measure = JsonString(body, "measure", "measure", errors);
  in.timepoint = JsonString(body, "timepoint", "timepoint", errors);
  if (const auto* answers = JsonObject(body, "answers", "answers", errors)) {
    if (answers->size() > 200) {
      errors.Add("answers", "must be at most 200 answers");
    } else {
      for (const auto& [key, value] : *answers) {
        std::string k(key);
        if (auto n = JsonInt(*answers, key, "answers." + k, errors)) in.answers[k] = *n;
      }
    }
  }
  if (!errors.empty()) return errors.ToStatus();
  return in;
}

Result<std::vector<cases::Slot>> PresenceFromJson(const json::object& body) {
  FieldErrors errors;
  std::vector<cases::Slot> out;
  const json::value* sessions = body.if_contains("sessions");
  if (!sessions || !sessions->is_array()) {
    errors.Add("sessions", "must be a list of {weekday, session, practice}");
    return errors.ToStatus();
  }
  std::size_t i = 0;
  for (const auto& s : sessions->as_array()) {
    std::string at = "sessions[" + std::to_string(i++) + "]";
    if (!s.is_object() || out.size() >= 20) {
      errors.Add(at, out.size() >= 20 ? "too many sessions" : "must be an object");
      break;
    }
    const auto& o = s.as_object();
    cases::Slot slot;
    slot.weekday = static_cast<int>(JsonInt(o, "weekday", at + ".weekday", errors).value_or(0));
    slot.session = JsonString(o, "session", at + ".session", errors);
    slot.practice_code = JsonString(o, "practice", at + ".practice", errors);
    out.push_back(std::move(slot));
  }
  if (!errors.empty()) return errors.ToStatus();
  return out;
}

Result<std::vector<std::int64_t>> IdsFromJson(const json::object& body, std::string_view key) {
  FieldErrors errors;
  std::vector<std::int64_t> out;
  const json::value* ids = body.if_contains(key);
  if (!ids || !ids->is_array()) {
    errors.Add(std::string(key), "must be a list of referral ids");
    return errors.ToStatus();
  }
  std::size_t i = 0;
  for (const auto& v : ids->as_array()) {
    std::string at = std::string(key) + "[" + std::to_string(i++) + "]";
    if (!v.is_int64() || v.as_int64() < 1) {
      errors.Add(at, "must be a referral id");
      continue;
    }
    out.push_back(v.as_int64());
  }
  if (!errors.empty()) return errors.ToStatus();
  return out;
}

json::object ToJson(const cases::CaseRow& r, UnixSeconds now) {
  json::object out{{"referral_id", r.referral_id},
                   {"pcn", r.pcn_code},
                   {"practice", r.practice_code},
                   {"practice_name", r.practice_name},
                   {"person", json::object{{"given_name", r.given_name},
                                           {"family_name", r.family_name},
                                           {"nhs_number", r.nhs_number}}},
                   {"status", r.state},
                   {"urgency", r.urgent ? "urgent" : "routine"},
                   {"received_at", FormatTimestamp(r.received_at)},
                   {"days_waiting", DaysWaiting(r.received_at, std::nullopt, now)},
                   {"link_worker", r.link_worker_username},
                   {"link_worker_name", r.link_worker_name},
                   {"intensity", r.intensity},
                   {"next_action", r.next_action},
                   {"next_action_due", r.next_action_due},
                   {"review_date", r.review_date},
                   {"safeguarding", r.safeguarding}};
  return out;
}

json::object ToJson(const cases::LinkWorker& w) {
  return {{"username", w.username},    {"name", w.display_name}, {"organisation", w.org_code},
          {"capacity", w.capacity},    {"pcn_lead", w.pcn_lead}, {"phone", w.phone},
          {"email", w.email},          {"waiting", w.waiting},   {"caseload", w.caseload},
          {"people_this_year", w.year}};
}

json::object ToJson(const PcnLoad& load) {
  json::array workers;
  for (const auto& w : load.link_workers) workers.push_back(ToJson(w));
  return {{"pcn", load.pcn_code},
          {"pcn_name", load.pcn_name},
          {"capacity", load.capacity},
          {"people_this_year", load.year},
          {"over_capacity", load.over_capacity()},
          {"link_workers", std::move(workers)}};
}

json::object ToJson(const Contact& c) {
  return {{"id", c.id},
          {"kind", c.contact.kind},
          {"date", c.contact.date},
          {"minutes", c.contact.minutes},
          {"practice", c.contact.practice},
          {"logged_by", c.by},
          {"logged_at", FormatTimestamp(c.at)}};
}

json::object ToJson(const WhatMatters& w) {
  json::object domains;
  for (const auto& [k, v] : w.domains) domains[k] = v;
  return {{"domains", std::move(domains)}, {"intensity", w.intensity}};
}

json::object ToJson(const Plan& p) {
  json::array goals;
  for (const auto& g : p.goals) {
    goals.push_back(json::object{{"text", g.text},
                                 {"domain", g.domain},
                                 {"target_date", g.target_date},
                                 {"status", g.status}});
  }
  json::array reviews;
  for (const auto& r : p.reviews) {
    reviews.push_back(json::object{{"date", r.date}, {"note", r.note}, {"by", r.by}});
  }
  return {{"goals", std::move(goals)},
          {"review_date", p.review_date},
          {"updated_at", OptionalTime(p.updated_at)},
          {"reviews", std::move(reviews)}};
}

json::object ToJson(const MeasureResult& m) {
  json::object answers;
  for (const auto& [k, v] : m.answers) answers[k] = v;
  json::array scores;
  for (const auto& s : m.scores) {
    json::object o{{"id", s.id},
                   {"name", s.name},
                   {"min", s.min},
                   {"max", s.max},
                   {"better", s.better == Better::kHigher ? "higher" : "lower"}};
    o["value"] = s.value ? json::value(*s.value) : json::value(nullptr);
    scores.push_back(std::move(o));
  }
  return {{"id", m.id},
          {"measure", m.measure},
          {"name", m.measure_name},
          {"timepoint", m.timepoint},
          {"recorded_at", FormatTimestamp(m.at)},
          {"answers", std::move(answers)},
          {"scores", std::move(scores)}};
}

json::object ToJson(const Measure& m) {
  json::array items;
  for (const auto& i : m.items) {
    items.push_back(json::object{{"id", i.id}, {"text", i.text}, {"min", i.min}, {"max", i.max}});
  }
  json::array scores;
  for (const auto& s : m.scores) {
    scores.push_back(json::object{{"id", s.id},
                                  {"name", s.name},
                                  {"better", s.better == Better::kHigher ? "higher" : "lower"}});
  }
  return {{"id", m.id},
          {"name", m.name},
          {"source", m.source},
          {"items", std::move(items)},
          {"scores", std::move(scores)}};
}

json::object ToJson(const Connection& c) {
  json::array next;
  for (auto s : NextConnectionStates(c.state)) next.push_back(json::string(s));
  return {{"id", c.id},
          {"referral_id", c.referral_id},
          {"organisation", c.organisation_code},
          {"service", c.service_id},
          {"service_name", c.service_name},
          {"status", c.state},
          {"reason", c.reason},
          {"next", std::move(next)},
          {"created_at", FormatTimestamp(c.created_at)},
          {"updated_at", FormatTimestamp(c.updated_at)}};
}

json::object ToJson(const Note& n) {
  return {{"id", n.id},
          {"text", n.text},
          {"shareable", n.shareable},
          {"case_study", n.case_study},
          {"by", n.by},
          {"at", FormatTimestamp(n.at)}};
}

json::object ToJson(const Concern& c) {
  return {{"id", c.id},
          {"concern", c.input.concern},
          {"occurred_on", c.input.occurred_on},
          {"who_told", c.input.who_told},
          {"action", c.input.action},
          {"shareable", c.input.shareable},
          {"by", c.by},
          {"at", FormatTimestamp(c.at)}};
}

json::object ToJson(const Feedback& f) {
  json::value message = json::parse(FeedbackToJson(f.message));
  return {{"id", f.id},
          {"referral_id", f.referral_id},
          {"practice", f.practice_code},
          {"created_at", FormatTimestamp(f.created_at)},
          {"read", f.read_at.has_value()},
          {"message", std::move(message)}};
}

json::object ToJson(const cases::FeedbackRow& f) {
  return {{"id", f.id},
          {"referral_id", f.referral_id},
          {"created_at", FormatTimestamp(f.created_at)},
          {"read", f.read},
          {"outcome", f.outcome},
          {"person", f.given_name + " " + f.family_name}};
}

json::array SlotsToJson(const std::vector<cases::Slot>& slots) {
  json::array out;
  for (const auto& s : slots) {
    out.push_back(json::object{{"weekday", s.weekday},
                               {"day", std::string(LabelOf(kWeekdays, std::to_string(s.weekday)))},
                               {"session", s.session},
                               {"practice", s.practice_code},
                               {"practice_name", s.practice_name}});
  }
  return out;
}

json::object ToJson(const PracticePresence& p) {
  json::array workers;
  for (const auto& w : p.link_workers) {
    json::object o = ToJson(w.link_worker);
    o["sessions_here"] = SlotsToJson(w.here);
    o["next_in"] = w.next_in;
    workers.push_back(std::move(o));
  }
  return {{"practice", p.practice.code},
          {"practice_name", p.practice.name},
          {"link_workers", std::move(workers)},
          {"face_to_face_contacts_90_days", p.face_to_face_90_days}};
}

json::object ToJson(const CaseFile& f, UnixSeconds now) {
  json::object out;
  out["referral_id"] = f.referral.referral.id;
  out["status"] = std::string(ToString(f.referral.referral.state));
  if (f.row) out["case"] = ToJson(*f.row, now);
  json::array holders;
  for (const auto& h : f.holders) {
    holders.push_back(json::object{{"link_worker", h.name},
                                   {"from", FormatTimestamp(h.from_at)},
                                   {"until", OptionalTime(h.until_at)},
                                   {"assigned_by", h.assigned_by}});
  }
  out["holders"] = std::move(holders);
  json::array events;
  for (const auto& e : f.events) {
    events.push_back(json::object{
        {"at", FormatTimestamp(e.at)}, {"by", e.by}, {"kind", e.kind}, {"summary", e.summary}});
  }
  out["events"] = std::move(events);
  json::array contacts, measures, connections, notes, concerns, earlier;
  for (const auto& c : f.contacts) contacts.push_back(ToJson(c));
  for (const auto& m : f.measures) measures.push_back(ToJson(m));
  for (const auto& c : f.connections) connections.push_back(ToJson(c));
  for (const auto& n : f.notes) notes.push_back(ToJson(n));
  for (const auto& c : f.concerns) concerns.push_back(ToJson(c));
  for (const auto& e : f.earlier) {
    earlier.push_back(json::object{{"referral_id", e.referral_id},
                                   {"received_at", FormatTimestamp(e.received_at)},
                                   {"status", e.state},
                                   {"outcome", e.outcome},
                                   {"practice_name", e.practice_name}});
  }
  out["contacts"] = std::move(contacts);
  out["what_matters"] = ToJson(f.what_matters);
  out["plan"] = ToJson(f.plan);
  out["measures"] = std::move(measures);
  out["connections"] = std::move(connections);
  out["notes"] = std::move(notes);
  out["safeguarding"] = std::move(concerns);
  out["earlier_referrals"] = std::move(earlier);
  out["feedback_id"] = f.feedback ? json::value(f.feedback->id) : json::value(nullptr);
  return out;
}

}  // namespace linkway
