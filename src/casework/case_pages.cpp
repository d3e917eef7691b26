// GET /cases/{id}: the case as a link worker works it; GET /cases/{id}/print: the person's own
// plain-language copy of their plan (and, once closed, how it ended);
// POST /connections/{id}/transitions: a connection's next step from the case page.
#include <algorithm>
#include <memory>

#include "casework/pages.hpp"
#include "core/text.hpp"
#include "web/form.hpp"
#include "web/pages.hpp"

namespace linkway {
namespace {

using namespace web;  // NOLINT(google-build-using-namespace): the page frame's words

Data Row(const std::string& key, const std::string& value) {
  Data d = Object();
  d.set("key", key);
  d.set("value", value);
  return d;
}

std::string Date(const std::string& ymd) {
  auto day = ParseDate(ymd);
  return day ? FormatDisplayDate(*day * 86400) : ymd;
}

std::string ScoresText(const MeasureResult& m) {
  std::string out;
  for (const auto& s : m.scores) {
    std::string value = "not scored (an item unanswered)";
    if (s.value) value = FormatScore(*s.value);
    out += (out.empty() ? "" : "; ") + s.name + ": " + value;
  }
  return out;
}

Data Goals(const Plan& plan) {
  Data goals = List();
  for (const auto& g : plan.goals) {
    Data d = Object();
    d.set("text", g.text);
    d.set("domain", std::string(LabelOf(kDomains, g.domain)));
    d.set("target", Date(g.target_date));
    d.set("status", std::string(LabelOf(kGoalStatuses, g.status)));
    goals.push_back(d);
  }
  return goals;
}

class CasePages {
 public:
  explicit CasePages(CaseworkPages ctx) : ctx_(ctx) {}

  http::Response Show(http::Request& request) {
    auto id = ParseId(request.route["id"]);
    if (!id) return NotFoundPage(request);
    auto file = ctx_.casework.Open(*request.principal, *id);
    if (!file.ok()) return StatusPage(request, file.status());
    return Render(request, *file, {}, 200);
  }

  http::Response Print(http::Request& request) {
    auto id = ParseId(request.route["id"]);
    if (!id) return NotFoundPage(request);
    auto file = ctx_.casework.Open(*request.principal, *id);
    if (!file.ok()) return StatusPage(request, file.status());
    const Referral& r = file->referral.referral;
    View view;
    view.title = "Your plan";
    view.body = "case_print";
    view.nav_path = "/casework";
    Data& d = view.data;
    d.set("case_href", "/cases/" + std::to_string(*id));
    d.set("name", r.patient.given_name);
    d.set("link_worker", file->row ? file->row->link_worker_name : "");
    d.set("goals", Goals(file->plan));
    d.set("has_goals", !file->plan.goals.empty());
    d.set("review", file->plan.review_date.empty() ? "" : Date(file->plan.review_date));
    Data services = List();
    for (const auto& k : file->connections) {
      Data s = Object();
      s.set("name", k.service_name);
      s.set("state", std::string(LabelOf(kConnectionStates, k.state)));
      services.push_back(s);
    }
    d.set("services", services);
    d.set("has_services", !file->connections.empty());
    d.set("closed", r.state == ReferralState::kClosed);
    d.set("outcome", std::string(LabelOf(kOutcomes, r.outcome)));
    d.set("summary", r.state_reason);
    return RenderPage(request, view);
  }

  http::Response MoveConnection(http::Request& request) {
    auto id = ParseId(request.route["id"]);
    if (!id) return NotFoundPage(request);
    http::Params form = request.Form();
    auto referral = ParseId(FormValue(form, "referral"));
    auto moved = ctx_.casework.MoveConnection(*request.principal, *id, FormValue(form, "to"),
                                              Trim(FormValue(form, "reason")));
    if (moved.ok()) {
      return http::Response::Redirect("/cases/" + std::to_string(moved->referral_id) +
                                      "?saved=connection#connections");
    }
    if (!referral ||
        (moved.status().code() != Code::kInvalid && moved.status().code() != Code::kConflict)) {
      return StatusPage(request, moved.status());
    }
    auto file = ctx_.casework.Open(*request.principal, *referral);
    if (!file.ok()) return StatusPage(request, file.status());
    FormErrors errors;
    std::string reason = moved.status().fields().empty() ? moved.status().message()
                                                         : "Give the reason the service declined";
    errors.Add("reason-" + std::to_string(*id), web::Capitalise(reason));
    return Render(request, *file, errors, moved.status().code() == Code::kConflict ? 409 : 422);
  }

