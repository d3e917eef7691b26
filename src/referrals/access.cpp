#include "referrals/access.hpp"

namespace linkway {
namespace {

bool InPractice(const Principal& who) { return who.org_kind == OrgKind::kPractice; }

}  // namespace

bool MaySee(const Principal& who, const Referral& referral) {
  switch (who.role) {
    case Role::kReferrer:
      return InPractice(who) ? referral.practice_code == who.org_code
                             : referral.referrer_id == who.user_id;
    case Role::kLinkWorker:
      return !who.pcn_code.empty() && referral.pcn_code == who.pcn_code;
    default:
      return false;
  }
}

bool MaySee(const Principal& who, const Signpost& signpost) {
  switch (who.role) {
    case Role::kReferrer:
      return InPractice(who) ? signpost.practice_code == who.org_code
                             : signpost.user_id == who.user_id;
    case Role::kLinkWorker:
      return !who.pcn_code.empty() && signpost.pcn_code == who.pcn_code;
    default:
      return false;
  }
}

Status CheckMayRefer(const Principal& who) {
  if (who.role == Role::kReferrer || who.role == Role::kLinkWorker) return Status::Ok();
  return Status::Forbidden("your role cannot make referrals");
}

Status CheckMaySignpost(const Principal& who) {
  if (who.role == Role::kReferrer && InPractice(who)) return Status::Ok();
  return Status::Forbidden("only referrers in a practice record signposting");
}

Status CheckMayMove(const Principal& who, const Referral& referral, ReferralState to) {
  if (!MaySee(who, referral)) return Status::Forbidden("you cannot change this referral");
  if (who.role == Role::kLinkWorker) return Status::Ok();
  if (who.role == Role::kReferrer && to == ReferralState::kWithdrawn) return Status::Ok();
  return Status::Forbidden("only a link worker can move a referral to " +
                           std::string(ToString(to)));
}

Status ScopeReferrals(const Principal& who, ReferralFilter& filter) {
  switch (who.role) {
    case Role::kReferrer:
      if (!InPractice(who)) return Status::Forbidden("only referrers in a practice list referrals");
      if (!filter.practice_code.empty() && filter.practice_code != who.org_code) {
        return Status::Forbidden("you can see only your own practice's referrals");
      }
      filter.practice_code = who.org_code;
      filter.pcn_code.clear();
      return Status::Ok();
    case Role::kLinkWorker:
      if (who.pcn_code.empty()) return Status::Forbidden("you are not attached to a PCN");
      filter.pcn_code = who.pcn_code;
      return Status::Ok();
    default:
      return Status::Forbidden("your role cannot see referrals");
  }
}

Status ScopeSignposts(const Principal& who, SignpostFilter& filter) {
  ReferralFilter scope;
  scope.practice_code = filter.practice_code;
  if (Status s = ScopeReferrals(who, scope); !s.ok()) return s;
  filter.practice_code = scope.practice_code;
  filter.pcn_code = scope.pcn_code;
  return Status::Ok();
}

}  // namespace linkway
