// The casework API under /api/v1: lists, assignment, what a case records, measures,
// connections, discharge, feedback and presence. Guards see to sign-in, role and JSON bodies;
// the Casework service to access by organisation, validation and audit.
#include <boost/json.hpp>

#include "casework/case_json.hpp"
#include "casework/module.hpp"
#include "core/text.hpp"
#include "http/guard.hpp"
#include "http/json.hpp"
#include "http/problem.hpp"

namespace linkway {
namespace {

namespace json = boost::json;
using http::Request;
using http::Response;

Response Json(int status, const json::value& body) {
  return Response::Json(status, json::serialize(body));
}

http::Needs LinkWorkers() {
  return {.roles = {Role::kLinkWorker}, .refusal = "only link workers work cases"};
}
http::Needs Staff() {
  return {.roles = {Role::kLinkWorker, Role::kAdmin},
          .refusal = "only link workers and admins see caseloads"};
}
http::Needs Referrers() {
  return {.roles = {Role::kReferrer}, .refusal = "feedback is for referrers"};
}
http::Needs AnyoneSignedIn() { return {}; }

Response NoCase() { return http::Problem(404, "no case with that id"); }

class CaseworkApi {
 public:
  explicit CaseworkApi(Casework& casework) : casework_(casework) {}

  Response WaitingList(Request& r) { return List(r, true); }
  Response Caseload(Request& r) { return List(r, false); }

  Response Load(Request& r) {
    auto load = casework_.Load(*r.principal, r.route.at("code"));
    if (!load.ok()) return http::Problem(load.status());
    return Json(200, ToJson(*load));
  }

  Response AssignOne(Request& r, const json::object& body) {
    auto id = ParseId(r.route.at("id"));
    if (!id) return NoCase();
    return Assign(r, {*id}, body);
  }

  Response AssignMany(Request& r, const json::object& body) {
    auto ids = IdsFromJson(body, "referrals");
    if (!ids.ok()) return http::Problem(ids.status());
    return Assign(r, *ids, body);
  }

  Response Case(Request& r) {
    auto id = ParseId(r.route.at("id"));
    if (!id) return NoCase();
    auto file = casework_.Open(*r.principal, *id);
    if (!file.ok()) return http::Problem(file.status());
    return Json(200, ToJson(*file, casework_.Now()));
  }

  Response Contact(Request& r, const json::object& body) {
    auto id = ParseId(r.route.at("id"));
    if (!id) return NoCase();
    auto input = ContactFromJson(body);
    if (!input.ok()) return http::Problem(input.status());
    auto contact = casework_.LogContact(*r.principal, *id, *input);
    if (!contact.ok()) return http::Problem(contact.status());
    return Json(201, ToJson(*contact));
  }

  Response PutWhatMatters(Request& r, const json::object& body) {
    auto id = ParseId(r.route.at("id"));
    if (!id) return NoCase();
    auto input = WhatMattersFromJson(body);
    if (!input.ok()) return http::Problem(input.status());
    if (Status s = casework_.SetWhatMatters(*r.principal, *id, *input); !s.ok()) {
      return http::Problem(s);
    }
    return Json(200, ToJson(*input));
  }

  Response GetWhatMatters(Request& r) {
    auto file = OpenCase(r);
    if (!file.ok()) return http::Problem(file.status());
    return Json(200, ToJson(file->what_matters));
  }

  Response PutPlan(Request& r, const json::object& body) {
    auto id = ParseId(r.route.at("id"));
    if (!id) return NoCase();
    auto input = PlanFromJson(body);
    if (!input.ok()) return http::Problem(input.status());
    auto plan = casework_.SavePlan(*r.principal, *id, *input);
    if (!plan.ok()) return http::Problem(plan.status());
    return Json(200, ToJson(*plan));
  }

  Response GetPlan(Request& r) {
    auto id = ParseId(r.route.at("id"));
    if (!id) return NoCase();
    auto plan = casework_.GetPlan(*r.principal, *id);
    if (!plan.ok()) return http::Problem(plan.status());
    return Json(200, ToJson(*plan));
  }

  Response Review(Request& r, const json::object& body) {
    auto id = ParseId(r.route.at("id"));
    if (!id) return NoCase();
    FieldErrors errors;
    std::string date = http::JsonString(body, "date", "date", errors);
    std::string note = http::JsonString(body, "note", "note", errors);
    if (!errors.empty()) return http::Problem(errors.ToStatus());
    if (Status s = casework_.RecordReview(*r.principal, *id, date, note); !s.ok()) {
      return http::Problem(s);
    }
    return Json(201, json::object{{"date", date}, {"note", note}});
  }