 private:
  http::Response Render(http::Request& request, const CaseFile& file, const FormErrors& errors,
                        int status) {
    const Referral& r = file.referral.referral;
    const Principal& who = *request.principal;
    UnixSeconds now = ctx_.casework.Now();
    std::string base = "/cases/" + std::to_string(r.id);
    bool open = r.state == ReferralState::kAccepted || r.state == ReferralState::kContacted ||
                r.state == ReferralState::kActive;

    View view;
    view.status = status;
    view.title = r.patient.given_name + " " + r.patient.family_name;
    view.body = "case";
    view.nav_path = "/casework";
    view.has_errors = !errors.empty();
    Data& d = view.data;
    errors.AddTo(d);
    d.set("csrf_token", who.csrf_token);
    d.set("name", view.title);
    d.set("id", std::to_string(r.id));
    d.set("case_id", std::to_string(r.id));
    d.set("referral_href", "/referrals/" + std::to_string(r.id));
    d.set("tag", CaseStateTag(std::string(ToString(r.state))));
    d.set("saved", !request.Query("saved").empty());
    d.set("received", r.state == ReferralState::kReceived);
    d.set("open", open);
    d.set("may_discharge", r.state == ReferralState::kActive);
    d.set("safeguarding", file.row && file.row->safeguarding);

    Data summary = List();
    summary.push_back(Row("NHS number", r.patient.nhs_number));
    summary.push_back(Row("Date of birth", DisplayBirthDate(r.patient.date_of_birth)));
    summary.push_back(Row("Phone", r.patient.phone.empty() ? "Not given" : r.patient.phone));
    summary.push_back(Row("Practice", r.practice_name));
    summary.push_back(Row("Referred by", r.referrer_name));
    summary.push_back(Row("Reasons", Labels(kReasons, r.reasons) +
                                         (r.reason_other.empty() ? "" : ": " + r.reason_other)));
    summary.push_back(Row("Urgency", r.urgency == "urgent" ? "Urgent" : "Routine"));
    summary.push_back(
        Row("Days waiting",
            std::to_string(DaysWaiting(r.created_at(),
                                       r.stamps.contains(ReferralState::kContacted)
                                           ? std::optional(r.stamps.at(ReferralState::kContacted))
                                           : std::nullopt,
                                       now))));
    if (!r.note.empty()) summary.push_back(Row("Referrer's note", r.note));
    if (file.row) {
      summary.push_back(Row("Held by", file.row->link_worker_name.empty()
                                           ? "Nobody yet"
                                           : file.row->link_worker_name));
      summary.push_back(
          Row("Level of support", file.row->intensity.empty()
                                      ? "Not yet agreed"
                                      : std::string(LabelOf(kIntensities, file.row->intensity))));
      summary.push_back(
          Row("Next action",
              file.row->next_action.empty()
                  ? "None set"
                  : file.row->next_action + (file.row->next_action_due.empty()
                                                 ? ""
                                                 : " by " + Date(file.row->next_action_due))));
    }
    d.set("summary", summary);

    Data measures_links = List();
    for (const auto& m : ctx_.casework.measures().all()) {
      Data l = Object();
      l.set("href", base + "/measure?measure=" + m.id);
      l.set("name", m.name);
      measures_links.push_back(l);
    }
    d.set("measure_links", measures_links);
    d.set("base", base);

    Data contacts = List();
    int minutes = 0;
    for (const auto& c : file.contacts) {
      Data row = Object();
      row.set("date", Date(c.contact.date));
      row.set("kind", std::string(LabelOf(kContactKinds, c.contact.kind)));
      row.set("minutes", std::to_string(c.contact.minutes));
      row.set("by", c.by);
      minutes += static_cast<int>(c.contact.minutes);
      contacts.push_back(row);
    }
    d.set("contacts", contacts);
    d.set("has_contacts", !file.contacts.empty());
    d.set("contact_minutes", std::to_string(minutes));

    Data what = List();
    for (const auto& dom : kDomains) {
      auto found = file.what_matters.domains.find(std::string(dom.code));
      if (found != file.what_matters.domains.end())
        what.push_back(Row(std::string(dom.label), found->second));
    }
    d.set("what_matters", what);
    d.set("has_what_matters", !file.what_matters.domains.empty());

    d.set("goals", Goals(file.plan));
    d.set("has_plan", !file.plan.goals.empty());
    d.set("review_date", file.plan.review_date.empty() ? "" : Date(file.plan.review_date));
    Data reviews = List();
    for (const auto& rv : file.plan.reviews) reviews.push_back(Row(Date(rv.date), rv.note));
    d.set("reviews", reviews);

    Data measures = List();
    for (const auto& m : file.measures) {
      Data row = Object();
      row.set("date", FormatDisplayDate(m.at));
      row.set("measure", m.measure_name.empty() ? m.measure : m.measure_name);
      row.set("timepoint", std::string(LabelOf(kTimepoints, m.timepoint)));
      row.set("scores", ScoresText(m));
      measures.push_back(row);
    }
    d.set("measures", measures);
    d.set("has_measures", !file.measures.empty());

    Data connections = List();
    for (const auto& k : file.connections) {
      Data row = Object();
      row.set("id", std::to_string(k.id));
      row.set("name", k.service_name);
      row.set("state", std::string(LabelOf(kConnectionStates, k.state)) +
                           (k.reason.empty() ? "" : ": " + k.reason));
      Data next = List();
      int n = 0;
      for (auto s : NextConnectionStates(k.state)) {
        Data o = Object();
        o.set("value", std::string(s));
        o.set("label", std::string(LabelOf(kConnectionStates, s)));
        o.set("option_id", "to-" + std::to_string(k.id) + (n++ == 0 ? "" : "-" + std::string(s)));
        next.push_back(o);
      }
      row.set("next", next);
      row.set("has_next", n > 0 && open);
      row.set("may_decline", k.state == "sent");
      std::string error = errors.For("reason-" + std::to_string(k.id));
      row.set("error", error);
      row.set("has_error", !error.empty());
      connections.push_back(row);
    }
    d.set("connections", connections);
    d.set("has_connections", !file.connections.empty());

    Data notes = List();
    for (const auto& n : file.notes) {
      Data row = Object();
      row.set("date", DisplayDateTime(n.at));
      row.set("by", n.by);
      row.set("text", n.text);
      row.set("shareable", n.shareable);
      row.set("case_study", n.case_study);
      notes.push_back(row);
    }
    d.set("notes", notes);
    d.set("has_notes", !file.notes.empty());

    Data concerns = List();
    for (const auto& c : file.concerns) {
      Data row = Object();
      row.set("date", Date(c.input.occurred_on));
      row.set("concern", c.input.concern);
      row.set("who_told", c.input.who_told);
      row.set("action", c.input.action);
      row.set("shared", c.input.shareable);
      concerns.push_back(row);
    }
    d.set("concerns", concerns);
    d.set("has_concerns", !file.concerns.empty());

    Data earlier = List();
    for (const auto& e : file.earlier) {
      Data row = Object();
      row.set("href", "/cases/" + std::to_string(e.referral_id));
      row.set("date", FormatDisplayDate(e.received_at));
      row.set("practice", e.practice_name);
      row.set("tag", CaseStateTag(e.state));
      row.set("outcome", e.outcome.empty() ? "" : std::string(LabelOf(kOutcomes, e.outcome)));
      earlier.push_back(row);
    }
    d.set("earlier", earlier);
    d.set("has_earlier", !file.earlier.empty());

    Data holders = List();
    for (const auto& h : file.holders) {
      holders.push_back(Row(h.name, FormatDisplayDate(h.from_at) + " to " +
                                        (h.until_at ? FormatDisplayDate(*h.until_at) : "now") +
                                        " (assigned by " + h.assigned_by + ")"));
    }
    d.set("holders", holders);

    // The referral's steps and the case's own events, in time order.
    struct Entry {
      UnixSeconds at;
      std::string what;
      std::string by;
    };
    std::vector<Entry> entries;
    for (const auto& e : file.referral.history) {
      entries.push_back({e.at,
                         web::Capitalise(Label(e.to)) + (e.reason.empty() ? "" : ": " + e.reason),
                         e.username});
    }
    for (const auto& e : file.events) entries.push_back({e.at, e.summary, e.by});
    std::stable_sort(entries.begin(), entries.end(),
                     [](const Entry& a, const Entry& b) { return a.at < b.at; });
    Data history = List();
    for (const auto& e : entries) {
      Data row = Object();
      row.set("date", DisplayDateTime(e.at));
      row.set("what", e.what);
      row.set("by", e.by);
      history.push_back(row);
    }
    d.set("history", history);
    if (file.feedback) d.set("feedback_href", "/feedback/" + std::to_string(file.feedback->id));
    return RenderPage(request, view);
  }

  CaseworkPages ctx_;
};

}  // namespace

void RegisterCasePages(http::Router& router, CaseworkPages ctx) {
  auto pages = std::make_shared<CasePages>(ctx);
  http::Needs lw{.roles = {Role::kLinkWorker}, .refusal = "Only link workers work cases."};
  router.Add("GET", "/cases/{id}",
             GuardPage(lw, [pages](http::Request& r) { return pages->Show(r); }));
  router.Add("GET", "/cases/{id}/print",
             GuardPage(lw, [pages](http::Request& r) { return pages->Print(r); }));
  lw.csrf = true;
  router.Add("POST", "/connections/{id}/transitions",
             GuardPage(lw, [pages](http::Request& r) { return pages->MoveConnection(r); }));
}

}  // namespace linkway
