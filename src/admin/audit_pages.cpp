// GET /admin/audit: the search forms; POST /admin/audit/person: who has seen or changed a
// person's record, by NHS number (posted, so that it is never in a URL); GET /admin/audit/user:
// what a user has done. Both as a page or a CSV download, and both audited.
#include <memory>

#include "admin/admin_pages.hpp"
#include "core/csv.hpp"
#include "core/nhs_number.hpp"
#include "core/text.hpp"
#include "web/form.hpp"

namespace linkway::admin {
namespace {

using namespace web;  // NOLINT(google-build-using-namespace): the page frame's words

constexpr int kLimit = 1000;

std::string Cell(const std::string& text) { return CsvCell(text); }

class AuditPages {
 public:
  explicit AuditPages(AdminContext ctx) : ctx_(ctx) {}

  http::Response Show(http::Request& request) {
    return Page(request, 200, "", request.Query("username"), {}, nullptr, "");
  }

  http::Response Person(http::Request& request) {
    const Principal& admin = *request.principal;
    http::Params form = request.Form();
    std::string typed = FormValue(form, "nhs_number");
    FormErrors errors;
    auto nhs = ParseNhsNumber(typed);
    if (!nhs.ok()) {
      errors.Add("nhs_number", typed.empty() ? "Enter an NHS number"
                                             : "Enter a 10-digit NHS number that is valid");
      return Page(request, 422, typed, "", errors, nullptr, "");
    }
    // A PCN's administrator sees only the records of their PCN.
    std::string pcn;
    if (admin.org_kind == OrgKind::kPcn) {
      pcn = admin.org_code;
    } else if (admin.org_kind != OrgKind::kIcb) {
      return NotFoundPage(request);
    }
    auto records = ctx_.casework.PersonRecords(*nhs, pcn);
    if (!records.ok()) return StatusPage(request, records.status());
    std::vector<std::string> referrals;
    for (const auto& [type, id] : *records) {
      if (type == "referral") referrals.push_back(id);
    }
    // The search is recorded before anything is shown: one row for each referral found.
    AuditEntry scope = AuditFor(admin, ctx_.casework.Now(), "audit.person", "audit_search",
                                "referrals=" + std::to_string(referrals.size()));
    AuditEntry each = AuditFor(admin, ctx_.casework.Now(), "audit.person", "referral", "");
    if (Status s = ctx_.audit.RecordList(scope, each, referrals); !s.ok()) {
      return StatusPage(request, s);
    }
    auto rows = ctx_.audit.ForRecords(*records, kLimit);
    if (!rows.ok()) return StatusPage(request, rows.status());
    std::string caption = std::to_string(rows->size()) + " entries for NHS number " +
                          FormatNhsNumber(*nhs) + " (" + std::to_string(referrals.size()) +
                          " referrals)";
    if (FormValue(form, "format") == "csv") return Csv(*rows, "audit-person.csv");
    return Page(request, 200, typed, "", {}, &*rows, caption);
  }

  http::Response OfUser(http::Request& request) {
    const Principal& admin = *request.principal;
    std::string username = request.Query("username");
    FormErrors errors;
    auto user = ctx_.users.FindUser(username);
    auto tree = Tree(ctx_.organisations, admin);
    if (!tree.ok()) return StatusPage(request, tree.status());
    if (!user.ok() || !InTree(*tree, user->org_code)) {
      errors.Add("username", username.empty() ? "Enter a username"
                                              : "There is no user with that username among yours");
      return Page(request, 422, "", Shorten(username, 64), errors, nullptr, "");
    }
    if (Status s = Record(ctx_, admin, "audit.user", "user", std::to_string(user->id)); !s.ok()) {
      return StatusPage(request, s);
    }
    auto rows = ctx_.audit.List({.user_id = user->id, .limit = kLimit});
    if (!rows.ok()) return StatusPage(request, rows.status());
    if (request.Query("format") == "csv") return Csv(*rows, "audit-" + user->username + ".csv");
    return Page(request, 200, "", username, {}, &*rows,
                std::to_string(rows->size()) + " entries for " + user->username +
                    (rows->size() == static_cast<std::size_t>(kLimit) ? " (the latest)" : ""));
  }

 private:
  static http::Response Csv(const std::vector<AuditEntry>& rows, const std::string& name) {
    std::string out = "id,at,username,role,action,record_type,record_id\r\n";
    for (const auto& e : rows) {
      out += std::to_string(e.id) + "," + Cell(DisplayDateTime(e.at)) + "," + Cell(e.username) +
             "," + Cell(e.role) + "," + Cell(e.action) + "," + Cell(e.record_type) + "," +
             Cell(e.record_id) + "\r\n";
    }
    http::Response response{200, {{"Content-Type", "text/csv; charset=utf-8"}}, std::move(out)};
    response.Set("Content-Disposition", "attachment; filename=\"" + name + "\"");
    response.Set("Cache-Control", "no-store");
    return response;
  }

  http::Response Page(const http::Request& request, int status, const std::string& nhs_number,
                      const std::string& username, const FormErrors& errors,
                      const std::vector<AuditEntry>* rows, const std::string& caption) {
    View view;
    view.status = status;
    view.title = "Audit";
    view.body = "admin_audit";
    view.nav_path = "/admin/audit";
    view.has_errors = !errors.empty();
    Data& d = view.data;
    d.set("csrf", request.principal->csrf_token);
    InputSpec nhs{.id = "nhs_number", .label = "NHS number", .value = nhs_number, .width = "10"};
    nhs.inputmode = "numeric";
    nhs.autocomplete = "off";
    d.set("nhs_number", Input(nhs, errors));
    InputSpec user{.id = "username", .label = "Username", .value = username, .width = "20"};
    user.spellcheck_off = true;
    d.set("username", Input(user, errors));
    d.set("searched", rows != nullptr);
    d.set("caption", caption);
    Data list = web::List();
    if (rows != nullptr) {
      for (const auto& e : *rows) {
        Data row = Object();
        row.set("when", DisplayDateTime(e.at));
        row.set("username", e.username);
        row.set("role", e.role);
        row.set("action", e.action);
        row.set("record", e.record_type + " " + e.record_id);
        list.push_back(row);
      }
    }
    d.set("rows", list);
    errors.AddTo(d);
    return RenderPage(request, view);
  }

  AdminContext ctx_;
};

}  // namespace

void RegisterAuditPages(http::Router& router, AdminContext ctx) {
  auto pages = std::make_shared<AuditPages>(ctx);
  router.Add("GET", "/admin/audit",
             GuardPage(Needs(), [pages](http::Request& r) { return pages->Show(r); }));
  router.Add("POST", "/admin/audit/person",
             GuardPage(Needs(true), [pages](http::Request& r) { return pages->Person(r); }));
  router.Add("GET", "/admin/audit/user",
             GuardPage(Needs(), [pages](http::Request& r) { return pages->OfUser(r); }));
}

}  // namespace linkway::admin
