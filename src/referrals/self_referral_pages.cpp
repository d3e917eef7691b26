// The public self-referral form: GET and POST /self-referral, no sign-in and no JavaScript.
// Abuse is bounded: a body of at most 16 KiB, a honeypot field robots fill in, and a limit of
// 5 requests an hour from one client address and 500 an hour in all (per instance), so that
// nobody can fill the disk. A confirmed request shows its reference number, once durable.
#include <algorithm>
#include <chrono>
#include <deque>
#include <map>
#include <memory>
#include <mutex>

#include "core/text.hpp"
#include "referrals/pages.hpp"
#include "web/form.hpp"
#include "web/pages.hpp"

namespace linkway {
namespace {

using namespace web;  // NOLINT(google-build-using-namespace): the page frame's words

// Sliding-window counts by client address, bounded in memory.
class RateLimit {
 public:
  RateLimit(int per_client, int in_all, UnixSeconds window)
      : per_client_(per_client), in_all_(in_all), window_(window) {}

  // True when one more request from `client` at `now` is within the limits (and counts it).
  bool Allow(const std::string& client, UnixSeconds now) {
    std::lock_guard lock(mutex_);
    while (!all_.empty() && all_.front() <= now - window_) all_.pop_front();
    if (static_cast<int>(all_.size()) >= in_all_) return false;
    if (clients_.size() > 10000) clients_.clear();  // bounded; the global limit still holds
    auto& times = clients_[client];
    while (!times.empty() && times.front() <= now - window_) times.pop_front();
    if (static_cast<int>(times.size()) >= per_client_) return false;
    times.push_back(now);
    all_.push_back(now);
    return true;
  }

 private:
  std::mutex mutex_;
  int per_client_;
  int in_all_;
  UnixSeconds window_;
  std::deque<UnixSeconds> all_;
  std::map<std::string, std::deque<UnixSeconds>> clients_;
};

const FieldInfo kFields[] = {
    {"given_name", "given_name", "First name", "Enter your first name"},
    {"family_name", "family_name", "Last name", "Enter your last name"},
    {"phone", "phone", "Phone", "Enter a phone number"},
    {"email", "email", "Email", "Enter an email address"},
    {"postcode", "postcode", "Postcode", "Enter your postcode"},
    {"practice", "practice", "GP practice", "Choose your GP practice"},
    {"help", "help", "What you would like help with", "Tell us what you would like help with"},
    {"nhs_number", "nhs_number", "NHS number", ""},
    {"agreed", "agreed", "Agreement", "Confirm that you agree"},
};

class SelfReferralPages {
 public:
  explicit SelfReferralPages(ReferralPages ctx) : ctx_(ctx), limit_(5, 500, 3600) {}

  http::Response Show(http::Request& request) { return Render(request, {}, {}, 200); }

  http::Response Send(http::Request& request) {
    http::Params form = request.Form();
    // A robot filled the hidden field: thank it and keep nothing.
    if (!FormValue(form, "website").empty()) return Done(request, "SR-0");
    if (!limit_.Allow(request.client, ctx_.referrals.Now())) {
      return StatusPage(request, Status(Code::kRateLimited,
                                        "too many requests have been sent from here. Please try "
                                        "again in an hour, or phone your GP practice"));
    }
    SelfReferralInput in;
    in.given_name = FormValue(form, "given_name");
    in.family_name = FormValue(form, "family_name");
    in.phone = FormValue(form, "phone");
    in.email = FormValue(form, "email");
    in.postcode = FormValue(form, "postcode");
    in.practice = FormValue(form, "practice");
    in.help = FormValue(form, "help");
    in.nhs_number = FormValue(form, "nhs_number");
    in.agreed = FormValue(form, "agreed") == "yes";
    auto made = ctx_.referrals.CreateSelfReferral(in);
    if (made.ok()) return Done(request, "SR-" + std::to_string(made->referral.id));
    if (made.status().code() != Code::kInvalid) return StatusPage(request, made.status());
    FormErrors errors;
    errors.AddStatus(made.status(), kFields);
    return Render(request, &form, errors, 422);
  }

 private:
  http::Response Done(http::Request& request, const std::string& reference) {
    View view;
    view.title = "Your request has been sent";
    view.body = "self_referral_done";
    view.data.set("reference", reference);
    return RenderPage(request, view);
  }

  http::Response Render(http::Request& request, const http::Params* posted,
                        const FormErrors& errors, int status) {
    auto value = [&](const char* name) {
      return posted ? FormValue(*posted, name) : std::string();
    };
    View view;
    view.status = status;
    view.title = "Ask for help from a link worker";
    view.body = "self_referral";
    view.has_errors = !errors.empty();
    Data& d = view.data;
    errors.AddTo(d);
    d.set("given_input", Input({.id = "given_name",
                                .label = "First name",
                                .value = value("given_name"),
                                .width = "20",
                                .autocomplete = "given-name"},
                               errors));
    d.set("family_input", Input({.id = "family_name",
                                 .label = "Last name",
                                 .value = value("family_name"),
                                 .width = "20",
                                 .autocomplete = "family-name"},
                                errors));
    d.set("phone_input", Input({.id = "phone",
                                .label = "Phone number",
                                .hint = "Give a phone number, an email address, or both",
                                .value = value("phone"),
                                .type = "tel",
                                .width = "20",
                                .autocomplete = "tel"},
                               errors));
    d.set("email_input", Input({.id = "email",
                                .label = "Email address",
                                .value = value("email"),
                                .type = "email",
                                .autocomplete = "email",
                                .spellcheck_off = true},
                               errors));
    d.set("postcode_input", Input({.id = "postcode",
                                   .label = "Postcode",
                                   .value = value("postcode"),
                                   .width = "10",
                                   .autocomplete = "postal-code"},
                                  errors));
    d.set("help_input", Textarea("help", "What would you like help with?",
                                 "For example, feeling lonely, money worries, getting more active, "
                                 "or caring for someone",
                                 value("help"), errors));
    d.set("nhs_input",
          Input({.id = "nhs_number",
                 .label = "NHS number (optional)",
                 .hint = "A 10 digit number, like 485 777 3456. You can leave this out.",
                 .value = value("nhs_number"),
                 .width = "10",
                 .inputmode = "numeric"},
                errors));
    auto practices = ctx_.organisations.List(OrgKind::kPractice);
    if (!practices.ok()) return StatusPage(request, practices.status());
    std::sort(practices->begin(), practices->end(),
              [](const Organisation& a, const Organisation& b) { return a.name < b.name; });
    Data list = List();
    for (const auto& p : *practices) {
      Data o = Object();
      o.set("value", p.code);
      o.set("label", p.name);
      o.set("selected", value("practice") == p.code);
      list.push_back(o);
    }
    d.set("practices", list);
    if (!errors.For("practice").empty()) d.set("practice_error", errors.For("practice"));
    if (!errors.For("agreed").empty()) d.set("agreed_error", errors.For("agreed"));
    d.set("agreed", value("agreed") == "yes");
    return RenderPage(request, view);
  }

  ReferralPages ctx_;
  RateLimit limit_;
};

}  // namespace

void RegisterSelfReferralPages(http::Router& router, ReferralPages ctx) {
  auto pages = std::make_shared<SelfReferralPages>(ctx);
  router.Add("GET", "/self-referral", [pages](http::Request& r) { return pages->Show(r); });
  http::Needs public_form{.signed_in = false, .body_limit = 16 * 1024};
  router.Add("POST", "/self-referral",
             GuardPage(public_form, [pages](http::Request& r) { return pages->Send(r); }));
}

}  // namespace linkway
