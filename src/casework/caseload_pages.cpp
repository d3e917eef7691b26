// GET /casework: the PCN's waiting list and caseload, each link worker's load against their
// capacity, and (for the PCN's lead and admins) reassigning cases, one or many.
// POST /casework/assign.
#include <memory>

#include "casework/pages.hpp"
#include "core/text.hpp"
#include "web/form.hpp"
#include "web/pages.hpp"

namespace linkway {
namespace {

using namespace web;  // NOLINT(google-build-using-namespace): the page frame's words

Data CaseRowData(const cases::CaseRow& r, UnixSeconds now) {
  Data row = Object();
  row.set("id", std::to_string(r.referral_id));
  row.set("href", "/cases/" + std::to_string(r.referral_id));
  row.set("person", PersonName(r));
  row.set("practice", r.practice_name.empty() ? r.practice_code : r.practice_name);
  row.set("urgent", r.urgent);
  row.set("days_waiting", std::to_string(DaysWaiting(r.received_at, std::nullopt, now)));
  row.set("held_by", r.link_worker_name.empty() ? "Nobody yet" : r.link_worker_name);
  row.set("safeguarding", r.safeguarding);
  row.set("tag", CaseStateTag(r.state));
  row.set("next_action", r.next_action.empty() ? "None set" : r.next_action);
  row.set("due", r.next_action_due.empty()
                     ? ""
                     : FormatDisplayDate(*ParseDate(r.next_action_due) * 86400));
  return row;
}

class CaseloadPages {
 public:
  explicit CaseloadPages(CaseworkPages ctx) : ctx_(ctx) {}

  http::Response Waiting(http::Request& request) { return Render(request, true, {}, 200); }
  http::Response Caseload(http::Request& request) { return Render(request, false, {}, 200); }

  http::Response Assign(http::Request& request) {
    http::Params form = request.Form();
    std::vector<std::int64_t> ids;
    for (const auto& text : FormValues(form, "referral")) {
      if (auto id = ParseId(text)) ids.push_back(*id);
    }
    std::string to = FormValue(form, "link_worker");
    FormErrors errors;
    if (ids.empty()) errors.Add("referral-1", "Choose at least one case to reassign");
    if (to.empty()) errors.Add("link_worker", "Choose who takes the cases");
    if (errors.empty()) {
      auto moved = ctx_.casework.Assign(*request.principal, ids, to);
      if (moved.ok()) {
        std::string back = "/casework?assigned=" + std::to_string(*moved);
        if (!FormValue(form, "pcn").empty()) back += "&pcn=" + FormValue(form, "pcn");
        return http::Response::Redirect(back);
      }
      if (moved.status().code() != Code::kInvalid && moved.status().code() != Code::kConflict) {
        return StatusPage(request, moved.status());
      }
      const FieldInfo fields[] = {
          {"link_worker", "link_worker", "Link worker", "Choose who takes the cases"},
          {"referrals", "referral-1", "Cases", "Choose at least one case"}};
      errors.AddStatus(moved.status(), fields);
    }
    request.query.emplace("pcn", FormValue(form, "pcn"));
    return Render(request, true, errors, 422);
  }

