// GET /practices/{code}/link-worker: who a practice's link worker is, how to reach them and
// when they are next in. GET /link-workers/{username}: a link worker's capacity, contact
// details and presence schedule; POST .../settings and .../presence change them.
#include <memory>

#include "casework/pages.hpp"
#include "core/text.hpp"
#include "web/form.hpp"
#include "web/pages.hpp"

namespace linkway {
namespace {

using namespace web;  // NOLINT(google-build-using-namespace): the page frame's words

std::string NextIn(const std::string& next) {
  if (next.empty()) return "Not at this practice on a regular day";
  auto day = ParseDate(next.substr(0, 10));
  std::string weekday;
  if (day) weekday = std::string(LabelOf(kWeekdays, std::to_string(Weekday(*day))));
  return weekday + " " + (day ? FormatDisplayDate(*day * 86400) : next.substr(0, 10)) + ", " +
         next.substr(11);
}

std::string SlotText(const cases::Slot& s) {
  return std::string(LabelOf(kWeekdays, std::to_string(s.weekday))) + " " + s.session;
}

class PresencePages {
 public:
  explicit PresencePages(CaseworkPages ctx) : ctx_(ctx) {}

  http::Response Practice(http::Request& request) {
    auto p = ctx_.casework.PracticeLinkWorkers(*request.principal, request.route["code"]);
    if (!p.ok()) return StatusPage(request, p.status());
    Data workers = List();
    for (const auto& w : p->link_workers) {
      Data d = Object();
      d.set("name", w.link_worker.display_name);
      d.set("phone", w.link_worker.phone);
      d.set("email", w.link_worker.email);
      std::string sessions;
      for (const auto& s : w.here) sessions += (sessions.empty() ? "" : ", ") + SlotText(s);
      d.set("sessions", sessions.empty() ? "No regular sessions here" : sessions);
      d.set("next_in", NextIn(w.next_in));
      workers.push_back(d);
    }
    View view;
    view.title = "Link worker for " + p->practice.name;
    view.body = "practice_link_worker";
    Data& d = view.data;
    d.set("practice", p->practice.name);
    d.set("workers", workers);
    d.set("has_workers", !p->link_workers.empty());
    d.set("face_to_face", std::to_string(p->face_to_face_90_days));
    return RenderPage(request, view);
  }

  http::Response Show(http::Request& request) { return Render(request, {}, nullptr, 200); }

  http::Response SaveSettings(http::Request& request) {
    http::Params form = request.Form();
    const std::string& username = request.route["username"];
    FormErrors errors;
    auto capacity = ParseId(Trim(FormValue(form, "capacity")));
    if (!capacity) errors.Add("capacity", "Capacity must be a whole number of people a year");
    if (errors.empty()) {
      std::optional<bool> lead;
      if (request.principal->role == Role::kAdmin) lead = FormValue(form, "pcn_lead") == "yes";
      Status s = ctx_.casework.SetSettings(
          *request.principal, username, static_cast<int>(std::min<std::int64_t>(*capacity, 100000)),
          lead, Trim(FormValue(form, "phone")), Trim(FormValue(form, "email")));
      if (s.ok()) return http::Response::Redirect("/link-workers/" + username + "?saved=1");
      if (s.code() != Code::kInvalid) return StatusPage(request, s);
      const FieldInfo fields[] = {{"capacity", "capacity", "Capacity", "Enter a capacity"},
                                  {"phone", "phone", "Phone", ""},
                                  {"email", "email", "Email", ""},
                                  {"pcn_lead", "pcn_lead", "PCN lead", ""}};
      errors.AddStatus(s, fields);
    }
    return Render(request, errors, &form, 422);
  }

  http::Response SavePresence(http::Request& request) {
    http::Params form = request.Form();
    const std::string& username = request.route["username"];
    std::vector<cases::Slot> slots;
    for (int day = 1; day <= 5; ++day) {
      for (const auto& session : kSessions) {
        std::string practice =
            FormValue(form, "presence-" + std::to_string(day) + "-" + std::string(session.code));
        if (!practice.empty()) slots.push_back({day, std::string(session.code), practice, ""});
      }
    }
    Status s = ctx_.casework.SetPresence(*request.principal, username, slots);
    if (s.ok()) return http::Response::Redirect("/link-workers/" + username + "?saved=1");
    if (s.code() != Code::kInvalid) return StatusPage(request, s);
    FormErrors errors;
    errors.Add("presence-1-morning", "Choose practices in the link worker's PCN");
    return Render(request, errors, nullptr, 422);
  }

