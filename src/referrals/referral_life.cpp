#include "referrals/referral_life.hpp"

#include <algorithm>

namespace linkway {

std::vector<ReferralState> NextStates(ReferralState from) {
  using S = ReferralState;
  switch (from) {
    case S::kReceived:
      return {S::kAccepted, S::kDeclined, S::kWithdrawn};
    case S::kAccepted:
      return {S::kContacted, S::kUnableToContact};
    case S::kContacted:
      return {S::kActive};
    case S::kActive:
      return {S::kClosed};
    case S::kDeclined:
    case S::kWithdrawn:
    case S::kUnableToContact:
    case S::kClosed:
      return {};
  }
  return {};
}

Status CheckTransition(ReferralState from, const TransitionRequest& request) {
  auto next = NextStates(from);
  if (std::find(next.begin(), next.end(), request.to) == next.end()) {
    std::string message = "cannot move a referral that is " + std::string(ToString(from)) + " to " +
                          std::string(ToString(request.to));
    if (next.empty()) {
      message += "; " + std::string(ToString(from)) + " is final";
    } else {
      message += "; from " + std::string(ToString(from)) + " it can move to ";
      for (std::size_t i = 0; i < next.size(); ++i) {
        if (i > 0) message += i + 1 == next.size() ? " or " : ", ";
        message += ToString(next[i]);
      }
    }
    return Status::Conflict(message);
  }
  FieldErrors errors;
  bool needs_reason =
      request.to == ReferralState::kDeclined || request.to == ReferralState::kWithdrawn;
  if (needs_reason && request.reason.find_first_not_of(" \t\r\n") == std::string::npos) {
    errors.Add("reason", "give a reason for " + std::string(request.to == ReferralState::kDeclined
                                                                ? "declining"
                                                                : "withdrawing"));
  }
  if (request.reason.size() > 2000) errors.Add("reason", "must be at most 2000 characters");
  if (request.to == ReferralState::kClosed) {
    if (request.outcome.empty()) {
      errors.Add("outcome", "choose an outcome");
    } else if (!IsChoice(kOutcomes, request.outcome)) {
      errors.Add("outcome", "is not an outcome code");
    }
  } else if (!request.outcome.empty()) {
    errors.Add("outcome", "is only given when closing");
  }
  return errors.ToStatus();
}

Result<ReferralEvent> TakeStep(const Referral& current, const TransitionRequest& request,
                               const CodeTable& codes, const Mover& by, UnixSeconds at) {
  if (Status s = CheckTransition(current.state, request); !s.ok()) return s;
  ClinicalCode code = codes.ForState(request.to);
  ReferralEvent e;
  e.referral_id = current.id;
  e.at = at;
  e.user_id = by.user_id;
  e.username = by.username;
  e.role = by.role;
  e.from = current.state;
  e.to = request.to;
  e.reason = request.reason;
  e.outcome = request.outcome;
  e.code_system = std::move(code.system);
  e.code = std::move(code.code);
  e.code_display = std::move(code.display);
  return e;
}

}  // namespace linkway
