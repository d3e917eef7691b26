// The statistics on small, hand-checked values.
#include "insight/statistics.hpp"

#include <gtest/gtest.h>

namespace linkway::insight {
namespace {

TEST(Statistics, ExactPoissonIntervals) {
  // Garwood's exact interval: for 10 at 95%, 4.80 to 18.39 (published tables).
  Interval ten = PoissonInterval(10, 0.95);
  EXPECT_NEAR(ten.low, 4.795, 0.001);
  EXPECT_NEAR(ten.high, 18.390, 0.001);
  Interval zero = PoissonInterval(0, 0.95);
  EXPECT_EQ(zero.low, 0);
  EXPECT_NEAR(zero.high, 3.689, 0.001);
  Interval one = PoissonInterval(1, 0.95);
  EXPECT_NEAR(one.low, 0.0253, 0.0001);
  EXPECT_NEAR(one.high, 5.572, 0.001);
  Interval wide = PoissonInterval(10, 0.998);
  EXPECT_LT(wide.low, ten.low);
  EXPECT_GT(wide.high, ten.high);
}

TEST(Statistics, FunnelLimitsAndOutliers) {
  // Around an expected count of 10 the 95% band matches the interval of an observed 10.
  Interval band = FunnelLimits(10, 0.95);
  EXPECT_NEAR(band.low, 4.795, 0.001);
  EXPECT_NEAR(band.high, 18.390, 0.001);
  EXPECT_EQ(FunnelOutside(10, 10), std::nullopt);
  EXPECT_EQ(FunnelOutside(20, 10), "above_95");  // above 18.39, below the 99.8% limit
  EXPECT_EQ(FunnelOutside(30, 10), "above_998");
  EXPECT_EQ(FunnelOutside(4, 10), "below_95");
  EXPECT_EQ(FunnelOutside(0, 10), "below_998");
  // The band narrows, relative to the mean, as units grow.
  Interval big = FunnelLimits(1000, 0.95);
  EXPECT_LT((big.high - big.low) / 1000, (band.high - band.low) / 10);
}

TEST(Statistics, AFunnelAroundTheOverallMean) {
  // Four practices of 10,000 and one of 2,000: 100 + 100 + 100 + 100 + 100 events over 42,000
  // people is 11.905 per 1,000; the small practice's 100 is far above its expected 23.8.
  Funnel f = MakeFunnel({{"A", 100, 10000},
                         {"B", 100, 10000},
                         {"C", 100, 10000},
                         {"D", 100, 10000},
                         {"E", 100, 2000},
                         {"F", 3, 0}});
  EXPECT_NEAR(f.mean_rate_per_1000, 500.0 / 42000 * 1000, 1e-9);
  ASSERT_EQ(f.points.size(), 5u);  // no population: left out
  EXPECT_NEAR(f.points[4].expected, 23.81, 0.01);
  EXPECT_EQ(f.points[4].outside, "above_998");
  EXPECT_NEAR(f.points[4].rate_per_1000, 50, 1e-9);
  // A practice of 10,000 expects 119 and saw 100: inside, as the 95% band is close to the
  // normal 119 +/- 1.96 x sqrt(119) (97.7 to 140.4), the exact lower limit a little higher.
  EXPECT_NEAR(f.points[0].expected, 119.05, 0.01);
  EXPECT_EQ(f.points[0].outside, std::nullopt);
  EXPECT_NEAR(f.points[0].p95.low * 10, 98.62, 0.01);  // as a count of 10,000
  EXPECT_NEAR(f.points[0].p95.high * 10, 142.45, 0.01);
  EXPECT_LT(f.points[0].p998.low, f.points[0].p95.low);
  EXPECT_GT(f.points[4].p95.high - f.points[4].p95.low, f.points[0].p95.high - f.points[0].p95.low);
}

TEST(Statistics, RatesMediansAndPercentiles) {
  EXPECT_DOUBLE_EQ(RatePer1000(12, 6000), 2.0);
  EXPECT_EQ(RatePer1000(3, 0), 0);
  EXPECT_EQ(Median({}), std::nullopt);
  EXPECT_DOUBLE_EQ(*Median({5, 1, 3}), 3);
  EXPECT_DOUBLE_EQ(*Median({4, 1, 3, 2}), 2.5);
  EXPECT_DOUBLE_EQ(*Percentile({1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 90), 9.1);
  EXPECT_DOUBLE_EQ(*Percentile({7}, 90), 7);
}

TEST(Statistics, MeanChangeWithItsConfidenceInterval) {
  // 2, 4, 6, 8: mean 5, sd 2.582, t(3) 3.182: 5 +/- 4.108.
  MeanChange m = MeanWithCi({2, 4, 6, 8});
  EXPECT_EQ(m.n, 4);
  EXPECT_DOUBLE_EQ(m.mean, 5);
  EXPECT_NEAR(m.ci95.low, 0.892, 0.001);
  EXPECT_NEAR(m.ci95.high, 9.108, 0.001);
  MeanChange one = MeanWithCi({3});
  EXPECT_EQ(one.ci95.low, 3);
  EXPECT_EQ(MeanWithCi({}).n, 0);
}

TEST(Statistics, SmallCountsAreSuppressed) {
  EXPECT_EQ(Suppressed(0), "0");
  EXPECT_EQ(Suppressed(1), "<5");
  EXPECT_EQ(Suppressed(4), "<5");
  EXPECT_EQ(Suppressed(5), "5");
}

}  // namespace
}  // namespace linkway::insight

namespace linkway::insight {
namespace {

TEST(Statistics, CellsBelowFiveAndTheOneThatWouldGiveThemAway) {
  using V = std::vector<bool>;
  EXPECT_EQ(SuppressCells({10, 3, 0, 7}), (V{false, true, false, true}));  // 7 would give 3 away
  EXPECT_EQ(SuppressCells({10, 3, 2, 7}), (V{false, true, true, false}));  // two hidden: enough
  EXPECT_EQ(SuppressCells({10, 5, 0}), (V{false, false, false}));
  EXPECT_EQ(SuppressCells({4}), (V{true}));
  EXPECT_EQ(SuppressCells({}), V{});
}

TEST(Statistics, WorkingDaysArePartOfAWeek) {
  std::int64_t monday = 20787;  // 2026-11-30
  EXPECT_EQ(WorkingDays(monday, monday + 7, 5), 5);
  EXPECT_EQ(WorkingDays(monday, monday + 14, 2), 4);
  EXPECT_EQ(WorkingDays(monday + 5, monday + 7, 5), 0);  // a weekend
}

TEST(Statistics, PercentilesOfAHistogram) {
  // Waits of 2, 2, 3, 10 and 30 days.
  std::vector<std::pair<std::int64_t, std::int64_t>> waits{{10, 1}, {2, 2}, {3, 1}, {30, 1}};
  EXPECT_EQ(HistogramPercentile(waits, 50), 3);
  EXPECT_EQ(HistogramPercentile(waits, 90), 30);
  EXPECT_EQ(HistogramPercentile(waits, 0), 2);
  EXPECT_FALSE(HistogramPercentile({}, 50).has_value());
}

TEST(Statistics, AForecastOfTheWait) {
  // 20 waiting, 16 left in 8 weeks (2 a week): the 21st is contacted in 10.5 weeks.
  auto f = ForecastWait(20, 24, 16, 8);
  EXPECT_DOUBLE_EQ(f.arrivals_per_week, 3.0);
  EXPECT_DOUBLE_EQ(f.departures_per_week, 2.0);
  EXPECT_DOUBLE_EQ(*f.days, 73.5);
  EXPECT_FALSE(ForecastWait(5, 3, 0, 8).days.has_value());
}

}  // namespace
}  // namespace linkway::insight
