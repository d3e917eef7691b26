// The referral's life, enforced here and nowhere else:
//   received -> accepted | declined | withdrawn
//   accepted -> contacted | unable_to_contact
//   contacted -> active
//   active -> closed
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "core/status.hpp"
#include "referrals/codes.hpp"
#include "referrals/referral.hpp"

namespace linkway {

struct TransitionRequest {
  ReferralState to = ReferralState::kReceived;
  std::string reason;   // required for declined and withdrawn
  std::string outcome;  // required for closed: a code from kOutcomes
};

// The states that may follow `from`, in the order the pages offer them.
std::vector<ReferralState> NextStates(ReferralState from);

// Ok when `request` may follow `from`. kConflict when the step is not allowed, with a message
// that names the current state ("cannot move a referral that is declined to accepted");
// kInvalid when the step is allowed but a reason or outcome is missing or unknown.
Status CheckTransition(ReferralState from, const TransitionRequest& request);

// Checks the step with CheckTransition and, when it may be taken, returns the history event
// for it: who (user id, username, role) moved `current` when, with the code for the new state.
struct Mover {
  std::int64_t user_id = 0;
  std::string username;
  std::string role;
};
Result<ReferralEvent> TakeStep(const Referral& current, const TransitionRequest& request,
                               const CodeTable& codes, const Mover& by, UnixSeconds at);

}  // namespace linkway
