#include "server/referrals.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

#include "support/test_world.hpp"

namespace linkway::testing {

std::string ReferralBody(const std::string& given, const std::string& practice) {
  return R"({"patient": {"nhs_number": "943 476 5919", "given_name": ")" + given +
         R"(", "family_name": "Smith", "date_of_birth": "1948-03-02", "postcode": "HR4 7DD",
  "phone": "01432 000000"}, "practice": ")" +
         practice + R"(", "reasons": ["loneliness"],
  "consent": {"referral": true, "share_with_link_worker": true}})";
}

std::string MakeToken(const std::string& db_url, const std::string& username) {
  auto db = OpenDatabase(db_url);
  if (!db.ok()) throw std::runtime_error(db.status().message());
  FixedClock clock(kNow);
  AuthStore users(**db);
  Organisations organisations(**db);
  Auth auth(users, organisations, clock);
  auto token = auth.CreateApiToken(username);
  if (!token.ok()) throw std::runtime_error(token.status().message());
  return *token;
}

std::string PopulateWithToken(const std::string& db_url) {
  PopulateWorldAt(db_url);
  return MakeToken(db_url);
}

void ExpectEachAcknowledgedOnce(const std::string& db_url,
                                const std::map<std::string, std::int64_t>& acknowledged) {
  auto db = OpenDatabase(db_url);
  ASSERT_TRUE(db.ok()) << db.status().message();
  ReferralStore store(**db);
  ReferralFilter all;
  all.page_size = 500;
  std::map<std::string, int> seen;
  std::map<std::string, std::int64_t> ids;
  for (int page = 1;; ++page) {
    all.page = page;
    auto list = store.List(all);
    ASSERT_TRUE(list.ok());
    for (const auto& r : list->items) {
      ++seen[r.patient.given_name];
      ids[r.patient.given_name] = r.id;
      ASSERT_EQ(store.Events(r.id)->size(), 1u) << "referral " << r.id << " half-written";
    }
    if (list->items.size() < 500) break;
  }
  for (const auto& [given, id] : acknowledged) {
    ASSERT_EQ(seen[given], 1) << given << " was acknowledged but is missing or doubled";
    EXPECT_EQ(ids[given], id);
  }
  for (const auto& [given, count] : seen) EXPECT_EQ(count, 1) << given;
}

}  // namespace linkway::testing
