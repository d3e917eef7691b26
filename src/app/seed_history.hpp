// The demo's history: when referrals and signposts happen over the year, and how each referral
// moves through its life afterwards, written through the store as the service would write it.
// Thread safety: none; one seeding run at a time.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/seed_random.hpp"
#include "referrals/codes.hpp"
#include "referrals/referral.hpp"
#include "referrals/referral_store.hpp"

namespace linkway::demo {

inline constexpr UnixSeconds kDay = 86400;

// Someone who acts in the demo: a user already added, and the role they act in.
struct Actor {
  std::int64_t id = 0;
  std::string username;
  std::string role;
  std::string profession;
  std::string org_code;
};

// The times of a Poisson process running at `per_week` on weekdays in surgery hours (08:00 to
// 18:30), within (from, to], in order.
std::vector<UnixSeconds> SurgeryTimes(double per_week, UnixSeconds from, UnixSeconds to,
                                      SeedRandom& random);

// One step of a referral's life after it was received.
struct Step {
  ReferralState to = ReferralState::kReceived;
  UnixSeconds at = 0;
  bool by_referrer = false;  // a withdrawal; every other step is the link worker's
  std::string reason;
  std::string outcome;
};

// The life of a referral received at `received`: about 3% withdrawn by the referrer and 8%
// declined; the rest accepted within ten working days (two when urgent), then contacted (85%)
// or not, active within two weeks and closed 4 to 16 weeks later with an outcome, mostly goals
// met. Steps are in order, in working hours, each after the one before. The plan stops at the
// first step later than `now`, or than `link_worker_away_from` for the link worker's steps
// (the link worker has been away since then, so referrals wait).
std::vector<Step> PlanLife(UnixSeconds received, bool urgent, UnixSeconds now,
                           UnixSeconds link_worker_away_from, SeedRandom& random);

// Moves referral `id` through `steps` with ReferralStore::Update, each checked against its
// current state by CheckTransition. Returns the first error unchanged.
// `after`, when given, runs inside each step's write (the casework the link worker recorded).
Status WriteLife(ReferralStore& store, const CodeTable& codes, std::int64_t id,
                 const std::vector<Step>& steps, const Actor& referrer, const Actor& link_worker,
                 const ReferralStore::After& after = {});

}  // namespace linkway::demo