 private:
  http::Response Render(http::Request& request, const FormErrors& errors,
                        const http::Params* posted, int status) {
    const Principal& who = *request.principal;
    const std::string& username = request.route["username"];
    auto worker = ctx_.casework.GetLinkWorker(who, username);
    if (!worker.ok()) return StatusPage(request, worker.status());
    auto slots = ctx_.casework.GetPresence(who, username);
    if (!slots.ok()) return StatusPage(request, slots.status());
    auto org = ctx_.organisations.Get(worker->org_code);
    std::string pcn = org.ok() ? (org->kind == OrgKind::kPcn ? org->code : org->parent_code) : "";
    auto practices = ctx_.organisations.List(OrgKind::kPractice);
    if (!practices.ok()) return StatusPage(request, practices.status());
    bool self = who.username == username;
    bool may_edit = self || who.role == Role::kAdmin;

    Data days = List();
    for (const auto& day : kWeekdays) {
      Data d = Object();
      d.set("day", std::string(day.label));
      Data sessions = List();
      for (const auto& session : kSessions) {
        std::string at;
        for (const auto& s : *slots) {
          if (std::to_string(s.weekday) == day.code && s.session == session.code)
            at = s.practice_code;
        }
        Data sd = Object();
        std::string id = "presence-" + std::string(day.code) + "-" + std::string(session.code);
        sd.set("id", id);
        sd.set("label", std::string(day.label) + " " + std::string(session.code));
        sd.set("session", std::string(session.label));
        Data options = List();
        Data none = Object();
        none.set("value", "");
        none.set("label", "Not at a practice");
        options.push_back(none);
        for (const auto& p : *practices) {
          if (p.parent_code != pcn) continue;
          Data o = Object();
          o.set("value", p.code);
          o.set("label", p.name);
          o.set("selected", p.code == at);
          options.push_back(o);
        }
        sd.set("options", options);
        sessions.push_back(sd);
      }
      d.set("sessions", sessions);
      days.push_back(d);
    }

    View view;
    view.status = status;
    view.title = worker->display_name;
    view.body = "link_worker";
    view.has_errors = !errors.empty();
    view.nav_path = self ? "/link-workers/" + username : "/casework";
    Data& d = view.data;
    errors.AddTo(d);
    d.set("csrf_token", who.csrf_token);
    d.set("name", worker->display_name);
    d.set("username", username);
    d.set("saved", !request.Query("saved").empty());
    d.set("may_edit", may_edit);
    d.set("may_edit_capacity", may_edit || who.role == Role::kLinkWorker);
    d.set("admin", who.role == Role::kAdmin);
    d.set("pcn_lead", worker->pcn_lead);
    auto value = [&](const char* name, const std::string& stored) {
      return posted ? FormValue(*posted, name) : stored;
    };
    d.set("capacity", value("capacity", std::to_string(worker->capacity)));
    d.set("phone", value("phone", worker->phone));
    d.set("email", value("email", worker->email));
    d.set("capacity_error", errors.For("capacity"));
    d.set("phone_error", errors.For("phone"));
    d.set("email_error", errors.For("email"));
    d.set("year", std::to_string(worker->year));
    d.set("waiting", std::to_string(worker->waiting));
    d.set("caseload", std::to_string(worker->caseload));
    d.set("days", days);
    return RenderPage(request, view);
  }

  CaseworkPages ctx_;
};

}  // namespace

void RegisterPresencePages(http::Router& router, CaseworkPages ctx) {
  auto pages = std::make_shared<PresencePages>(ctx);
  router.Add("GET", "/practices/{code}/link-worker",
             GuardPage({.roles = {Role::kReferrer, Role::kLinkWorker, Role::kAdmin}},
                       [pages](http::Request& r) { return pages->Practice(r); }));
  http::Needs staff{.roles = {Role::kLinkWorker, Role::kAdmin}};
  router.Add("GET", "/link-workers/{username}",
             GuardPage(staff, [pages](http::Request& r) { return pages->Show(r); }));
  staff.csrf = true;
  router.Add("POST", "/link-workers/{username}/settings",
             GuardPage(staff, [pages](http::Request& r) { return pages->SaveSettings(r); }));
  router.Add("POST", "/link-workers/{username}/presence",
             GuardPage(staff, [pages](http::Request& r) { return pages->SavePresence(r); }));
}

}  // namespace linkway
