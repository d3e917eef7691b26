// GET /signposts/new, POST /signposts and GET /signposts (?recorded=1, ?page=): one-action
// signposting, counted without any patient identity.
#include <memory>

#include "referrals/access.hpp"
#include "referrals/pages.hpp"
#include "web/form.hpp"
#include "web/pages.hpp"
#include "web/view.hpp"

namespace linkway {
namespace {

using namespace web;  // NOLINT(google-build-using-namespace): the page frame's words

constexpr int kPageSize = 25;

constexpr FieldInfo kSignpostFields[] = {
    {"service", "service", "Service", "Enter the name of the service"},
    {"reasons", "reasons", "Reason", "Choose at least one reason"},
    {"note", "note", "Note", ""},
};

http::Response SignpostForm(const http::Request& request, const SignpostInput& input,
                            const FormErrors& errors, int status) {
  View view;
  view.status = status;
  view.title = "Record signposting";
  view.body = "signpost_form";
  view.nav_path = "/signposts/new";
  view.has_errors = !errors.empty();
  Data& d = view.data;
  d.set("csrf", request.principal->csrf_token);
  InputSpec service{.id = "service",
                    .label = "Which service did you point the person to?",
                    .hint = "For example, a community larder, a walking group or Citizens Advice",
                    .value = input.service};
  service.autocomplete = "off";
  d.set("service", Input(service, errors));
  Data reasons = Object();
  std::string error = errors.For("reasons");
  reasons.set("error", error.empty() ? Data(false) : Data(error));
  reasons.set("items", ChoiceItems(kReasons, "reasons", input.reasons));
  d.set("reasons", reasons);
  d.set("note", Textarea("note", "Note (optional)",
                         "Do not include the person's name or anything else that identifies them",
                         input.note, errors));
  errors.AddTo(d);
  return RenderPage(request, view);
}

Data Rows(const std::vector<Signpost>& items) {
  Data rows = List();
  for (const auto& s : items) {
    Data row = Object();
    row.set("date", FormatDisplayDate(s.at));
    row.set("service", s.service);
    row.set("reasons", ReasonLabels(s.reasons));
    row.set("by", s.username);
    rows.push_back(row);
  }
  return rows;
}

class SignpostPages {
 public:
  explicit SignpostPages(ReferralPages ctx) : ctx_(ctx) {}

  http::Response New(http::Request& request) {
    if (!CheckMaySignpost(*request.principal).ok()) {
      return ForbiddenPage(request, "Only referrers in a practice can record signposting.");
    }
    return SignpostForm(request, {}, {}, 200);
  }

  http::Response Record(http::Request& request) {
    http::Params form = request.Form();
    if (!CheckMaySignpost(*request.principal).ok()) {
      return ForbiddenPage(request, "Only referrers in a practice can record signposting.");
    }
    SignpostInput input{FormValue(form, "service"), FormValues(form, "reasons"),
                        FormValue(form, "note")};
    auto recorded = ctx_.referrals.RecordSignpost(*request.principal, input);
    if (recorded.ok()) return http::Response::Redirect("/signposts?recorded=1");
    if (recorded.status().code() == Code::kInvalid) {
      FormErrors errors;
      errors.AddStatus(recorded.status(), kSignpostFields);
      return SignpostForm(request, input, errors, 422);
    }
    return StatusPage(request, recorded.status());
  }

  http::Response List(http::Request& request) {
    const Principal& who = *request.principal;
    SignpostQuery query;
    query.page = ParsePage(request.Query("page"));
    query.page_size = kPageSize;
    auto page = ctx_.referrals.ListSignposts(who, query);
    if (page.status().code() == Code::kForbidden) {
      return ForbiddenPage(request, "Your role cannot see signposting.");
    }
    if (!page.ok()) return StatusPage(request, page.status());

    View view;
    view.title = "Signposting";
    view.body = "signpost_list";
    Data& d = view.data;
    d.set("recorded", request.Query("recorded") == "1");
    d.set("heading", who.org_kind == OrgKind::kPractice ? "Signposting from " + who.org_name
                                                        : std::string("Signposting"));
    d.set("may_signpost", CheckMaySignpost(who).ok());
    d.set("rows", Rows(page->items));
    d.set("has_rows", !page->items.empty());
    int pages = static_cast<int>((page->total + kPageSize - 1) / kPageSize);
    d.set("summary",
          std::to_string(page->total) + " recorded" +
              (pages > 1 ? ", page " + std::to_string(query.page) + " of " + std::to_string(pages)
                         : ""));
    d.set("pagination", Pagination(query.page, pages,
                                   [](int n) { return "/signposts?page=" + std::to_string(n); }));
    return RenderPage(request, view);
  }

 private:
  ReferralPages ctx_;
};

}  // namespace

void RegisterSignpostPages(http::Router& router, ReferralPages ctx) {
  auto pages = std::make_shared<SignpostPages>(ctx);
  // Signposting is recorded by referrers; the service also requires them to be in a practice.
  http::Needs referrer{.roles = {Role::kReferrer},
                       .refusal = "Only referrers in a practice can record signposting."};
  router.Add("GET", "/signposts/new",
             web::GuardPage(referrer, [pages](http::Request& r) { return pages->New(r); }));
  referrer.csrf = true;
  router.Add("POST", "/signposts",
             web::GuardPage(referrer, [pages](http::Request& r) { return pages->Record(r); }));
  http::Needs workers{.roles = {Role::kReferrer, Role::kLinkWorker},
                      .refusal = "Your role cannot see signposting."};
  router.Add("GET", "/signposts",
             web::GuardPage(workers, [pages](http::Request& r) { return pages->List(r); }));
}

}  // namespace linkway
