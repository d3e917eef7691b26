// Who may do what: the access rules, denied by default.
//   referrer     - refers and signposts for their own organisation; sees the referrals and
//                  signposts of their own practice (or, outside a practice, those they made);
//                  may withdraw a referral their practice made while it is received.
//   link_worker  - sees the referrals and signposts of their own PCN and moves its referrals
//                  through their life.
//   everyone else - 403 on referrals and signposts.
// Pure functions; thread-safe.
#pragma once

#include "core/people.hpp"
#include "core/status.hpp"
#include "referrals/referral.hpp"
#include "referrals/referral_store.hpp"
#include "referrals/signpost.hpp"

namespace linkway {

bool MaySee(const Principal& who, const Referral& referral);
bool MaySee(const Principal& who, const Signpost& signpost);
// Ok, or kForbidden.
Status CheckMayRefer(const Principal& who);
Status CheckMaySignpost(const Principal& who);
Status CheckMayMove(const Principal& who, const Referral& referral, ReferralState to);
// Narrows a list filter to what the principal may see: kForbidden for roles with no access,
// or when they ask for a practice outside their scope.
Status ScopeReferrals(const Principal& who, ReferralFilter& filter);
Status ScopeSignposts(const Principal& who, SignpostFilter& filter);

}  // namespace linkway
