// GET /referrals/new (also ?draft=TOKEN from a GP system) and POST /referrals.
#include <memory>

#include "auth/secrets.hpp"
#include "referrals/pages.hpp"
#include "referrals/referral_form.hpp"
#include "web/pages.hpp"
#include "web/view.hpp"

namespace linkway {
namespace {

using namespace web;  // NOLINT(google-build-using-namespace): the page frame's words

// An idempotency key from the form is kept only when it looks like one this page made.
bool LooksLikeKey(const std::string& key) {
  return !key.empty() && key.size() <= 64 &&
         key.find_first_not_of("0123456789abcdef") == std::string::npos;
}

class ReferralFormPages {
 public:
  explicit ReferralFormPages(ReferralPages ctx) : ctx_(ctx) {}

  http::Response Show(http::Request& request) {
    const Principal& who = *request.principal;
    ReferralFormValues values;
    if (std::string token = request.Query("draft"); !token.empty()) {
      auto payload = ctx_.referrals.OpenDraft(who, token);
      if (payload.status().code() == Code::kNotFound) return DraftGone(request);
      if (!payload.ok()) return StatusPage(request, payload.status());
      values = ValuesFromDraft(*payload).value_or(ReferralFormValues{});
    }
    values.idempotency_key = RandomHex(16);
    return ReferralFormPage(request, ctx_.organisations, values, {}, 200);
  }

  http::Response Create(http::Request& request) {
    const Principal& who = *request.principal;
    http::Params form = request.Form();
    ReferralFormValues values = ValuesFromForm(form);
    if (!LooksLikeKey(values.idempotency_key)) values.idempotency_key = RandomHex(16);
    ReferralInput input = ToInput(values);
    if (who.org_kind == OrgKind::kPractice) input.practice = who.org_code;

    auto created =
        ctx_.referrals.CreateReferral(who, input, values.idempotency_key, FormHash(form));
    if (created.ok()) {
      return http::Response::Redirect("/referrals/" + std::to_string(created->referral.id) +
                                      "?created=1");
    }
    const Status& status = created.status();
    if (status.code() == Code::kInvalid) {
      return ReferralFormPage(request, ctx_.organisations, values, ReferralErrors(status, values),
                              422);
    }
    if (status.code() == Code::kConflict) {
      // The key was used for a different referral: this form was sent before and then changed.
      FormErrors errors;
      errors.Add("",
                 "A referral was already sent from this form. Check your referrals before "
                 "you send it again. To send it as a new referral, select Send referral.");
      values.idempotency_key = RandomHex(16);
      return ReferralFormPage(request, ctx_.organisations, values, errors, 409);
    }
    return StatusPage(request, status);
  }

 private:
  static http::Response DraftGone(const http::Request& request) {
    return MessagePage(request, 404, "This link has expired",
                       "The link to this referral has expired or was already used. Each link "
                       "works once, for 15 minutes. Start the referral again from your clinical "
                       "system, or fill in the form here.",
                       "/referrals/new", "Make a referral");
  }

  ReferralPages ctx_;
};

}  // namespace

void RegisterReferralFormPages(http::Router& router, ReferralPages ctx) {
  auto pages = std::make_shared<ReferralFormPages>(ctx);
  http::Needs may_refer{.roles = {Role::kReferrer, Role::kLinkWorker},
                        .refusal = "Your role cannot make referrals."};
  router.Add("GET", "/referrals/new",
             web::GuardPage(may_refer, [pages](http::Request& r) { return pages->Show(r); }));
  may_refer.csrf = true;
  router.Add("POST", "/referrals",
             web::GuardPage(may_refer, [pages](http::Request& r) { return pages->Create(r); }));
}

}  // namespace linkway
