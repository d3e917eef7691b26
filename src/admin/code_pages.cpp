// GET /admin/codes: the local code table in use; POST /admin/codes: replace it from a CSV file.
#include <memory>

#include "admin/admin_pages.hpp"
#include "core/text.hpp"
#include "http/multipart.hpp"
#include "web/form.hpp"

namespace linkway::admin {
namespace {

using namespace web;  // NOLINT(google-build-using-namespace): the page frame's words

class CodePages {
 public:
  explicit CodePages(AdminContext ctx) : ctx_(ctx) {}

  http::Response Show(http::Request& request) { return Page(request, 200, "", {}); }

  http::Response Replace(http::Request& request) {
    auto parts = http::ParseMultipart(request.Header("Content-Type"), request.body);
    if (!parts) {
      return MessagePage(request, 400, "The upload could not be read",
                         "Send the form from the code table page, with the file chosen.");
    }
    std::string sent = http::PartValue(*parts, "csrf_token");
    if (sent.empty() || !SameSecret(sent, request.principal->csrf_token)) {
      return CsrfFailedPage(request);
    }
    FormErrors errors;
    std::string file = http::PartValue(*parts, "file");
    if (file.empty()) {
      errors.Add("file", "Choose the CSV file");
      return Page(request, 422, "", errors);
    }
    Status s = ctx_.referrals.ReplaceCodes(*request.principal, file);
    if (s.code() == Code::kInvalid) {
      errors.Add("file", Capitalise(s.message()));
      return Page(request, 422, "", errors);
    }
    if (!s.ok()) return StatusPage(request, s);
    return Page(request, 200, "The code table is replaced: new events carry these codes.", {});
  }

 private:
  http::Response Page(const http::Request& request, int status, const std::string& notice,
                      const FormErrors& errors) {
    View view;
    view.status = status;
    view.title = "Local code table";
    view.body = "admin_codes";
    view.has_errors = !errors.empty();
    Data& d = view.data;
    auto table = ctx_.referrals.codes().Current();
    Data rows = web::List();
    for (const auto& [event, code] : table->entries()) {
      Data row = Object();
      row.set("event", event);
      row.set("system", code.system);
      row.set("code", code.code);
      row.set("display", code.display);
      rows.push_back(row);
    }
    d.set("rows", rows);
    auto source = ctx_.referrals.codes().source();
    d.set("source", source.updated_at == 0 ? std::string("These are the deployment's codes.")
                                           : "Replaced by " + source.updated_by + " on " +
                                                 DisplayDateTime(source.updated_at) + ".");
    d.set("notice", notice);
    d.set("csrf", request.principal->csrf_token);
    d.set("file_error", errors.For("file"));
    errors.AddTo(d);
    return RenderPage(request, view);
  }

  AdminContext ctx_;
};

}  // namespace

void RegisterCodePages(http::Router& router, AdminContext ctx) {
  auto pages = std::make_shared<CodePages>(ctx);
  router.Add("GET", "/admin/codes",
             GuardPage(Needs(), [pages](http::Request& r) { return pages->Show(r); }));
  // The upload checks its own CSRF token, inside the multipart body.
  router.Add("POST", "/admin/codes",
             GuardPage(Needs(), [pages](http::Request& r) { return pages->Replace(r); }));
}

}  // namespace linkway::admin
