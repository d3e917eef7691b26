// GET /referrals/{id} and POST /referrals/{id}/transitions.
#include <memory>

#include "core/text.hpp"
#include "referrals/pages.hpp"
#include "referrals/referral_detail.hpp"
#include "web/pages.hpp"
#include "web/view.hpp"

namespace linkway {
namespace {

using namespace web;  // NOLINT(google-build-using-namespace): the page frame's words

class ReferralDetailPages {
 public:
  explicit ReferralDetailPages(ReferralPages ctx) : ctx_(ctx) {}

  http::Response Show(http::Request& request) {
    auto id = ParseId(request.route["id"]);
    if (!id) return NotFoundPage(request);
    bool created = request.Query("created") == "1";
    return ReferralDetailPage(request, ctx_.referrals, *id, created, {}, std::nullopt, 200);
  }

  http::Response Move(http::Request& request) {
    auto id = ParseId(request.route["id"]);
    if (!id) return NotFoundPage(request);
    http::Params form = request.Form();

    auto to = ParseReferralState(FormValue(form, "to"));
    if (!to) {
      FormErrors errors;
      errors.Add("", "Choose a next step");
      return ReferralDetailPage(request, ctx_.referrals, *id, false, errors, std::nullopt, 422);
    }
    MoveAttempt attempt{*to, FormValue(form, "reason"), FormValue(form, "outcome")};
    TransitionRequest step{attempt.to, attempt.reason, attempt.outcome};
    auto moved = ctx_.referrals.Move(*request.principal, *id, step);
    if (moved.ok()) return http::Response::Redirect("/referrals/" + std::to_string(*id));

    const Status& status = moved.status();
    if (status.code() == Code::kInvalid) {
      std::string reason_id = StepInputId("reason", *to);
      std::string outcome_id = StepInputId("outcome", *to);
      const FieldInfo fields[] = {{"reason", reason_id, "Reason", "Give a reason"},
                                  {"outcome", outcome_id, "Outcome", "Choose an outcome"}};
      FormErrors errors;
      errors.AddStatus(status, fields);
      return ReferralDetailPage(request, ctx_.referrals, *id, false, errors, attempt, 422);
    }
    if (status.code() == Code::kConflict) {
      // Someone else moved it first; the page shows where it is now and what can follow.
      FormErrors errors;
      errors.Add("", "The referral has changed since you opened it: " + status.message() + ".");
      return ReferralDetailPage(request, ctx_.referrals, *id, false, errors, std::nullopt, 409);
    }
    return StatusPage(request, status);
  }

 private:
  ReferralPages ctx_;
};

}  // namespace

void RegisterReferralDetailPages(http::Router& router, ReferralPages ctx) {
  auto pages = std::make_shared<ReferralDetailPages>(ctx);
  // Access to one referral is by organisation too: the service answers for that.
  router.Add("GET", "/referrals/{id}",
             web::GuardPage({}, [pages](http::Request& r) { return pages->Show(r); }));
  router.Add("POST", "/referrals/{id}/transitions",
             web::GuardPage({.csrf = true}, [pages](http::Request& r) { return pages->Move(r); }));
}

}  // namespace linkway
