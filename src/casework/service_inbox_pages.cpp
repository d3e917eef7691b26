// The community organisation's side of connections (role vcse): GET /connections (people sent
// and not yet finished, oldest first; ?show=answered for the rest), GET /connections/{id} and
// POST /connections/{id}/answer (accept, decline with a reason, attended, did not attend).
#include <memory>

#include "casework/pages.hpp"
#include "core/text.hpp"
#include "web/form.hpp"
#include "web/pages.hpp"

namespace linkway {
namespace {

using namespace web;  // NOLINT(google-build-using-namespace): the page frame's words

std::string Person(const cases::InboxRow& r) { return r.given_name + " " + r.family_name; }

class ServiceInboxPages {
 public:
  explicit ServiceInboxPages(CaseworkPages ctx) : ctx_(ctx) {}

  http::Response Inbox(http::Request& request) {
    bool open = request.Query("show") != "answered";
    auto rows =
        ctx_.casework.ServiceInbox(*request.principal, open, ParsePage(request.Query("page")));
    if (!rows.ok()) return StatusPage(request, rows.status());
    UnixSeconds now = ctx_.casework.Now();
    View view;
    view.title = open ? "People sent to you" : "Answered";
    view.body = "service_inbox";
    Data& d = view.data;
    d.set("organisation", request.principal->org_name);
    d.set("title", view.title);
    d.set("title_lower",
          std::string(open ? "people waiting for an answer or attending" : "answered"));
    d.set("open", open);
    if (request.Query("saved") == "answer")
      d.set("saved", "Your answer was sent to the link worker.");
    Data list = List();
    for (const auto& r : rows->items) {
      const Connection& k = r.connection;
      Data row = Object();
      row.set("href", "/connections/" + std::to_string(k.id));
      row.set("person", Person(r));
      row.set("service", k.service_name);
      row.set("sent", k.sent_at ? DisplayDateTime(*k.sent_at) : std::string("Not yet"));
      bool waiting = k.state == "sent" && k.sent_at;
      row.set("overdue", waiting && (k.reminded_at || now - *k.sent_at >= kReminderAfter));
      if (waiting) row.set("due", FormatDisplayDate(*k.sent_at + kDeclineAfter));
      row.set("state", std::string(LabelOf(kConnectionStates, k.state)));
      row.set("link_worker", r.link_worker_name);
      list.push_back(row);
    }
    d.set("rows", list);
    d.set("has_rows", !rows->items.empty());
    d.set("total", std::to_string(rows->total));
    std::string base = open ? "/connections?show=open" : "/connections?show=answered";
    d.set("pagination", Pagination(rows->page, rows->pages(),
                                   [&](int n) { return base + "&page=" + std::to_string(n); }));
    return RenderPage(request, view);
  }

  http::Response One(http::Request& request) { return Render(request, {}, 200); }

  http::Response Answer(http::Request& request) {
    auto id = ParseId(request.route["id"]);
    if (!id) return NotFoundPage(request);
    http::Params form = request.Form();
    std::string to = FormValue(form, "to");
    FormErrors errors;
    if (to.empty()) {
      errors.Add("to", "Choose your answer");
    } else {
      auto done = ctx_.casework.AnswerConnection(*request.principal, *id, to,
                                                 Trim(FormValue(form, "reason")));
      if (done.ok()) return http::Response::Redirect("/connections?saved=answer");
      if (done.status().code() != Code::kInvalid && done.status().code() != Code::kConflict) {
        return StatusPage(request, done.status());
      }
      if (done.status().code() == Code::kConflict) {
        errors.Add("to", Capitalise(done.status().message()));
      } else {
        const FieldInfo fields[] = {{"to", "to", "Answer", "Choose your answer"},
                                    {"reason", "reason", "Reason", "Say why you cannot take them"}};
        errors.AddStatus(done.status(), fields);
      }
    }
    return Render(request, errors, 422);
  }

 private:
  http::Response Render(http::Request& request, const FormErrors& errors, int status) {
    auto id = ParseId(request.route["id"]);
    if (!id) return NotFoundPage(request);
    auto row = ctx_.casework.ServiceConnection(*request.principal, *id);
    if (!row.ok()) return StatusPage(request, row.status());
    const Connection& k = row->connection;
    View view;
    view.status = status;
    view.title = Person(*row);
    view.body = "service_connection";
    view.has_errors = !errors.empty();
    Data& d = view.data;
    errors.AddTo(d);
    d.set("person", Person(*row));
    d.set("service", k.service_name);
    d.set("phone", row->phone.empty() ? std::string("Not given") : row->phone);
    d.set("sent", k.sent_at ? DisplayDateTime(*k.sent_at) : std::string("Not yet"));
    d.set("state", std::string(LabelOf(kConnectionStates, k.state)));
    if (!k.reason.empty()) d.set("reason", k.reason);
    d.set("link_worker", row->link_worker_name);
    d.set("link_worker_phone", row->link_worker_phone);
    d.set("link_worker_email", row->link_worker_email);
    d.set("action", "/connections/" + std::to_string(k.id) + "/answer");
    d.set("csrf_token", request.principal->csrf_token);
    Data answers = List();
    int n = 0;
    for (auto next : NextConnectionStates(k.state)) {
      Data o = Object();
      o.set("option_id", n++ == 0 ? std::string("to") : "to-" + std::to_string(n));
      o.set("value", std::string(next));
      std::string label(LabelOf(kConnectionStates, next));
      if (next == "accepted") label = "Accept: we will contact them";
      if (next == "declined") label = "Decline: we cannot take them";
      o.set("label", label);
      answers.push_back(o);
    }
    d.set("answers", answers);
    d.set("has_answers", n > 0);
    if (!errors.For("to").empty()) d.set("to_error", errors.For("to"));
    d.set("reason_input",
          Textarea("reason", "Reason (needed to decline)",
                   "The link worker sees this, so they can find another service", "", errors));
    return RenderPage(request, view);
  }

  CaseworkPages ctx_;
};

}  // namespace

void RegisterServiceInboxPages(http::Router& router, CaseworkPages ctx) {
  auto pages = std::make_shared<ServiceInboxPages>(ctx);
  http::Needs vcse{.roles = {Role::kVcse},
                   .refusal = "Only community organisations answer connections."};
  router.Add("GET", "/connections",
             GuardPage(vcse, [pages](http::Request& r) { return pages->Inbox(r); }));
  router.Add("GET", "/connections/{id}",
             GuardPage(vcse, [pages](http::Request& r) { return pages->One(r); }));
  vcse.csrf = true;
  router.Add("POST", "/connections/{id}/answer",
             GuardPage(vcse, [pages](http::Request& r) { return pages->Answer(r); }));
}

}  // namespace linkway
