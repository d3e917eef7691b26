// `linkway seed --demo`: builds a demo world in an empty database, on real open data for
// Herefordshire (its 20 GP practices and 6175 postcodes) with synthetic PCNs, community
// organisations, staff, patients and a year of referrals and signposts.
//
// The world follows the 2021 survey of clinicians in the area: how often each of 24
// clinicians refers (three two or three times a week down to one who never does), 23 of 24
// signposting, and link workers holding about 200 referrals a year each. The Hereford City PCN
// link worker has been on leave for four weeks, so that PCN's inbox holds a backlog.
// Same seed and `now`, same world.
// Thread safety: run it alone against the database; it is not meant to race other writers.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/system.hpp"
#include "core/clock.hpp"
#include "core/status.hpp"
#include "referrals/codes.hpp"

namespace linkway {

// One account to try the demo with.
struct DemoSignIn {
  std::string username;
  std::string role;  // "referrer", "link_worker", ...
  std::string org;   // "Hereford Medical Group (M81026)"
  std::string description;
};

struct SeedReport {
  std::vector<DemoSignIn> sign_ins;
  std::string password;  // every demo account has this one password
  int referrals = 0;
  int signposts = 0;
};

// Builds the demo world, with every referral's history ending by `now`. kConflict when the
// database already holds data; otherwise the first error, and the database is left part
// seeded (seed a fresh database again). Takes about a second.
Result<SeedReport> SeedDemo(System& system, const CodeTable& codes, UnixSeconds now,
                            std::uint64_t random_seed = 2021);

}  // namespace linkway
