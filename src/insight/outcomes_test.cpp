// Outcomes on hand-checked data: paired change with its interval, the share improved by the
// minimal change, breakdowns, attendance, and suppression above practice level.
#include <gtest/gtest.h>

#include "support/app_harness.hpp"

namespace linkway {
namespace {

std::map<std::string, std::int64_t> Ucla(int total) {
  // Three items of 1 to 3 adding up to `total`.
  std::int64_t a = std::min(3, total - 2);
  std::int64_t b = std::min<std::int64_t>(3, total - a - 1);
  return {{"companionship", a}, {"left_out", b}, {"isolated", total - a - b}};
}

class OutcomesTest : public testing::PagesTest {
 protected:
  void SetUp() override {
    // UCLA3 totals (lower is better) at baseline and follow-up: changes -3, -1, 0, +2, -4, -3.
    std::vector<std::pair<int, int>> pairs{{9, 6}, {8, 7}, {7, 7}, {6, 8}, {9, 5}, {7, 4}};
    for (std::size_t i = 0; i < pairs.size(); ++i) {
      ReferralInput in = w_.GoodReferral("P1");
      if (i == 0) in.reasons = {"housing"};
      auto made = w_.referrals->CreateReferral(w_.As("gp1"), in);
      ASSERT_TRUE(made.ok());
      std::int64_t id = made->referral.id;
      ids_.push_back(id);
      ASSERT_TRUE(w_.referrals->Move(w_.As("lw1"), id, {ReferralState::kAccepted, "", ""}).ok());
      ASSERT_TRUE(
          w_.casework
              ->LogContact(w_.As("lw1"), id, {"phone", FormatDate(DayOf(w_.clock.Now())), 10, "P1"})
              .ok());
      auto base =
          w_.casework->RecordMeasure(w_.As("lw1"), id, "ucla3", "baseline", Ucla(pairs[i].first));
      ASSERT_TRUE(base.ok()) << base.status().message();
      ASSERT_TRUE(
          w_.casework->RecordMeasure(w_.As("lw1"), id, "ucla3", "follow_up", Ucla(pairs[i].second))
              .ok());
    }
    auto k = w_.casework->Connect(w_.As("lw1"), ids_[1], "V1", "");
    ASSERT_TRUE(k.ok()) << k.status().message();
    ASSERT_TRUE(w_.casework->MoveConnection(w_.As("lw1"), k->id, "agreed", "").ok());
    ASSERT_TRUE(w_.casework->MoveConnection(w_.As("lw1"), k->id, "sent", "").ok());
    ASSERT_TRUE(w_.casework->AnswerConnection(w_.As("vcse"), k->id, "accepted", "").ok());
    ASSERT_TRUE(w_.casework->AnswerConnection(w_.As("vcse"), k->id, "attended", "").ok());
  }
  std::string Month() { return FormatDate(DayOf(w_.clock.Now())).substr(0, 7); }
  std::vector<std::int64_t> ids_;
};

TEST_F(OutcomesTest, PairedChangeWithItsIntervalAndTheShareImproved) {
  auto o = w_.system->insight.OutcomesFor(
      w_.As("lw1"), {.from = Month(), .to = Month(), .scope = "practice:P1", .measure = "ucla3"});
  ASSERT_TRUE(o.ok()) << o.status().message();
  ASSERT_EQ(o->scores.size(), 1u);
  const ScoreOutcome& total = o->scores[0];
  EXPECT_FALSE(total.higher_is_better);
  EXPECT_EQ(total.overall.n, 6);
  EXPECT_DOUBLE_EQ(total.overall.change.mean, -1.5);
  // sd 2.258, t(5) 2.571: -1.5 +/- 2.370.
  EXPECT_NEAR(total.overall.change.ci95.low, -3.870, 0.001);
  EXPECT_NEAR(total.overall.change.ci95.high, 0.870, 0.001);
  EXPECT_EQ(total.overall.improved, 4);  // by at least 1 point, downwards
  EXPECT_NEAR(total.overall.improved_share, 4.0 / 6, 1e-12);
  ASSERT_FALSE(total.by_reason.empty());
  EXPECT_EQ(total.by_reason[0].key, "loneliness");
  EXPECT_EQ(total.by_reason[0].n, 5);
  EXPECT_EQ(total.by_reason.back().key, "housing");
  EXPECT_EQ(total.by_reason.back().n, 1);
  ASSERT_EQ(total.by_category.size(), 1u);
  EXPECT_EQ(total.by_category[0].n, 1);  // the one who attended: -1
  ASSERT_EQ(o->services.size(), 1u);
  EXPECT_EQ(o->services[0].attended, 1);
  EXPECT_DOUBLE_EQ(*o->services[0].attended_rate, 1.0);
}

TEST_F(OutcomesTest, SmallGroupsAreHiddenAbovePracticeLevel) {
  auto o = w_.system->insight.OutcomesFor(w_.As("commissioner"),
                                          {.from = Month(), .to = Month(), .measure = "ucla3"});
  ASSERT_TRUE(o.ok());
  EXPECT_EQ(o->scores[0].overall.n, 6);
  EXPECT_TRUE(o->scores[0].by_reason.back().suppressed);  // housing's one person
  EXPECT_EQ(o->scores[0].by_reason.back().n, 0);
  EXPECT_TRUE(o->services[0].suppressed);
  EXPECT_EQ(
      w_.system->insight.OutcomesFor(w_.As("commissioner"), {.measure = "nope"}).status().code(),
      Code::kInvalid);
  EXPECT_EQ(w_.system->insight.OutcomesFor(w_.As("vcse"), {}).status().code(), Code::kForbidden);
  auto page = Send("GET", "/insight/outcomes?measure=ucla3&from=" + Month() + "&to=" + Month(),
                   SignIn("commissioner").cookie);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("<svg"), std::string::npos);
  EXPECT_NE(page.body.find("-1.50"), std::string::npos);
  // 4 improved, 2 did not: across the ICB the share would give the 2 away.
  EXPECT_TRUE(o->scores[0].overall.improved_hidden);
  EXPECT_EQ(page.body.find("67%"), std::string::npos);
  EXPECT_NE(page.body.find("how many improved is hidden"), std::string::npos);
  auto own = Send(
      "GET", "/insight/outcomes?scope=practice:P1&measure=ucla3&from=" + Month() + "&to=" + Month(),
      SignIn("lw1").cookie);
  EXPECT_NE(own.body.find("67%"), std::string::npos);
  auto api =
      Send("GET", "/api/v1/insight/outcomes?measure=ucla3&from=" + Month() + "&to=" + Month(),
           SignIn("commissioner").cookie);
  EXPECT_NE(api.body.find("\"improved_share\""), std::string::npos) << api.body;
}

}  // namespace
}  // namespace linkway