  Response NextAction(Request& r, const json::object& body) {
    auto id = ParseId(r.route.at("id"));
    if (!id) return NoCase();
    FieldErrors errors;
    std::string action = http::JsonString(body, "next_action", "next_action", errors);
    std::string due = http::JsonString(body, "due", "due", errors);
    if (!errors.empty()) return http::Problem(errors.ToStatus());
    if (Status s = casework_.SetNextAction(*r.principal, *id, action, due); !s.ok()) {
      return http::Problem(s);
    }
    return Json(200, json::object{{"next_action", action}, {"due", due}});
  }

  Response Measures(Request&) {
    json::array out;
    for (const auto& m : casework_.measures().all()) out.push_back(ToJson(m));
    return Json(200, json::object{{"items", std::move(out)}});
  }

  Response RecordMeasure(Request& r, const json::object& body) {
    auto id = ParseId(r.route.at("id"));
    if (!id) return NoCase();
    auto input = MeasureFromJson(body);
    if (!input.ok()) return http::Problem(input.status());
    auto result = casework_.RecordMeasure(*r.principal, *id, input->measure, input->timepoint,
                                          input->answers);
    if (!result.ok()) return http::Problem(result.status());
    return Json(201, ToJson(*result));
  }

  Response Connect(Request& r, const json::object& body) {
    auto id = ParseId(r.route.at("id"));
    if (!id) return NoCase();
    FieldErrors errors;
    std::string organisation = http::JsonString(body, "organisation", "organisation", errors);
    std::string service = http::JsonString(body, "service", "service", errors);
    if (!errors.empty()) return http::Problem(errors.ToStatus());
    auto k = casework_.Connect(*r.principal, *id, organisation, service);
    if (!k.ok()) return http::Problem(k.status());
    Response out = Json(201, ToJson(*k));
    out.Set("Location", "/api/v1/connections/" + std::to_string(k->id));
    return out;
  }

  Response MoveConnection(Request& r, const json::object& body) {
    auto id = ParseId(r.route.at("id"));
    if (!id) return http::Problem(404, "no connection with that id");
    FieldErrors errors;
    std::string to = http::JsonString(body, "to", "to", errors);
    std::string reason = http::JsonString(body, "reason", "reason", errors);
    if (!errors.empty()) return http::Problem(errors.ToStatus());
    auto k = casework_.MoveConnection(*r.principal, *id, to, reason);
    if (!k.ok()) return http::Problem(k.status());
    return Json(200, ToJson(*k));
  }

  Response AddNote(Request& r, const json::object& body) {
    auto id = ParseId(r.route.at("id"));
    if (!id) return NoCase();
    FieldErrors errors;
    std::string text = http::JsonString(body, "text", "text", errors);
    bool shareable = http::JsonBool(body, "shareable", "shareable", errors);
    bool case_study = http::JsonBool(body, "case_study", "case_study", errors);
    if (!errors.empty()) return http::Problem(errors.ToStatus());
    auto note = casework_.AddNote(*r.principal, *id, text, shareable, case_study);
    if (!note.ok()) return http::Problem(note.status());
    return Json(201, ToJson(*note));
  }

  Response Notes(Request& r) {
    auto id = ParseId(r.route.at("id"));
    if (!id) return NoCase();
    auto notes = casework_.Notes(*r.principal, *id);
    if (!notes.ok()) return http::Problem(notes.status());
    json::array items;
    for (const auto& n : *notes) items.push_back(ToJson(n));
    return Json(200, json::object{{"items", std::move(items)}});
  }

  Response Concern(Request& r, const json::object& body) {
    auto id = ParseId(r.route.at("id"));
    if (!id) return NoCase();
    auto input = ConcernFromJson(body);
    if (!input.ok()) return http::Problem(input.status());
    auto concern = casework_.RaiseConcern(*r.principal, *id, *input);
    if (!concern.ok()) return http::Problem(concern.status());
    return Json(201, ToJson(*concern));
  }

