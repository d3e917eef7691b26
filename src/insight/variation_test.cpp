// Variation between practices: the figures, who may see them, bad periods, JSON and CSV.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "insight/list_sizes.hpp"
#include "support/app_harness.hpp"

namespace linkway {
namespace {

class VariationTest : public testing::PagesTest {
 protected:
  void SetUp() override {
    ListSizes sizes(*w_.database);
    ASSERT_TRUE(sizes.Import({{"P1", "2026-04-01", 2000}, {"P2", "2026-04-01", 10000}}).ok());
    // P1: 10 referrals for 2,000 patients; P2: 5 for 10,000; P3 has no list size.
    for (int i = 0; i < 10; ++i) ASSERT_TRUE(Refer("gp1", "P1"));
    for (int i = 0; i < 5; ++i) ASSERT_TRUE(Refer("gp2", "P2"));
    ASSERT_TRUE(Refer("gp3", "P3"));
  }
  bool Refer(const char* gp, const char* practice) {
    return w_.referrals->CreateReferral(w_.As(gp), w_.GoodReferral(practice)).ok();
  }
  std::string Month() { return FormatDate(DayOf(w_.clock.Now())).substr(0, 7); }
};

TEST_F(VariationTest, RatesLimitsAndOutliersForACommissioner) {
  auto v = w_.system->insight.Variations(w_.As("commissioner"),
                                         {.from = Month(), .to = Month(), .scope = "icb"});
  ASSERT_TRUE(v.ok()) << v.status().message();
  ASSERT_EQ(v->practices.size(), 2u);
  EXPECT_NEAR(v->mean_rate_per_1000, 15.0 / 12000 * 1000, 1e-9);
  EXPECT_EQ(v->practices[0].code, "P1");
  EXPECT_DOUBLE_EQ(v->practices[0].point.rate_per_1000, 5.0);
  EXPECT_NEAR(v->practices[0].point.expected, 2.5, 1e-9);
  // 10 against 2.5 expected: above the 95% limit (8.0), inside the 99.8% (12.2).
  EXPECT_EQ(v->practices[0].point.outside, "above_95");
  EXPECT_NEAR(v->practices[0].point.p95.high * 2, 8.0, 0.05);
  EXPECT_NEAR(v->practices[0].point.p998.high * 2, 12.16, 0.05);
  EXPECT_EQ(v->without_list_size, std::vector<std::string>{"Third Practice"});
  // Before the referrals, nothing.
  auto empty =
      w_.system->insight.Variations(w_.As("commissioner"), {.from = "2025-01", .to = "2025-03"});
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(empty->practices[0].point.count, 0);
}

TEST_F(VariationTest, WhoSeesWhat) {
  auto& insight = w_.system->insight;
  EXPECT_EQ(insight.Variations(w_.As("gp1"), {}).status().code(), Code::kForbidden);
  EXPECT_EQ(insight.Variations(w_.As("vcse"), {}).status().code(), Code::kForbidden);
  // PCN staff see their PCN, and another scope answers as if it did not exist.
  auto own = insight.Variations(w_.As("lw1"), {});
  ASSERT_TRUE(own.ok());
  EXPECT_EQ(own->scope, "pcn:PCN1");
  EXPECT_EQ(insight.Variations(w_.As("lw1"), {.scope = "icb"}).status().code(), Code::kNotFound);
  EXPECT_EQ(insight.Variations(w_.As("lw1"), {.scope = "pcn:PCN2"}).status().code(),
            Code::kNotFound);
  EXPECT_TRUE(insight.Variations(w_.As("commissioner"), {.scope = "pcn:PCN2"}).ok());
  EXPECT_TRUE(insight.Variations(w_.As("admin"), {.scope = "icb"}).ok());
}

TEST_F(VariationTest, AnImpossiblePeriodIsRefusedClearly) {
  auto& insight = w_.system->insight;
  auto backwards = insight.Variations(w_.As("commissioner"), {.from = "2026-06", .to = "2026-01"});
  ASSERT_EQ(backwards.status().code(), Code::kInvalid);
  EXPECT_EQ(backwards.status().fields().at(0).field, "to");
  auto future = insight.Variations(w_.As("commissioner"), {.from = "2031-01", .to = "2031-02"});
  ASSERT_EQ(future.status().code(), Code::kInvalid);
  EXPECT_EQ(future.status().fields().at(0).message, "must not be in the future");
  EXPECT_EQ(insight.Variations(w_.As("commissioner"), {.from = "June"}).status().code(),
            Code::kInvalid);
  auto long_ago = insight.Variations(w_.As("commissioner"), {.from = "1900-01", .to = "2026-01"});
  ASSERT_EQ(long_ago.status().code(), Code::kInvalid);
  EXPECT_EQ(long_ago.status().fields().at(0).message, "must be at most 10 years before to");
  auto up_to = ParsePeriod("", "2026-03", w_.clock.Now());
  ASSERT_TRUE(up_to.ok());
  EXPECT_EQ(up_to->from, "2025-04");
  // A practice's administrator compares no practices, not even their PCN's.
  Principal practice_admin = w_.As("gp1");
  practice_admin.role = Role::kAdmin;
  EXPECT_EQ(insight.Variations(practice_admin, {.scope = "pcn:PCN1"}).status().code(),
            Code::kForbidden);
  EXPECT_EQ(insight.Variations(w_.As("commissioner"), {.activity = "x"}).status().code(),
            Code::kInvalid);
  auto page =
      Send("GET", "/insight/variation?from=2026-06&to=2026-01", SignIn("commissioner").cookie);
  EXPECT_EQ(page.status, 422);
  EXPECT_NE(page.body.find("Must not be before from"), std::string::npos);
}

TEST_F(VariationTest, ThePageTheJsonAndTheCsv) {
  auto commissioner = SignIn("commissioner");
  std::string q = "?from=" + Month() + "&to=" + Month() + "&scope=icb";
  auto page = Send("GET", "/insight/variation" + q, commissioner.cookie);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("<svg"), std::string::npos);
  EXPECT_NE(page.body.find("First Practice: 5.0 per 1,000 (above the 95% limit)"),
            std::string::npos);
  EXPECT_NE(page.body.find("<table"), std::string::npos);
  auto api = Send("GET", "/api/v1/insight/variation" + q, commissioner.cookie);
  ASSERT_EQ(api.status, 200);
  auto doc = boost::json::parse(api.body).as_object();
  auto& first = doc.at("practices").as_array().at(0).as_object();
  EXPECT_EQ(first.at("code").as_string(), "P1");
  EXPECT_EQ(first.at("outside").as_string(), "above_95");
  EXPECT_EQ(first.at("limits").as_object().at("p95").as_array().size(), 2u);
  auto csv = Send("GET", "/api/v1/insight/variation" + q + "&format=csv", commissioner.cookie);
  EXPECT_EQ(csv.Header("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_NE(csv.body.find("P1,\"First Practice\",2000,10,5.000"), std::string::npos) << csv.body;
  EXPECT_EQ(Send("GET", "/insight/variation", SignIn("gp1").cookie).status, 403);
  EXPECT_EQ(Send("GET", "/api/v1/insight/variation").status, 401);
}

}  // namespace
}  // namespace linkway
