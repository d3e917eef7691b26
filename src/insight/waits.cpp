// Capacity and waits: link workers' caseloads against capacity, days from referral to first
// contact by month, and a forecast of the wait from the flow on and off the waiting list.
#include <algorithm>

#include "insight/aggregates.hpp"
#include "insight/insight.hpp"

namespace linkway {
namespace {

constexpr int kForecastWeeks = 8;
constexpr int kGrowthWeeks = 3;

WaitFigures FiguresOf(std::string key, std::string label,
                      const std::vector<std::pair<std::int64_t, std::int64_t>>& histogram) {
  WaitFigures f{std::move(key), std::move(label), 0, false, std::nullopt, std::nullopt};
  for (const auto& [days, n] : histogram) f.n += n;
  // A wait of one of a handful of people would be theirs alone.
  if (f.n > 0 && f.n < insight::kSuppressBelow) {
    f.suppressed = true;
    f.n = 0;
    return f;
  }
  f.median_days = insight::HistogramPercentile(histogram, 50);
  f.p90_days = insight::HistogramPercentile(histogram, 90);
  return f;
}

}  // namespace

Result<Scope> Insight::ResolvePcnScope(const Principal& who, const std::string& key) {
  auto scope = ResolveScope(who, key, false);
  if (!scope.ok()) return scope;
  if (scope->level == "practice") {
    return Status::Invalid("the query has errors",
                           {{"scope", "must be icb or pcn:CODE: waits are kept by PCN"}});
  }
  return scope;
}

Result<Forecast> Insight::ForecastOf(const Scope& pcn) {
  if (Status s = aggregates_.CatchUp(); !s.ok()) return s;
  Forecast out;
  out.scope = pcn;
  std::int64_t this_week = insight::WeekOf(clock_.Now());
  std::int64_t first = this_week - 7 * kForecastWeeks;
  std::map<std::int64_t, std::pair<std::int64_t, std::int64_t>> flows;
  Status read = db_.Read([&](sql::Connection& c) -> Status {
    sql::Query waiting(c,
                       "SELECT COUNT(*) FROM referrals WHERE pcn_code = $1 AND state IN "
                       "('received', 'accepted')",
                       pcn.code);
    waiting.Step();
    out.waiting = waiting.Int(0);
    for (sql::Query q(c,
                      "SELECT week, arrivals, departures FROM waiting_flows WHERE pcn_code = $1 "
                      "AND week >= $2",
                      pcn.code, first);
         q.Step();) {
      flows[q.Int(0)] = {q.Int(1), q.Int(2)};
    }
    return Status::Ok();
  });
  if (!read.ok()) return read;
  // Back from now: the list at the end of each whole week.
  auto [now_in, now_out] = flows[this_week];
  std::int64_t at_end = out.waiting - (now_in - now_out);
  std::int64_t arrivals = 0, departures = 0;
  for (std::int64_t week = this_week - 7; week >= first; week -= 7) {
    auto [in, gone] = flows[week];
    out.weeks.push_back({FormatDate(week), in, gone, at_end});
    arrivals += in;
    departures += gone;
    at_end -= in - gone;
  }
  std::reverse(out.weeks.begin(), out.weeks.end());
  out.wait = insight::ForecastWait(out.waiting, arrivals, departures, kForecastWeeks);
  out.growing = true;
  for (int i = 0; i < kGrowthWeeks; ++i) {
    const WeekFlow& w = out.weeks[out.weeks.size() - 1 - static_cast<std::size_t>(i)];
    if (w.arrivals <= w.departures) out.growing = false;
  }
  return out;
}

Result<Forecast> Insight::ForecastFor(const Principal& who, const std::string& scope) {
  auto pcn = ResolvePcnScope(who, scope);
  if (!pcn.ok()) return pcn.status();
  if (pcn->level != "pcn") {
    return Status::Invalid("the query has errors",
                           {{"scope", "must be pcn:CODE: a forecast is of one PCN's list"}});
  }
  return ForecastOf(*pcn);
}

Result<Waits> Insight::WaitsFor(const Principal& who, const FigureQuery& query) {
  auto scope = ResolvePcnScope(who, query.scope);
  if (!scope.ok()) return scope.status();
  auto period = ParsePeriod(query.from, query.to, clock_.Now());
  if (!period.ok()) return period.status();
  if (Status s = aggregates_.CatchUp(); !s.ok()) return s;
  Waits out;
  out.period = *period;
  out.scope = *scope;
  std::map<std::string, std::vector<std::pair<std::int64_t, std::int64_t>>> by_month;
  std::map<std::int64_t, std::vector<std::pair<std::int64_t, std::int64_t>>> by_worker;
  Status read = db_.Read([&](sql::Connection& c) -> Status {
    std::string filter = scope->level == "pcn" ? " AND pcn_code = $3" : " AND pcn_code <> $3";
    for (sql::Query q(c,
                      "SELECT month, link_worker_id, days, SUM(n) FROM first_contact_waits "
                      "WHERE month >= $1 AND month <= $2" +
                          filter + " GROUP BY month, link_worker_id, days",
                      period->from, period->to, scope->code);
         q.Step();) {
      by_month[q.Text(0)].emplace_back(q.Int(2), q.Int(3));
      by_worker[q.Int(1)].emplace_back(q.Int(2), q.Int(3));
    }
    if (scope->level != "pcn") return Status::Ok();
    for (sql::Query q(c,
                      "SELECT u.id, u.display_name, COALESCE(l.capacity, $2), "
                      "(SELECT COUNT(*) FROM cases c WHERE c.link_worker_id = u.id AND c.state IN "
                      "('contacted', 'active')), "
                      "(SELECT COUNT(*) FROM cases c WHERE c.link_worker_id = u.id AND c.state = "
                      "'accepted') "
                      "FROM users u LEFT JOIN link_workers l ON l.user_id = u.id "
                      "WHERE u.role = 'link_worker' AND u.org_code = $1 AND u.active = 1 "
                      "ORDER BY u.display_name",
                      scope->code, std::int64_t{kDefaultCapacity});
         q.Step();) {
      LinkWorkerLoad lw;
      lw.user_id = q.Int(0);
      lw.name = q.Text(1);
      lw.capacity = q.Int(2);
      lw.caseload = q.Int(3);
      lw.waiting = q.Int(4);
      out.link_workers.push_back(lw);
    }
    return Status::Ok();
  });
  if (!read.ok()) return read;
  for (const auto& m : MonthsOf(*period)) out.months.push_back(FiguresOf(m, m, by_month[m]));
  for (auto& lw : out.link_workers) {
    lw.waits = FiguresOf(std::to_string(lw.user_id), lw.name, by_worker[lw.user_id]);
  }
  if (scope->level == "icb") {
    for (const auto& [code, name] : PcnsFor(who)) {
      auto forecast = ForecastOf({"pcn:" + code, "pcn", code, name});
      if (!forecast.ok()) return forecast.status();
      out.pcns.push_back(*forecast);
    }
  }
  return out;
}

}  // namespace linkway
