// Trends, breakdowns, equity and a clinician's own view, on small hand-checked data: who sees
// what, and counts below 5 suppressed above practice level.
#include <gtest/gtest.h>

#include "auth/secrets.hpp"
#include "insight/list_sizes.hpp"
#include "support/app_harness.hpp"

namespace linkway {
namespace {

constexpr const char* kAges =
    "EXTRACT_DATE,CODE,SEX,AGE_GROUP_5,NUMBER_OF_PATIENTS\n"
    "2026-04-01,P1,ALL,ALL,2000\n"
    "2026-04-01,P1,FEMALE,70_74,300\n"
    "2026-04-01,P1,MALE,75_79,200\n"
    "2026-04-01,P1,FEMALE,20_24,1500\n"
    "2026-04-01,P2,ALL,ALL,10000\n"
    "2026-04-01,P2,MALE,70_74,500\n";

class ActivityTest : public testing::PagesTest {
 protected:
  void SetUp() override {
    ListSizes sizes(*w_.database);
    ASSERT_TRUE(sizes.Import(*ParseListSizes(kAges)).ok());
    // Two more referrers in PCN1, so that it has the 5 a comparison of peers needs.
    for (const char* name : {"gp4", "gp5"}) {
      ASSERT_TRUE(
          w_.users->AddUser({0, name, name, Role::kReferrer, "gp", "P1", HashPassword("unused")})
              .ok());
    }
    // gp1 (P1): 10 referrals for loneliness and money; gp2 (P2): 3 for housing, 1 signpost.
    for (int i = 0; i < 10; ++i) ASSERT_TRUE(Refer("gp1", "P1", {"loneliness", "money"}));
    for (int i = 0; i < 3; ++i) ASSERT_TRUE(Refer("gp2", "P2", {"housing"}));
    ASSERT_TRUE(
        w_.referrals->RecordSignpost(w_.As("gp2"), {"Walking group", {"activity"}, ""}).ok());
  }
  bool Refer(const char* gp, const char* practice, std::vector<std::string> reasons) {
    ReferralInput in = w_.GoodReferral(practice);
    in.reasons = std::move(reasons);
    in.patient.sex = std::string(gp) == "gp1" ? "female" : "male";
    return w_.referrals->CreateReferral(w_.As(gp), in).ok();
  }
  std::string Month() { return FormatDate(DayOf(w_.clock.Now())).substr(0, 7); }
  const BreakdownRow& Row(const Breakdown& b, const std::string& value) {
    for (const auto& r : b.rows) {
      if (r.value == value) return r;
    }
    ADD_FAILURE() << "no row " << value;
    return b.rows.front();
  }
};

TEST_F(ActivityTest, ReasonsAreSuppressedAbovePracticeLevelOnly) {
  auto& insight = w_.system->insight;
  auto icb = insight.Breakdowns(w_.As("commissioner"),
                                {.from = Month(), .to = Month(), .scope = "icb", .by = "reason"});
  ASSERT_TRUE(icb.ok()) << icb.status().message();
  // Housing's 3 is hidden, and so is one of the 10s, or 3 = 13 - 10 - ... could be worked out.
  EXPECT_TRUE(Row(*icb, "housing").referrals.suppressed);
  EXPECT_EQ(Row(*icb, "housing").referrals.Text(), "<5");
  EXPECT_EQ(Row(*icb, "housing").referrals.count, 0);
  int hidden = 0;
  for (const auto& r : icb->rows) hidden += r.referrals.suppressed ? 1 : 0;
  EXPECT_EQ(hidden, 2);
  EXPECT_EQ(icb->total_referrals.Text(), "13");
  EXPECT_EQ(Row(*icb, "activity").signposts.Text(), "<5");
  // At practice level nothing is hidden: a PCN's link worker looks at one of its practices.
  auto practice = insight.Breakdowns(
      w_.As("lw1"), {.from = Month(), .to = Month(), .scope = "practice:P2", .by = "reason"});
  ASSERT_TRUE(practice.ok());
  EXPECT_EQ(Row(*practice, "housing").referrals.Text(), "3");
  EXPECT_EQ(Row(*practice, "loneliness").referrals.Text(), "0");
  // Sources: gp1 is a GP, gp2 a nurse.
  auto sources = insight.Breakdowns(
      w_.As("lw1"), {.from = Month(), .to = Month(), .scope = "practice:P1", .by = "source"});
  ASSERT_TRUE(sources.ok());
  EXPECT_EQ(Row(*sources, "gp").referrals.Text(), "10");
  EXPECT_EQ(Row(*sources, "nurse").referrals.Text(), "0");
  auto activity = insight.Breakdowns(
      w_.As("lw1"), {.from = Month(), .to = Month(), .scope = "practice:P2", .by = "activity"});
  ASSERT_TRUE(activity.ok());
  ASSERT_EQ(activity->rows.size(), 1u);
  EXPECT_EQ(activity->rows[0].referrals.count, 3);
  EXPECT_EQ(activity->rows[0].signposts.count, 1);
  EXPECT_EQ(insight.Breakdowns(w_.As("lw1"), {.by = "colour"}).status().code(), Code::kInvalid);
}

TEST_F(ActivityTest, EquityByAgeAndByPractice) {
  auto& insight = w_.system->insight;
  // Everyone referred was born in 1948: 78 now, in the 70-79 band of 1,000 patients.
  auto age = insight.Equities(w_.As("commissioner"),
                              {.from = Month(), .to = Month(), .scope = "icb", .by = "age"});
  ASSERT_TRUE(age.ok()) << age.status().message();
  const EquityRow* seventies = nullptr;
  for (const auto& r : age->rows) {
    if (r.value == "70-79") seventies = &r;
  }
  ASSERT_NE(seventies, nullptr);
  EXPECT_EQ(seventies->count.count, 13);
  EXPECT_EQ(seventies->population, 1000);
  EXPECT_DOUBLE_EQ(*seventies->rate_per_1000, 13.0);
  // 13 observed: exact 95% limits 6.92 to 22.23.
  EXPECT_NEAR(seventies->ci95->low, 6.92, 0.01);
  EXPECT_NEAR(seventies->ci95->high, 22.23, 0.01);
  auto by_practice =
      insight.Equities(w_.As("lw1"), {.from = Month(), .to = Month(), .by = "practice"});
  ASSERT_TRUE(by_practice.ok());
  ASSERT_EQ(by_practice->rows.size(), 2u);  // PCN1's practices
  EXPECT_EQ(by_practice->rows[0].value, "P1");
  // P2's 3 is hidden at PCN level, and then P1's 10 too, or 3 = 13 - 10.
  EXPECT_EQ(by_practice->rows[1].count.Text(), "<5");
  EXPECT_EQ(by_practice->rows[0].count.Text(), "*");
  EXPECT_FALSE(by_practice->rows[0].rate_per_1000.has_value());
  EXPECT_FALSE(by_practice->rows[1].rate_per_1000.has_value());
  EXPECT_EQ(by_practice->total.Text(), "13");
  auto one = insight.Equities(
      w_.As("lw1"), {.from = Month(), .to = Month(), .scope = "practice:P1", .by = "practice"});
  ASSERT_TRUE(one.ok());
  EXPECT_DOUBLE_EQ(*one->rows[0].rate_per_1000, 5.0);
  // No deprivation populations are held: counts only, and a note that says why.
  auto imd = insight.Equities(w_.As("commissioner"), {.by = "imd"});
  ASSERT_TRUE(imd.ok());
  EXPECT_NE(imd->population_note.find("No registered populations"), std::string::npos);
}

TEST_F(ActivityTest, EquityBySex) {
  auto& insight = w_.system->insight;
  // P1's 10 referrals were of women, of P1's 1,800 registered women.
  auto p1 = insight.Equities(w_.As("gp1"), {.from = Month(), .to = Month(), .by = "sex"});
  ASSERT_TRUE(p1.ok()) << p1.status().message();
  ASSERT_EQ(p1->rows.size(), 4u);
  EXPECT_EQ(p1->rows[0].value, "female");
  EXPECT_EQ(p1->rows[0].count.count, 10);
  EXPECT_EQ(p1->rows[0].population, 1800);
  EXPECT_NEAR(*p1->rows[0].rate_per_1000, 10.0 / 1.8, 1e-9);
  EXPECT_EQ(p1->rows[1].count.count, 0);
  // Across the ICB the 3 men are hidden, and the 10 women with them.
  auto icb = insight.Equities(w_.As("commissioner"), {.from = Month(), .to = Month(), .by = "sex"});
  ASSERT_TRUE(icb.ok());
  EXPECT_EQ(icb->rows[1].count.Text(), "<5");
  EXPECT_EQ(icb->rows[0].count.Text(), "*");
  EXPECT_EQ(icb->total.Text(), "13");
  // And the referral keeps what the referrer chose.
  auto page = w_.referrals->ListReferrals(w_.As("gp1"), {});
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->items.at(0).patient.sex, "female");
}

TEST_F(ActivityTest, WhoSeesWhichScope) {
  auto& insight = w_.system->insight;
  EXPECT_EQ(insight.Trends(w_.As("vcse"), {}).status().code(), Code::kForbidden);
  auto own_practice = insight.Trends(w_.As("gp1"), {});
  ASSERT_TRUE(own_practice.ok());
  EXPECT_EQ(own_practice->scope.key, "practice:P1");
  EXPECT_EQ(own_practice->population, 2000);
  EXPECT_EQ(insight.Trends(w_.As("gp1"), {.scope = "practice:P2"}).status().code(),
            Code::kNotFound);
  EXPECT_EQ(insight.Trends(w_.As("gp1"), {.scope = "pcn:PCN1"}).status().code(), Code::kNotFound);
  EXPECT_EQ(insight.Trends(w_.As("lw2"), {.scope = "practice:P1"}).status().code(),
            Code::kNotFound);
  auto trend = insight.Trends(w_.As("commissioner"), {.from = Month(), .to = Month()});
  ASSERT_TRUE(trend.ok());
  ASSERT_EQ(trend->months.size(), 1u);
  EXPECT_EQ(trend->months[0].referrals.count, 13);
  EXPECT_EQ(trend->months[0].signposts.Text(), "<5");  // the ICB's one signpost
  auto twelve = insight.Trends(w_.As("commissioner"), {});
  ASSERT_TRUE(twelve.ok());
  EXPECT_EQ(twelve->months.size(), 12u);
}

TEST_F(ActivityTest, AClinicianSeesTheirOwnFiguresAndAnonymousPeers) {
  auto& insight = w_.system->insight;
  auto own = insight.Own(w_.As("gp1"), {.from = Month(), .to = Month()});
  ASSERT_TRUE(own.ok()) << own.status().message();
  EXPECT_EQ(own->referrals, 10);
  EXPECT_EQ(own->signposts, 0);
  ASSERT_EQ(own->reasons.size(), 2u);
  EXPECT_EQ(own->reasons[0].value, "loneliness");
  EXPECT_EQ(own->reasons[0].referrals.count, 10);
  EXPECT_EQ(own->consultations_per_day, 41);
  EXPECT_EQ(own->consultations, own->working_days * 41);
  EXPECT_GT(own->working_days, 10);
  EXPECT_NEAR(own->referral_share, 10.0 / static_cast<double>(own->consultations), 1e-12);
  EXPECT_DOUBLE_EQ(own->social_root_share, 0.20);
  // PCN1's referrers: gpsystem, gp4 and gp5 0, gp2 3, gp1 10; no names.
  EXPECT_EQ(own->peers, (std::vector<std::int64_t>{0, 0, 0, 3, 10}));
  EXPECT_EQ(own->own_position, 4);
  auto fewer = insight.Own(
      w_.As("gp1"),
      {.from = Month(), .to = Month(), .consultations_per_day = "20", .days_per_week = "2"});
  ASSERT_TRUE(fewer.ok());
  EXPECT_EQ(fewer->consultations, own->working_days * 2 / 5 * 20);
  auto bad = insight.Own(w_.As("gp1"), {.consultations_per_day = "lots"});
  ASSERT_EQ(bad.status().code(), Code::kInvalid);
  EXPECT_EQ(bad.status().fields().at(0).field, "consultations_per_day");
  EXPECT_EQ(insight.Own(w_.As("lw1"), {}).status().code(), Code::kForbidden);
  EXPECT_EQ(insight.Own(w_.As("commissioner"), {}).status().code(), Code::kForbidden);
}

}  // namespace
}  // namespace linkway