  Response Discharge(Request& r, const json::object& body) {
    auto id = ParseId(r.route.at("id"));
    if (!id) return NoCase();
    FieldErrors errors;
    std::string outcome = http::JsonString(body, "outcome", "outcome", errors);
    std::string summary = http::JsonString(body, "summary", "summary", errors);
    if (!errors.empty()) return http::Problem(errors.ToStatus());
    auto closed = casework_.Discharge(*r.principal, *id, outcome, summary);
    if (!closed.ok()) return http::Problem(closed.status());
    return Json(200, json::object{{"referral_id", closed->id},
                                  {"status", std::string(ToString(closed->state))},
                                  {"outcome", closed->outcome}});
  }

  Response ListFeedback(Request& r) {
    auto page = http::PageNumber(r.Query("page"));
    if (!page.ok()) return http::Problem(page.status(), 400);
    auto found = casework_.ListFeedback(*r.principal, *page);
    if (!found.ok()) return http::Problem(found.status());
    json::object out = http::PageToJson(*found, [](const auto& f) { return ToJson(f); });
    out["unread"] = casework_.UnreadFeedback(*r.principal);
    return Json(200, out);
  }

  Response ReadFeedback(Request& r) {
    auto id = ParseId(r.route.at("id"));
    if (!id) return http::Problem(404, "no feedback with that id");
    auto f = casework_.ReadFeedback(*r.principal, *id);
    if (!f.ok()) return http::Problem(f.status());
    return Json(200, ToJson(*f));
  }

  Response PutPresence(Request& r, const json::object& body) {
    auto slots = PresenceFromJson(body);
    if (!slots.ok()) return http::Problem(slots.status());
    const std::string& username = r.route.at("username");
    if (Status s = casework_.SetPresence(*r.principal, username, *slots); !s.ok()) {
      return http::Problem(s);
    }
    return GetPresence(r);
  }

  Response GetPresence(Request& r) {
    auto slots = casework_.GetPresence(*r.principal, r.route.at("username"));
    if (!slots.ok()) return http::Problem(slots.status());
    return Json(200, json::object{{"link_worker", r.route.at("username")},
                                  {"sessions", SlotsToJson(*slots)}});
  }

  Response GetLinkWorker(Request& r) {
    auto w = casework_.GetLinkWorker(*r.principal, r.route.at("username"));
    if (!w.ok()) return http::Problem(w.status());
    return Json(200, ToJson(*w));
  }

  Response PutSettings(Request& r, const json::object& body) {
    const std::string& username = r.route.at("username");
    auto current = casework_.GetLinkWorker(*r.principal, username);
    if (!current.ok()) return http::Problem(current.status());
    FieldErrors errors;
    int capacity =
        static_cast<int>(JsonInt(body, "capacity", "capacity", errors).value_or(current->capacity));
    std::optional<bool> lead;
    if (body.contains("pcn_lead")) lead = http::JsonBool(body, "pcn_lead", "pcn_lead", errors);
    std::string phone =
        body.contains("phone") ? http::JsonString(body, "phone", "phone", errors) : current->phone;
    std::string email =
        body.contains("email") ? http::JsonString(body, "email", "email", errors) : current->email;
    if (!errors.empty()) return http::Problem(errors.ToStatus());
    if (Status s = casework_.SetSettings(*r.principal, username, capacity, lead, phone, email);
        !s.ok()) {
      return http::Problem(s);
    }
    return GetLinkWorker(r);
  }

  Response PracticeLinkWorker(Request& r) {
    auto p = casework_.PracticeLinkWorkers(*r.principal, r.route.at("code"));
    if (!p.ok()) return http::Problem(p.status());
    return Json(200, ToJson(*p));
  }

 private:
  Response List(Request& r, bool waiting) {
    auto page = http::PageNumber(r.Query("page"));
    if (!page.ok()) return http::Problem(page.status(), 400);
    CaseQuery query{r.Query("pcn"), r.Query("link_worker"), *page, 50};
    auto found = waiting ? casework_.WaitingList(*r.principal, query)
                         : casework_.Caseload(*r.principal, query);
    if (!found.ok()) return http::Problem(found.status());
    UnixSeconds now = casework_.Now();
    return Json(200, http::PageToJson(*found, [now](const auto& row) { return ToJson(row, now); }));
  }

  Response Assign(Request& r, const std::vector<std::int64_t>& ids, const json::object& body) {
    FieldErrors errors;
    std::string link_worker = http::JsonString(body, "link_worker", "link_worker", errors);
    if (!errors.empty()) return http::Problem(errors.ToStatus());
    auto moved = casework_.Assign(*r.principal, ids, link_worker);
    if (!moved.ok()) return http::Problem(moved.status());
    return Json(200, json::object{{"assigned", *moved}, {"link_worker", link_worker}});
  }

