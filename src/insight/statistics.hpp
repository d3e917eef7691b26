// Every statistic insight shows, in one place, with no I/O: exact Poisson intervals and funnel
// plot limits, rates, medians and percentiles, a mean with its confidence interval, and the
// small-number suppression of counts above practice level.
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace linkway::insight {

struct Interval {
  double low = 0;
  double high = 0;
};

// The exact (Garwood) confidence interval for a Poisson count `observed` at `level` (0.95):
// for 10 at 95%, 4.80 to 18.39.
Interval PoissonInterval(std::int64_t observed, double level);

// Funnel plot control limits, as counts, around `expected` (the count a unit of this size
// would have at the overall mean rate), from the exact Poisson distribution with the usual
// continuous interpolation (chi-squared quantiles): the band a count falls outside with
// probability 1 - level when only chance is at work.
Interval FunnelLimits(double expected, double level);

// Where an observed count lies against the 95% and 99.8% limits around `expected`:
// "above_998", "above_95", "below_95", "below_998", or nullopt inside both.
std::optional<std::string> FunnelOutside(std::int64_t observed, double expected);

// Events per 1,000 of `population`; 0 for an empty population.
double RatePer1000(std::int64_t events, std::int64_t population);

// The median and the p-th percentile (0 to 100, linear between ranks) of `values`; nullopt
// for none.
std::optional<double> Median(std::vector<double> values);
std::optional<double> Percentile(std::vector<double> values, double p);

struct MeanChange {
  std::int64_t n = 0;
  double mean = 0;
  Interval ci95;  // Student's t; low == high == mean for n < 2
};
// The mean of `values` with its 95% confidence interval.
MeanChange MeanWithCi(const std::vector<double>& values);

// A funnel plot over units (practices): each unit's count and population, against the
// overall mean rate of them all.
struct FunnelUnit {
  std::string code;
  std::int64_t count = 0;
  std::int64_t population = 0;
};
struct FunnelPoint {
  std::string code;
  std::int64_t count = 0;
  std::int64_t population = 0;
  double rate_per_1000 = 0;
  double expected = 0;
  Interval p95;  // limits as rates per 1,000
  Interval p998;
  std::optional<std::string> outside;  // FunnelOutside
};
struct Funnel {
  double mean_rate_per_1000 = 0;    // all the units' events over all their population
  std::vector<FunnelPoint> points;  // units with a population, in the order given
};
Funnel MakeFunnel(const std::vector<FunnelUnit>& units);
// The 95% or 99.8% limit, as a rate per 1,000, at `population` around `mean_rate_per_1000`.
Interval FunnelRateLimits(double mean_rate_per_1000, std::int64_t population, double level);

// Counts shown above practice level: below 5 (and not 0) they are "<5".
inline constexpr std::int64_t kSuppressBelow = 5;
std::string Suppressed(std::int64_t count);
// Which of a set of counts that add up to a total shown beside them must be hidden: each from
// 1 to 4, and then, if only one is hidden, the next smallest non-zero one too, so that the
// hidden count cannot be worked out from the total.
std::vector<bool> SuppressCells(const std::vector<std::int64_t>& counts);

// Working days from day `from` to day `to` (days since 1970, `to` excluded): Mondays to
// Fridays, scaled by `days_per_week` of 5.
std::int64_t WorkingDays(std::int64_t from, std::int64_t to, int days_per_week);

// The p-th percentile (0 to 100) of values given as value -> how many, the nearest rank (a
// value that occurred); nullopt for none.
std::optional<std::int64_t> HistogramPercentile(
    const std::vector<std::pair<std::int64_t, std::int64_t>>& counts, double p);

// A forecast of the wait for first contact of a referral made now: those waiting ahead of it
// over the rate they left the wait in the recent weeks. nullopt when none left.
struct WaitForecast {
  double arrivals_per_week = 0;
  double departures_per_week = 0;
  std::optional<double> days;
};
WaitForecast ForecastWait(std::int64_t waiting, std::int64_t arrivals, std::int64_t departures,
                          int weeks);

}  // namespace linkway::insight
