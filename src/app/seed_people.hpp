// Synthetic people for the demo's referrals. None of them is real: NHS numbers come from the
// 999 range NHS England keeps for testing, phone numbers from the ranges Ofcom keeps for drama
// (07700 900xxx, 01632 960xxx), names from short lists of common ones; only the postcodes are
// real, drawn near the person's practice so the equity figures have something to show.
// Thread safety: none; one instance per seeding run.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "app/seed_random.hpp"
#include "core/postcode.hpp"
#include "referrals/referral.hpp"

namespace linkway::demo {

// Postcodes grouped by sector ("HR4 9") and by district within a PCN's area.
class PostcodePools {
 public:
  explicit PostcodePools(const std::vector<PostcodeInfo>& postcodes);

  // A postcode near `practice_postcode`: two times in three in its sector, otherwise in its
  // district and PCN area, otherwise anywhere in the PCN's area, otherwise anywhere.
  // `postcodes` must not have been empty.
  const std::string& Near(std::string_view practice_postcode, SeedRandom& random) const;

 private:
  using Pools = std::map<std::string, std::vector<std::string>, std::less<>>;
  Pools by_sector_;
  Pools by_district_;  // keyed "HR4|U1HW1"
  Pools by_pcn_;
  std::vector<std::string> all_;
};

class PatientMaker {
 public:
  explicit PatientMaker(const PostcodePools& pools) : pools_(pools) {}

  // A new person, with an NHS number not given out before, living near the practice and aged
  // 18 to 90 (most over 60) on `day` (days since 1970-01-01).
  Patient Make(std::string_view practice_postcode, std::int64_t day, SeedRandom& random);

 private:
  std::string NewNhsNumber(SeedRandom& random);

  const PostcodePools& pools_;
  std::set<std::string> used_nhs_numbers_;
};

// The rest of the referral form: one to three reasons (loneliness, mental wellbeing and money
// the most common), both consents, routine urgency mostly, and a short note sometimes.
ReferralInput MakeReferralInput(Patient patient, std::string_view practice_code,
                                SeedRandom& random);

}  // namespace linkway::demo
