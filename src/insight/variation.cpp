// Insight::Variations and ParsePeriod.
#include <cstdio>
#include <map>

#include "insight/insight.hpp"

#include "insight/aggregates.hpp"
#include "insight/list_sizes.hpp"

namespace linkway {
namespace {

// Days since 1970 of the first of "YYYY-MM", or nullopt.
std::optional<std::int64_t> MonthStart(const std::string& month) {
  if (month.size() != 7 || month[4] != '-') return std::nullopt;
  return ParseDate(month + "-01");
}

constexpr std::string_view kCounts =
    "SELECT practice_code, SUM(n) FROM activity_counts WHERE dimension = 'all' AND month >= $1 "
    "AND month <= $2 AND kind = $3 GROUP BY practice_code";

// A period's longest span: 10 years of months (every figure is drawn month by month).
constexpr std::int64_t kMaxPeriodDays = 3653;

}  // namespace

Result<Period> ParsePeriod(const std::string& from, const std::string& to, UnixSeconds now) {
  std::string current = insight::MonthOf(now);
  Period p;
  // Empty: the last 12 whole months; a `to` alone: the 12 months up to it.
  p.to = to.empty() ? (from.empty() ? insight::AddMonths(current, -1) : current) : to;
  p.from = from;
  if (from.empty() && MonthStart(p.to)) p.from = insight::AddMonths(p.to, -11);
  FieldErrors errors;
  auto start = MonthStart(p.from);
  auto end = MonthStart(p.to);
  if (!start) errors.Add("from", "must be a month written YYYY-MM");
  if (!end) errors.Add("to", "must be a month written YYYY-MM");
  if (start && end && *end < *start) errors.Add("to", "must not be before from");
  if (start && p.from > current) errors.Add("from", "must not be in the future");
  if (start && end && *end >= *start && *end - *start > kMaxPeriodDays) {
    errors.Add("from", "must be at most 10 years before to");
  }
  if (end && p.to > current) errors.Add("to", "must not be in the future");
  if (!errors.empty()) return errors.ToStatus("the period has errors");
  p.start = *start * 86400;
  p.end = *MonthStart(insight::AddMonths(p.to, 1)) * 86400;
  return p;
}

std::vector<std::string> MonthsOf(const Period& period) {
  std::vector<std::string> out;
  for (std::string month = period.from; month <= period.to; month = insight::AddMonths(month, 1)) {
    out.push_back(month);
  }
  return out;
}

Result<Variation> Insight::Variations(const Principal& who, const VariationQuery& query) {
  // Comparing practices is for commissioners and PCN staff, not a practice's own.
  auto resolved = ResolveScope(who, query.scope, false);
  if (!resolved.ok()) return resolved.status();
  if (query.activity != "referrals" && query.activity != "signposts" && query.activity != "both") {
    return Status::Invalid("the query has errors",
                           {{"activity", "must be referrals, signposts or both"}});
  }
  auto period = ParsePeriod(query.from, query.to, clock_.Now());
  if (!period.ok()) return period.status();
  auto practices = organisations_.List(OrgKind::kPractice);
  if (!practices.ok()) return practices.status();
  Variation out;
  out.period = *period;
  out.scope = resolved->key;
  out.scope_name = resolved->name;
  out.activity = query.activity;
  std::string pcn = resolved->level == "pcn" ? resolved->code : "";
  std::string practice = resolved->level == "practice" ? resolved->code : "";
  auto sizes = ListSizes(db_).All();
  if (!sizes.ok()) return sizes.status();
  if (Status s = aggregates_.CatchUp(); !s.ok()) return s;
  auto counts = db_.Read([&](sql::Connection& c) -> Result<std::map<std::string, std::int64_t>> {
    std::map<std::string, std::int64_t> n;
    for (const char* kind : {"referral", "signpost"}) {
      if (query.activity != "both" && query.activity != std::string(kind) + "s") continue;
      for (sql::Query q(c, kCounts, period->from, period->to, kind); q.Step();) {
        n[q.Text(0)] += q.Int(1);
      }
    }
    return n;
  });
  if (!counts.ok()) return counts.status();
  std::vector<insight::FunnelUnit> units;
  std::vector<const Organisation*> shown;
  for (const auto& p : *practices) {
    if (!pcn.empty() && p.parent_code != pcn) continue;
    if (!practice.empty() && p.code != practice) continue;
    auto size = sizes->find(p.code);
    std::int64_t n = size == sizes->end() ? 0 : size->second.total;
    auto count = counts->find(p.code);
    if (n == 0) {
      out.without_list_size.push_back(p.name);
      continue;
    }
    units.push_back({p.code, count == counts->end() ? 0 : count->second, n});
    shown.push_back(&p);
  }
  insight::Funnel funnel = insight::MakeFunnel(units);
  out.mean_rate_per_1000 = funnel.mean_rate_per_1000;
  bool suppress = resolved->suppresses();
  for (std::size_t i = 0; i < funnel.points.size(); ++i) {
    PracticeVariation v{shown[i]->code,        shown[i]->name,
                        shown[i]->parent_code, funnel.points[i].population,
                        funnel.points[i],      false};
    // Across practices a count from 1 to 4 is hidden, and its rate with it (the list size
    // would give it back); where it lies against the limits is still said.
    if (suppress && v.point.count > 0 && v.point.count < insight::kSuppressBelow) {
      v.suppressed = true;
      v.point.count = 0;
      v.point.rate_per_1000 = 0;
    }
    out.practices.push_back(v);
  }
  return out;
}

}  // namespace linkway
