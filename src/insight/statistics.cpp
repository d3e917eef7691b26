#include "insight/statistics.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/students_t.hpp>

namespace linkway::insight {
namespace {

// Ten significant digits are far more than a page shows, and quicker to find than the full 16:
// a funnel plot of 1,000 practices needs 4,000 quantiles.
using Precision = boost::math::policies::policy<boost::math::policies::digits10<10>>;

// The q-quantile of chi-squared with `df` degrees of freedom (df may be fractional).
double ChiSquaredQuantile(double q, double df) {
  return boost::math::quantile(boost::math::chi_squared_distribution<double, Precision>(df), q);
}

// Where `observed` lies against limits already worked out (FunnelOutside).
std::optional<std::string> Outside(double observed, const Interval& inner, const Interval& outer) {
  if (observed > outer.high) return "above_998";
  if (observed < outer.low) return "below_998";
  if (observed > inner.high) return "above_95";
  if (observed < inner.low) return "below_95";
  return std::nullopt;
}

}  // namespace

Interval PoissonInterval(std::int64_t observed, double level) {
  double alpha = 1 - level;
  auto k = static_cast<double>(observed);
  double low = observed == 0 ? 0 : ChiSquaredQuantile(alpha / 2, 2 * k) / 2;
  double high = ChiSquaredQuantile(1 - alpha / 2, 2 * k + 2) / 2;
  return {low, high};
}

Interval FunnelLimits(double expected, double level) {
  if (expected <= 0) return {0, 0};
  double alpha = 1 - level;
  return {ChiSquaredQuantile(alpha / 2, 2 * expected) / 2,
          ChiSquaredQuantile(1 - alpha / 2, 2 * expected + 2) / 2};
}

std::optional<std::string> FunnelOutside(std::int64_t observed, double expected) {
  if (expected <= 0) return std::nullopt;
  return Outside(static_cast<double>(observed), FunnelLimits(expected, 0.95),
                 FunnelLimits(expected, 0.998));
}

Interval FunnelRateLimits(double mean_rate_per_1000, std::int64_t population, double level) {
  if (population <= 0) return {0, 0};
  double n = static_cast<double>(population);
  Interval counts = FunnelLimits(mean_rate_per_1000 / 1000.0 * n, level);
  return {counts.low / n * 1000.0, counts.high / n * 1000.0};
}

Funnel MakeFunnel(const std::vector<FunnelUnit>& units) {
  Funnel out;
  std::int64_t events = 0;
  std::int64_t people = 0;
  for (const auto& u : units) {
    if (u.population <= 0) continue;
    events += u.count;
    people += u.population;
  }
  out.mean_rate_per_1000 = RatePer1000(events, people);
  for (const auto& u : units) {
    if (u.population <= 0) continue;
    FunnelPoint p;
    p.code = u.code;
    p.count = u.count;
    p.population = u.population;
    p.rate_per_1000 = RatePer1000(u.count, u.population);
    p.expected = out.mean_rate_per_1000 / 1000.0 * static_cast<double>(u.population);
    // Four quantiles a practice: the limits as counts, then as rates.
    Interval inner = FunnelLimits(p.expected, 0.95);
    Interval outer = FunnelLimits(p.expected, 0.998);
    p.outside = p.expected > 0 ? Outside(static_cast<double>(u.count), inner, outer) : std::nullopt;
    double per = 1000.0 / static_cast<double>(u.population);
    p.p95 = {inner.low * per, inner.high * per};
    p.p998 = {outer.low * per, outer.high * per};
    out.points.push_back(std::move(p));
  }
  return out;
}

double RatePer1000(std::int64_t events, std::int64_t population) {
  if (population <= 0) return 0;
  return 1000.0 * static_cast<double>(events) / static_cast<double>(population);
}

std::optional<double> Percentile(std::vector<double> values, double p) {
  if (values.empty()) return std::nullopt;
  std::sort(values.begin(), values.end());
  double rank = std::clamp(p, 0.0, 100.0) / 100.0 * static_cast<double>(values.size() - 1);
  auto below = static_cast<std::size_t>(std::floor(rank));
  std::size_t above = std::min(below + 1, values.size() - 1);
  double frac = rank - static_cast<double>(below);
  return values[below] + (values[above] - values[below]) * frac;
}

std::optional<double> Median(std::vector<double> values) {
  return Percentile(std::move(values), 50);
}

MeanChange MeanWithCi(const std::vector<double>& values) {
  MeanChange out;
  out.n = static_cast<std::int64_t>(values.size());
  if (values.empty()) return out;
  out.mean = std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(out.n);
  out.ci95 = {out.mean, out.mean};
  if (out.n < 2) return out;
  double squares = 0;
  for (double v : values) squares += (v - out.mean) * (v - out.mean);
  double sd = std::sqrt(squares / static_cast<double>(out.n - 1));
  double t = boost::math::quantile(
      boost::math::students_t_distribution<double>(static_cast<double>(out.n - 1)), 0.975);
  double half = t * sd / std::sqrt(static_cast<double>(out.n));
  out.ci95 = {out.mean - half, out.mean + half};
  return out;
}

std::string Suppressed(std::int64_t count) {
  if (count > 0 && count < kSuppressBelow) return "<5";
  return std::to_string(count);
}

std::vector<bool> SuppressCells(const std::vector<std::int64_t>& counts) {
  std::vector<bool> hidden(counts.size(), false);
  int n = 0;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    if (counts[i] > 0 && counts[i] < kSuppressBelow) {
      hidden[i] = true;
      ++n;
    }
  }
  if (n == 1) {
    std::optional<std::size_t> next;
    for (std::size_t i = 0; i < counts.size(); ++i) {
      if (hidden[i] || counts[i] <= 0) continue;
      if (!next || counts[i] < counts[*next]) next = i;
    }
    if (next) hidden[*next] = true;
  }
  return hidden;
}

std::int64_t WorkingDays(std::int64_t from, std::int64_t to, int days_per_week) {
  std::int64_t weekdays = 0;
  for (std::int64_t d = from; d < to; ++d) {
    // 1970-01-01 was a Thursday: (d + 3) % 7 is 0 on Mondays.
    if ((d % 7 + 7 + 3) % 7 < 5) ++weekdays;
  }
  return weekdays * days_per_week / 5;
}

std::optional<std::int64_t> HistogramPercentile(
    const std::vector<std::pair<std::int64_t, std::int64_t>>& counts, double p) {
  auto sorted = counts;
  std::sort(sorted.begin(), sorted.end());
  std::int64_t total = 0;
  for (const auto& [value, n] : sorted) total += n;
  if (total == 0) return std::nullopt;
  // The nearest rank: the smallest value with at least p% of the values at or below it.
  auto rank = static_cast<std::int64_t>(std::ceil(p / 100.0 * static_cast<double>(total)));
  if (rank < 1) rank = 1;
  std::int64_t seen = 0;
  for (const auto& [value, n] : sorted) {
    seen += n;
    if (seen >= rank) return value;
  }
  return sorted.back().first;
}

WaitForecast ForecastWait(std::int64_t waiting, std::int64_t arrivals, std::int64_t departures,
                          int weeks) {
  WaitForecast f;
  if (weeks <= 0) return f;
  f.arrivals_per_week = static_cast<double>(arrivals) / weeks;
  f.departures_per_week = static_cast<double>(departures) / weeks;
  if (departures > 0) f.days = static_cast<double>(waiting + 1) / f.departures_per_week * 7.0;
  return f;
}

}  // namespace linkway::insight
