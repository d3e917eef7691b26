// GET /feedback: a referrer's feedback from link workers, unread first; GET /feedback/{id}: one
// message as a letter, printable for the GP record, marked read.
#include <memory>

#include "casework/pages.hpp"
#include "core/text.hpp"
#include "web/pages.hpp"

namespace linkway {
namespace {

using namespace web;  // NOLINT(google-build-using-namespace): the page frame's words

class FeedbackPages {
 public:
  explicit FeedbackPages(CaseworkPages ctx) : ctx_(ctx) {}

  http::Response List(http::Request& request) {
    int page = ParsePage(request.Query("page"));
    auto found = ctx_.casework.ListFeedback(*request.principal, page);
    if (!found.ok()) return StatusPage(request, found.status());
    Data rows = web::List();
    for (const auto& f : found->items) {
      Data row = Object();
      row.set("href", "/feedback/" + std::to_string(f.id));
      row.set("person", f.given_name + " " + f.family_name);
      row.set("date", FormatDisplayDate(f.created_at));
      row.set("outcome", std::string(LabelOf(kOutcomes, f.outcome)));
      row.set("unread", !f.read);
      row.set("referral", std::to_string(f.referral_id));
      rows.push_back(row);
    }
    View view;
    view.title = "Feedback from link workers";
    view.body = "feedback_list";
    Data& d = view.data;
    d.set("rows", rows);
    d.set("has_rows", !found->items.empty());
    d.set("unread", std::to_string(ctx_.casework.UnreadFeedback(*request.principal)));
    d.set("total", std::to_string(found->total));
    d.set("pagination", Pagination(found->page, found->pages(),
                                   [](int n) { return "/feedback?page=" + std::to_string(n); }));
    return RenderPage(request, view);
  }

  http::Response Show(http::Request& request) {
    auto id = ParseId(request.route["id"]);
    if (!id) return NotFoundPage(request);
    auto f = ctx_.casework.ReadFeedback(*request.principal, *id);
    if (!f.ok()) return StatusPage(request, f.status());
    Data sections = web::List();
    for (const auto& s : f->message.sections) {
      Data section = Object();
      section.set("heading", s.heading);
      section.set("prsb", s.prsb);
      Data rows = web::List();
      for (const auto& [k, v] : s.rows) {
        Data row = Object();
        row.set("key", k);
        row.set("value", v);
        rows.push_back(row);
      }
      section.set("rows", rows);
      section.set("has_rows", !s.rows.empty());
      Data paragraphs = web::List();
      for (const auto& p : s.paragraphs) paragraphs.push_back(Data(p));
      section.set("paragraphs", paragraphs);
      sections.push_back(section);
    }
    View view;
    view.title = f->message.title;
    view.body = "feedback_letter";
    view.nav_path = request.principal->role == Role::kReferrer ? "/feedback" : "/casework";
    Data& d = view.data;
    d.set("title", f->message.title);
    d.set("date", FormatDisplayDate(f->created_at));
    d.set("sections", sections);
    d.set("referrer", request.principal->role == Role::kReferrer);
    d.set("case_href", "/cases/" + std::to_string(f->referral_id));
    return RenderPage(request, view);
  }

 private:
  CaseworkPages ctx_;
};

}  // namespace

void RegisterFeedbackPages(http::Router& router, CaseworkPages ctx) {
  auto pages = std::make_shared<FeedbackPages>(ctx);
  router.Add("GET", "/feedback",
             GuardPage({.roles = {Role::kReferrer}, .refusal = "Feedback is for referrers."},
                       [pages](http::Request& r) { return pages->List(r); }));
  router.Add("GET", "/feedback/{id}",
             GuardPage({.roles = {Role::kReferrer, Role::kLinkWorker}},
                       [pages](http::Request& r) { return pages->Show(r); }));
}

}  // namespace linkway
