// The referral details page: the referral, its history, and a form for each step the signed-in
// user may take next. Internal to the referrals module.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "http/message.hpp"
#include "referrals/referrals.hpp"
#include "web/form.hpp"

namespace linkway {

// A step the user tried and that failed, shown again with what they typed.
struct MoveAttempt {
  ReferralState to = ReferralState::kReceived;
  std::string reason;
  std::string outcome;
};

// The id of the reason or outcome input in the form for step `to`: "reason-declined".
std::string StepInputId(std::string_view input, ReferralState to);

// The page, with `errors` in the summary (and inline on the attempted step's form), or the
// 404/403 page when the referral cannot be read.
http::Response ReferralDetailPage(const http::Request& request, Referrals& referrals,
                                  std::int64_t id, bool created, const web::FormErrors& errors,
                                  const std::optional<MoveAttempt>& attempt, int status);

}  // namespace linkway
