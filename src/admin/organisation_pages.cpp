// GET /admin/organisations, GET /admin/organisations/new, GET /admin/organisations/{code},
// POST /admin/organisations (add or change one), and GET/POST /admin/organisations/import (the
// ODS practice file, with a report of what changed).
#include <memory>

#include "admin/admin_pages.hpp"
#include "core/postcode.hpp"
#include "core/text.hpp"
#include "http/multipart.hpp"
#include "reference/ods_practices.hpp"
#include "web/form.hpp"

namespace linkway::admin {
namespace {

using namespace web;  // NOLINT(google-build-using-namespace): the page frame's words

struct KindLabel {
  OrgKind kind;
  const char* label;
};
constexpr KindLabel kKinds[] = {{OrgKind::kPractice, "GP practice"},
                                {OrgKind::kPcn, "Primary care network (PCN)"},
                                {OrgKind::kVcse, "Community organisation (VCSE)"},
                                {OrgKind::kAgency, "Agency (fire service, job centre, housing...)"},
                                {OrgKind::kIcb, "Integrated care board"}};

const char* KindName(OrgKind kind) {
  for (const auto& k : kKinds) {
    if (k.kind == kind) return k.label;
  }
  return "";
}

std::vector<std::string> Split(const std::string& text) {
  std::vector<std::string> out;
  std::string word;
  for (char c : text + ",") {
    if (c == ',' || c == ' ') {
      if (!word.empty()) out.push_back(word);
      word.clear();
    } else {
      word += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
  }
  return out;
}

class OrganisationPages {
 public:
  explicit OrganisationPages(AdminContext ctx) : ctx_(ctx) {}

  http::Response List(http::Request& request) { return ListPage(request, ""); }

  http::Response New(http::Request& request) {
    return Form(request, 200, Organisation{}, true, {});
  }

  http::Response Show(http::Request& request) {
    auto tree = Tree(ctx_.organisations, *request.principal);
    if (!tree.ok()) return StatusPage(request, tree.status());
    for (const auto& o : *tree) {
      if (o.code == request.route["code"]) return Form(request, 200, o, false, {});
    }
    return NotFoundPage(request);
  }

  http::Response Save(http::Request& request) {
    const Principal& admin = *request.principal;
    http::Params form = request.Form();
    Organisation org;
    org.code = FormValue(form, "code");
    org.name = FormValue(form, "name");
    org.parent_code = FormValue(form, "parent");
    std::string postcode = FormValue(form, "postcode");
    auto kind = ParseOrgKind(FormValue(form, "kind"));
    FormErrors errors;
    if (org.code.empty() || org.code.size() > 12 ||
        org.code.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") != std::string::npos) {
      errors.Add("code", "Enter a code of 1 to 12 capital letters and digits, such as M81026");
    }
    if (org.name.empty()) errors.Add("name", "Enter the organisation's name");
    if (org.name.size() > 200) errors.Add("name", "Enter a name of at most 200 characters");
    if (!kind) errors.Add("kind", "Choose a kind");
    if (!postcode.empty()) {
      auto pc = ParsePostcode(postcode);
      if (!pc.ok()) {
        errors.Add("postcode", "Enter a real postcode, such as HR1 2JB");
      } else {
        org.postcode = *pc;
      }
    }
    auto tree = Tree(ctx_.organisations, admin);
    if (!tree.ok()) return StatusPage(request, tree.status());
    if (kind) {
      org.kind = *kind;
      if (org.kind == OrgKind::kAgency) {
        std::string joined;
        for (const auto& a : Split(FormValue(form, "areas")))
          joined += (joined.empty() ? "" : ",") + a;
        org.areas = joined;
        org.parent_code.clear();
        if (org.areas.empty())
          errors.Add("areas", "Enter the PCNs or the ICB the agency refers into");
      }
      if (org.kind == OrgKind::kPractice && org.parent_code.empty()) {
        errors.Add("parent", "Enter the code of the practice's PCN");
      }
      if (admin.org_kind != OrgKind::kIcb && org.kind != OrgKind::kPractice) {
        errors.Add("kind",
                   "A PCN's administrator adds and changes its practices; ask the ICB's "
                   "administrator for other organisations");
      }
      if ((org.kind == OrgKind::kPcn || org.kind == OrgKind::kVcse) && org.parent_code.empty()) {
        org.parent_code = admin.org_kind == OrgKind::kIcb ? admin.org_code : "";
      }
    }
    // Only within the administrator's tree: the organisation itself when it exists, and where
    // it is put.
    auto existing = ctx_.organisations.Get(org.code);
    if (existing.ok() && !InTree(*tree, org.code)) {
      errors.Add("code", "That code belongs to an organisation you do not look after");
    }
    if (!org.parent_code.empty() && !InTree(*tree, org.parent_code)) {
      errors.Add("parent", "Enter the code of one of your organisations");
    }
    for (const auto& a : AreaCodes(org)) {
      if (!InTree(*tree, a)) errors.Add("areas", a + " is not one of your organisations");
    }
    if (existing.ok() && kind && existing->kind != *kind) {
      errors.Add("kind", "The kind of an organisation cannot change");
    }
    if (admin.org_kind != OrgKind::kIcb && org.code == admin.org_code) {
      errors.Add("code", "Ask the ICB's administrator to change your own organisation");
    }
    if (!errors.empty()) return Form(request, 422, org, !existing.ok(), errors);
    Status s = ctx_.organisations.Put(org);
    if (s.code() == Code::kInvalid) {
      for (const auto& f : s.fields()) errors.Add(f.field, Capitalise(f.message));
      if (s.fields().empty()) errors.Add("parent", "Enter the code of an organisation that exists");
      return Form(request, 422, org, !existing.ok(), errors);
    }
    if (!s.ok()) return StatusPage(request, s);
    if (Status a = Record(ctx_, admin,
                          existing.ok() ? "admin.organisation.update" : "admin.organisation.create",
                          "organisation", org.code);
        !a.ok()) {
      return StatusPage(request, a);
    }
    return ListPage(request, (existing.ok() ? "Saved " : "Added ") + org.name + ".");
  }

  http::Response ImportForm(http::Request& request) { return ImportPage(request, 200, {}); }

  http::Response Import(http::Request& request) {
    const Principal& admin = *request.principal;
    auto parts = http::ParseMultipart(request.Header("Content-Type"), request.body);
    if (!parts) {
      return MessagePage(request, 400, "The upload could not be read",
                         "Send the form from the import page, with the file chosen.");
    }
    std::string sent = http::PartValue(*parts, "csrf_token");
    if (sent.empty() || !SameSecret(sent, admin.csrf_token)) return CsrfFailedPage(request);
    FormErrors errors;
    std::string file = http::PartValue(*parts, "file");
    std::string pcn = http::PartValue(*parts, "pcn");
    auto tree = Tree(ctx_.organisations, admin);
    if (!tree.ok()) return StatusPage(request, tree.status());
    if (file.empty()) errors.Add("file", "Choose the epraccur CSV file");
    if (!pcn.empty() && !InTree(*tree, pcn)) errors.Add("pcn", "Choose one of your PCNs");
    if (!errors.empty()) return ImportPage(request, 422, errors);
    auto rows = ParseEpraccur(file);
    if (!rows.ok()) {
      errors.Add("file", Capitalise(rows.status().message()));
      return ImportPage(request, 422, errors);
    }
    // Only the administrator's practices are updated: others in the file are left alone.
    std::vector<OdsPractice> mine;
    for (const auto& r : *rows) {
      auto known = ctx_.organisations.Get(r.code);
      if (!known.ok() || InTree(*tree, r.code)) mine.push_back(r);
    }
    PracticeImportOptions options{pcn, Split(http::PartValue(*parts, "areas"))};
    auto report = ImportPractices(ctx_.organisations, mine, options);
    if (!report.ok()) return StatusPage(request, report.status());
    if (Status a = Record(ctx_, admin, "admin.organisation.import", "organisation",
                          "added=" + std::to_string(report->added.size()) +
                              ";updated=" + std::to_string(report->updated.size()));
        !a.ok()) {
      return StatusPage(request, a);
    }
    View view;
    view.title = "The practice file is imported";
    view.body = "admin_import_report";
    view.nav_path = "/admin/organisations";
    Data& d = view.data;
    auto list = [](const std::vector<std::string>& items) {
      Data out = web::List();
      for (const auto& i : items) out.push_back(Data(i));
      return out;
    };
    d.set("added", list(report->added));
    d.set("has_added", !report->added.empty());
    d.set("added_count", std::to_string(report->added.size()));
    d.set("updated", list(report->updated));
    d.set("has_updated", !report->updated.empty());
    d.set("updated_count", std::to_string(report->updated.size()));
    d.set("closed", list(report->closed));
    d.set("has_closed", !report->closed.empty());
    d.set("has_not_added", !report->not_added.empty());
    d.set("not_added_count", std::to_string(report->not_added.size()));
    d.set("unchanged", std::to_string(report->unchanged));
    return RenderPage(request, view);
  }

 private:
  http::Response ListPage(const http::Request& request, const std::string& notice) {
    auto tree = Tree(ctx_.organisations, *request.principal);
    if (!tree.ok()) return StatusPage(request, tree.status());
    Data rows = web::List();
    for (const auto& o : *tree) {
      Data row = Object();
      row.set("code", o.code);
      row.set("name", o.name);
      row.set("kind", std::string(KindName(o.kind)));
      row.set("parent", o.parent_code);
      row.set("areas", o.areas);
      row.set("postcode", o.postcode);
      rows.push_back(row);
    }
    View view;
    view.title = "Organisations";
    view.body = "admin_orgs";
    view.data.set("orgs", rows);
    view.data.set("count", std::to_string(tree->size()));
    view.data.set("notice", notice);
    return RenderPage(request, view);
  }

  http::Response Form(const http::Request& request, int status, const Organisation& org,
                      bool adding, const FormErrors& errors) {
    View view;
    view.status = status;
    view.title = adding ? "Add an organisation" : org.name;
    view.body = "admin_org_form";
    view.nav_path = "/admin/organisations";
    view.has_errors = !errors.empty();
    Data& d = view.data;
    d.set("heading", adding ? "Add an organisation" : "Change " + org.name);
    d.set("csrf", request.principal->csrf_token);
    InputSpec code{.id = "code", .label = "ODS or local code", .value = org.code, .width = "10"};
    code.hint = adding ? "A practice's ODS code, such as M81026" : "The code cannot change";
    code.spellcheck_off = true;
    d.set("code", Input(code, errors));
    d.set("name", Input({.id = "name", .label = "Name", .value = org.name}, errors));
    Data kinds = web::List();
    for (const auto& k : kKinds) {
      Data o = Object();
      o.set("value", std::string(ToString(k.kind)));
      o.set("label", std::string(k.label));
      o.set("selected", k.kind == org.kind);
      kinds.push_back(o);
    }
    d.set("kinds", kinds);
    d.set("parent", Input({.id = "parent",
                           .label = "Belongs to",
                           .hint = "For a practice, its PCN's code; for a PCN or community "
                                   "organisation, the ICB's (left empty, yours)",
                           .value = org.parent_code,
                           .width = "10"},
                          errors));
    d.set("areas", Input({.id = "areas",
                          .label = "Area (agencies only)",
                          .hint = "The codes of the PCNs, or the ICB, the agency refers into, "
                                  "separated by commas",
                          .value = org.areas},
                         errors));
    d.set("postcode",
          Input({.id = "postcode", .label = "Postcode", .value = org.postcode, .width = "10"},
                errors));
    errors.AddTo(d);
    return RenderPage(request, view);
  }

  http::Response ImportPage(const http::Request& request, int status, const FormErrors& errors) {
    auto tree = Tree(ctx_.organisations, *request.principal);
    if (!tree.ok()) return StatusPage(request, tree.status());
    View view;
    view.status = status;
    view.title = "Import the ODS practice file";
    view.body = "admin_import";
    view.nav_path = "/admin/organisations";
    view.has_errors = !errors.empty();
    Data& d = view.data;
    d.set("csrf", request.principal->csrf_token);
    Data pcns = web::List();
    for (const auto& o : *tree) {
      if (o.kind != OrgKind::kPcn) continue;
      Data row = Object();
      row.set("code", o.code);
      row.set("name", o.name);
      pcns.push_back(row);
    }
    d.set("pcns", pcns);
    d.set("file_error", errors.For("file"));
    d.set("pcn_error", errors.For("pcn"));
    d.set("areas", Input({.id = "areas",
                          .label = "Postcode areas for new practices",
                          .hint = "Such as HR, WR. Empty: every active practice in the file",
                          .width = "10"},
                         errors));
    errors.AddTo(d);
    return RenderPage(request, view);
  }

  AdminContext ctx_;
};

}  // namespace

void RegisterOrganisationPages(http::Router& router, AdminContext ctx) {
  auto pages = std::make_shared<OrganisationPages>(ctx);
  router.Add("GET", "/admin/organisations",
             GuardPage(Needs(), [pages](http::Request& r) { return pages->List(r); }));
  router.Add("GET", "/admin/organisations/new",
             GuardPage(Needs(), [pages](http::Request& r) { return pages->New(r); }));
  router.Add("GET", "/admin/organisations/import",
             GuardPage(Needs(), [pages](http::Request& r) { return pages->ImportForm(r); }));
  // The upload checks its own CSRF token, inside the multipart body.
  router.Add("POST", "/admin/organisations/import",
             GuardPage(Needs(), [pages](http::Request& r) { return pages->Import(r); }));
  router.Add("GET", "/admin/organisations/{code}",
             GuardPage(Needs(), [pages](http::Request& r) { return pages->Show(r); }));
  router.Add("POST", "/admin/organisations",
             GuardPage(Needs(true), [pages](http::Request& r) { return pages->Save(r); }));
}

}  // namespace linkway::admin