namespace linkway {
namespace {

TEST_F(ActivityTest, PagesJsonAndCsv) {
  std::string q = "?from=" + Month() + "&to=" + Month();
  auto gp1 = SignIn("gp1");
  auto me = Send("GET", "/insight/me" + q, gp1.cookie);
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_NE(me.body.find("<svg"), std::string::npos);
  EXPECT_NE(me.body.find("20%: a social root"), std::string::npos);
  EXPECT_NE(me.body.find("You made 10 referrals and 0 signposts"), std::string::npos);
  EXPECT_NE(me.body.find("Colleague 1"), std::string::npos);
  EXPECT_EQ(me.body.find("gp2"), std::string::npos);  // peers are not named
  auto bad = Send("GET", "/insight/me?consultations_per_day=0", gp1.cookie);
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("Must be a whole number from 1 to 200"), std::string::npos);
  auto commissioner = SignIn("commissioner");
  auto activity = Send("GET", "/insight/activity" + q + "&scope=icb", commissioner.cookie);
  ASSERT_EQ(activity.status, 200);
  EXPECT_NE(activity.body.find("&lt;5"), std::string::npos);
  EXPECT_NE(activity.body.find("<table"), std::string::npos);
  auto equity = Send("GET", "/insight/equity" + q + "&by=age", commissioner.cookie);
  ASSERT_EQ(equity.status, 200);
  EXPECT_NE(equity.body.find("13.00"), std::string::npos);
  auto json = Send("GET", "/api/v1/insight/breakdown" + q + "&by=reason", commissioner.cookie);
  ASSERT_EQ(json.status, 200);
  EXPECT_NE(json.body.find("\"housing\""), std::string::npos);
  EXPECT_NE(json.body.find("\"<5\""), std::string::npos);
  EXPECT_EQ(json.body.find("\"referrals\":3"), std::string::npos);  // never the hidden count
  auto csv = Send("GET", "/api/v1/insight/equity" + q + "&by=age&format=csv", commissioner.cookie);
  EXPECT_EQ(csv.Header("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_NE(csv.body.find("\"70-79\",\"13\",\"1000\",\"13.00\""), std::string::npos) << csv.body;
  auto mine = Send("GET", "/api/v1/insight/me" + q, gp1.cookie);
  EXPECT_NE(mine.body.find("\"peers\":[0,0,0,3,10]"), std::string::npos) << mine.body;
  EXPECT_EQ(Send("GET", "/insight/me", commissioner.cookie).status, 403);
  EXPECT_EQ(Send("GET", "/insight/activity?scope=pcn:PCN1", gp1.cookie).status, 404);
}

}  // namespace
}  // namespace linkway
