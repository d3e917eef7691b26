// Capacity, waits to first contact and the forecast, on a small hand-checked history.
#include <gtest/gtest.h>

#include "support/app_harness.hpp"

namespace linkway {
namespace {

constexpr UnixSeconds kDay = 86400;

class WaitsTest : public testing::PagesTest {
 protected:
  std::int64_t Refer() {
    auto made = w_.referrals->CreateReferral(w_.As("gp1"), w_.GoodReferral("P1"));
    EXPECT_TRUE(made.ok()) << made.status().message();
    return made.ok() ? made->referral.id : 0;
  }
  void Accept(std::int64_t id) {
    auto moved = w_.referrals->Move(w_.As("lw1"), id, {ReferralState::kAccepted, "", ""});
    ASSERT_TRUE(moved.ok()) << moved.status().message();
  }
  void Contact(std::int64_t id) {
    auto c = w_.casework->LogContact(w_.As("lw1"), id,
                                     {"phone", FormatDate(DayOf(w_.clock.Now())), 15, "P1"});
    ASSERT_TRUE(c.ok()) << c.status().message();
  }
  // Six referrals 30 days ago, all accepted; five first contacted 1, 1, 3, 3 and 7 days later.
  void SetUp() override {
    w_.clock.Set(testing::kNow - 30 * kDay);
    std::vector<std::int64_t> ids;
    for (int i = 0; i < 6; ++i) ids.push_back(Refer());
    for (auto id : ids) Accept(id);
    for (auto [id, day] :
         {std::pair{ids[0], 29}, {ids[1], 29}, {ids[2], 27}, {ids[3], 27}, {ids[4], 23}}) {
      w_.clock.Set(testing::kNow - day * kDay);
      Contact(id);
    }
    w_.clock.Set(testing::kNow);
  }
  std::string MonthOf(UnixSeconds t) { return FormatDate(DayOf(t)).substr(0, 7); }
};

TEST_F(WaitsTest, WaitsCaseloadsAndTheForecast) {
  auto& insight = w_.system->insight;
  std::string month = MonthOf(testing::kNow - 30 * kDay);
  auto waits = insight.WaitsFor(w_.As("lw1"), {.from = month, .to = MonthOf(testing::kNow)});
  ASSERT_TRUE(waits.ok()) << waits.status().message();
  EXPECT_EQ(waits->scope.key, "pcn:PCN1");
  ASSERT_EQ(waits->months.size(), 2u);
  EXPECT_EQ(waits->months[0].n, 5);
  EXPECT_EQ(waits->months[0].median_days, 3);
  EXPECT_EQ(waits->months[0].p90_days, 7);
  EXPECT_EQ(waits->months[1].n, 0);
  EXPECT_FALSE(waits->months[1].median_days.has_value());
  const LinkWorkerLoad* lw1 = nullptr;
  for (const auto& lw : waits->link_workers) {
    if (lw.name == w_.As("lw1").display_name) lw1 = &lw;
  }
  ASSERT_NE(lw1, nullptr);
  EXPECT_EQ(lw1->caseload, 5);
  EXPECT_EQ(lw1->waiting, 1);
  EXPECT_EQ(lw1->waits.n, 5);
  // One waiting, five left in 8 weeks: the next referral is second in line, 22.4 days away.
  auto forecast = insight.ForecastFor(w_.As("lw1"), "pcn:PCN1");
  ASSERT_TRUE(forecast.ok());
  EXPECT_EQ(forecast->waiting, 1);
  EXPECT_DOUBLE_EQ(forecast->wait.arrivals_per_week, 0.75);
  EXPECT_DOUBLE_EQ(forecast->wait.departures_per_week, 0.625);
  EXPECT_DOUBLE_EQ(*forecast->wait.days, 22.4);
  EXPECT_FALSE(forecast->growing);
  ASSERT_EQ(forecast->weeks.size(), 8u);
  EXPECT_EQ(forecast->weeks.back().waiting_at_end, 1);
  // One more referral in each of the last three whole weeks, nobody reached: growing.
  for (int back : {21, 14, 7}) {
    w_.clock.Set(testing::kNow - back * kDay);
    Refer();
  }
  w_.clock.Set(testing::kNow);
  forecast = insight.ForecastFor(w_.As("lw1"), "pcn:PCN1");
  ASSERT_TRUE(forecast.ok());
  EXPECT_TRUE(forecast->growing);
  EXPECT_EQ(forecast->waiting, 4);
  EXPECT_DOUBLE_EQ(*forecast->wait.days, 56.0);
  // A month with fewer than 5 first contacts gives no median: it would be someone's own wait.
  std::int64_t one = Refer();
  Accept(one);
  Contact(one);
  auto few = insight.WaitsFor(w_.As("lw1"),
                              {.from = MonthOf(testing::kNow), .to = MonthOf(testing::kNow)});
  ASSERT_TRUE(few.ok());
  EXPECT_TRUE(few->months[0].suppressed);
  EXPECT_FALSE(few->months[0].median_days.has_value());
  auto page = Send("GET", "/insight/waits", SignIn("lw1").cookie);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("has grown in each of the last 3 weeks"), std::string::npos);
  EXPECT_NE(page.body.find("<svg"), std::string::npos);
  auto icb = Send("GET", "/insight/waits?scope=icb", SignIn("commissioner").cookie);
  ASSERT_EQ(icb.status, 200);
  EXPECT_NE(icb.body.find("Waiting lists that grew in each of the last 3 weeks: First PCN"),
            std::string::npos);
  auto api = Send("GET", "/api/v1/insight/forecast?scope=pcn:PCN1", SignIn("commissioner").cookie);
  EXPECT_NE(api.body.find("\"growing_3_weeks\":true"), std::string::npos) << api.body;
}

TEST_F(WaitsTest, WhoSeesWaits) {
  auto& insight = w_.system->insight;
  EXPECT_EQ(insight.WaitsFor(w_.As("gp1"), {}).status().code(), Code::kForbidden);
  EXPECT_EQ(insight.WaitsFor(w_.As("lw2"), {.scope = "pcn:PCN1"}).status().code(), Code::kNotFound);
  EXPECT_EQ(insight.WaitsFor(w_.As("lw1"), {.scope = "practice:P1"}).status().code(),
            Code::kInvalid);
  EXPECT_EQ(insight.ForecastFor(w_.As("commissioner"), "icb").status().code(), Code::kInvalid);
  EXPECT_EQ(Send("GET", "/insight/waits", SignIn("gp1").cookie).status, 403);
}

}  // namespace
}  // namespace linkway