  Result<CaseFile> OpenCase(Request& r) {
    auto id = ParseId(r.route.at("id"));
    if (!id) return Status::NotFound("no case with that id");
    return casework_.Open(*r.principal, *id);
  }

  Casework& casework_;
};

}  // namespace

void RegisterCaseworkApi(http::Router& router, Casework& casework) {
  auto api = std::make_shared<CaseworkApi>(casework);
  auto body = [api](http::Needs needs, auto method) {
    return http::GuardJson(std::move(needs), [api, method](Request& r, const json::object& b) {
      return (*api.*method)(r, b);
    });
  };
  auto plain = [api](http::Needs needs, auto method) {
    return http::GuardApi(std::move(needs),
                          [api, method](Request& r) { return (*api.*method)(r); });
  };
  using A = CaseworkApi;
  router.Add("GET", "/api/v1/waiting-list", plain(Staff(), &A::WaitingList));
  router.Add("GET", "/api/v1/caseload", plain(Staff(), &A::Caseload));
  router.Add("GET", "/api/v1/pcns/{code}/load", plain(Staff(), &A::Load));
  router.Add("POST", "/api/v1/referrals/{id}/assign", body(Staff(), &A::AssignOne));
  router.Add("POST", "/api/v1/assignments", body(Staff(), &A::AssignMany));
  router.Add("GET", "/api/v1/cases/{id}", plain(LinkWorkers(), &A::Case));
  router.Add("POST", "/api/v1/referrals/{id}/contacts", body(LinkWorkers(), &A::Contact));
  router.Add("PUT", "/api/v1/referrals/{id}/what-matters", body(LinkWorkers(), &A::PutWhatMatters));
  router.Add("GET", "/api/v1/referrals/{id}/what-matters",
             plain(LinkWorkers(), &A::GetWhatMatters));
  router.Add("PUT", "/api/v1/referrals/{id}/plan", body(LinkWorkers(), &A::PutPlan));
  router.Add("GET", "/api/v1/referrals/{id}/plan", plain(LinkWorkers(), &A::GetPlan));
  router.Add("POST", "/api/v1/referrals/{id}/plan/reviews", body(LinkWorkers(), &A::Review));
  router.Add("PUT", "/api/v1/referrals/{id}/next-action", body(LinkWorkers(), &A::NextAction));
  router.Add("GET", "/api/v1/measures", plain(AnyoneSignedIn(), &A::Measures));
  router.Add("POST", "/api/v1/referrals/{id}/measures", body(LinkWorkers(), &A::RecordMeasure));
  router.Add("POST", "/api/v1/referrals/{id}/connections", body(LinkWorkers(), &A::Connect));
  router.Add("POST", "/api/v1/connections/{id}/transitions",
             body(LinkWorkers(), &A::MoveConnection));
  router.Add("POST", "/api/v1/referrals/{id}/notes", body(LinkWorkers(), &A::AddNote));
  router.Add("GET", "/api/v1/referrals/{id}/notes",
             plain({.roles = {Role::kLinkWorker, Role::kReferrer}}, &A::Notes));
  router.Add("POST", "/api/v1/referrals/{id}/safeguarding", body(LinkWorkers(), &A::Concern));
  router.Add("POST", "/api/v1/referrals/{id}/discharge", body(LinkWorkers(), &A::Discharge));
  router.Add("GET", "/api/v1/feedback", plain(Referrers(), &A::ListFeedback));
  router.Add("GET", "/api/v1/feedback/{id}",
             plain({.roles = {Role::kReferrer, Role::kLinkWorker}}, &A::ReadFeedback));
  router.Add("GET", "/api/v1/link-workers/{username}", plain(AnyoneSignedIn(), &A::GetLinkWorker));
  router.Add("PUT", "/api/v1/link-workers/{username}/settings", body(Staff(), &A::PutSettings));
  router.Add("PUT", "/api/v1/link-workers/{username}/presence", body(Staff(), &A::PutPresence));
  router.Add("GET", "/api/v1/link-workers/{username}/presence",
             plain(AnyoneSignedIn(), &A::GetPresence));
  router.Add("GET", "/api/v1/practices/{code}/link-worker",
             plain(AnyoneSignedIn(), &A::PracticeLinkWorker));
}

}  // namespace linkway