 private:
  http::Response Render(http::Request& request, bool waiting_view, const FormErrors& errors,
                        int status) {
    const Principal& who = *request.principal;
    std::string pcn = request.Query("pcn");
    if (who.role == Role::kAdmin && pcn.empty()) return ChoosePcn(request);
    bool mine = request.Query("show") == "mine";
    CaseQuery query{pcn, mine ? who.username : "", ParsePage(request.Query("page")), 25};
    auto load = ctx_.casework.Load(who, pcn);
    if (!load.ok()) return StatusPage(request, load.status());
    auto w =
        waiting_view ? ctx_.casework.WaitingList(who, query) : ctx_.casework.Caseload(who, query);
    if (!w.ok()) return StatusPage(request, w.status());
    UnixSeconds now = ctx_.casework.Now();

    bool may_assign = who.role == Role::kAdmin;
    Data workers = List();
    for (const auto& lw : load->link_workers) {
      if (lw.username == who.username && lw.pcn_lead) may_assign = true;
      Data row = Object();
      row.set("name", lw.display_name + (lw.pcn_lead ? " (PCN lead)" : ""));
      row.set("username", lw.username);
      row.set("waiting", std::to_string(lw.waiting));
      row.set("caseload", std::to_string(lw.caseload));
      row.set("year", std::to_string(lw.year));
      row.set("capacity", std::to_string(lw.capacity));
      row.set("over", lw.year > lw.capacity);
      workers.push_back(row);
    }
    Data rows = List();
    for (const auto& r : w->items) rows.push_back(CaseRowData(r, now));
    Data options = List();
    for (const auto& lw : load->link_workers) {
      Data o = Object();
      o.set("value", lw.username);
      o.set("label", lw.display_name);
      options.push_back(o);
    }

    View view;
    view.status = status;
    view.title = waiting_view ? "Waiting list" : "Caseload";
    view.body = "caseload";
    view.nav_path = "/casework";
    view.has_errors = !errors.empty();
    Data& d = view.data;
    errors.AddTo(d);
    d.set("pcn_name", load->pcn_name.empty() ? load->pcn_code : load->pcn_name);
    d.set("pcn", who.role == Role::kAdmin ? load->pcn_code : "");
    d.set("admin", who.role == Role::kAdmin);
    d.set("mine", mine);
    d.set("assigned", request.Query("assigned"));
    d.set("workers", workers);
    d.set("pcn_year", std::to_string(load->year));
    d.set("pcn_capacity", std::to_string(load->capacity));
    d.set("over_capacity", load->over_capacity());
    d.set("waiting_view", waiting_view);
    d.set("rows", rows);
    d.set("has_rows", !w->items.empty());
    d.set("total", std::to_string(w->total));
    d.set("may_assign", may_assign);
    d.set("csrf_token", who.csrf_token);
    d.set("link_worker_options", options);
    d.set("link_worker_error", errors.For("link_worker"));
    d.set("referral_error", errors.For("referral-1"));
    std::string pcn_query = who.role == Role::kAdmin ? "&pcn=" + load->pcn_code : "";
    d.set("pcn_query", pcn_query);
    std::string base = std::string(waiting_view ? "/casework" : "/casework/caseload") +
                       "?show=" + (mine ? "mine" : "all") + pcn_query;
    d.set("action", std::string(waiting_view ? "/casework" : "/casework/caseload"));
    d.set("pagination", Pagination(w->page, w->pages(),
                                   [&](int n) { return base + "&page=" + std::to_string(n); }));
    return RenderPage(request, view);
  }

  http::Response ChoosePcn(http::Request& request) {
    auto all = ctx_.organisations.List();
    if (!all.ok()) return StatusPage(request, all.status());
    Data pcns = List();
    for (const auto& o : *all) {
      if (o.kind != OrgKind::kPcn) continue;
      Data p = Object();
      p.set("href", "/casework?pcn=" + o.code);
      p.set("name", o.name);
      pcns.push_back(p);
    }
    View view;
    view.title = "Caseloads by PCN";
    view.body = "caseload_pcns";
    view.data.set("pcns", pcns);
    return RenderPage(request, view);
  }

  CaseworkPages ctx_;
};

}  // namespace

void RegisterCaseloadPages(http::Router& router, CaseworkPages ctx) {
  auto pages = std::make_shared<CaseloadPages>(ctx);
  http::Needs staff{.roles = {Role::kLinkWorker, Role::kAdmin},
                    .refusal = "Only link workers and admins see caseloads."};
  router.Add("GET", "/casework",
             GuardPage(staff, [pages](http::Request& r) { return pages->Waiting(r); }));
  router.Add("GET", "/casework/caseload",
             GuardPage(staff, [pages](http::Request& r) { return pages->Caseload(r); }));
  staff.csrf = true;
  router.Add("POST", "/casework/assign",
             GuardPage(staff, [pages](http::Request& r) { return pages->Assign(r); }));
}

}  // namespace linkway
