// Activity figures from the kept counts: trends by month, breakdowns by reason, source and
// activity, equity by deprivation, age, sex, rurality and practice, and a clinician's own view.
#include <algorithm>

#include "insight/aggregates.hpp"
#include "insight/insight.hpp"
#include "insight/list_sizes.hpp"

namespace linkway {
namespace {

// Hides what must be hidden in a view above practice level.
std::vector<Shown> Show(const std::vector<std::int64_t>& counts, bool suppress) {
  std::vector<bool> hidden =
      suppress ? insight::SuppressCells(counts) : std::vector<bool>(counts.size(), false);
  std::vector<Shown> out;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    bool secondary = counts[i] >= insight::kSuppressBelow;
    out.push_back(hidden[i] ? Shown{0, true, secondary} : Shown{counts[i], false, false});
  }
  return out;
}

Shown ShowTotal(std::int64_t total, bool suppress) {
  return suppress && total > 0 && total < insight::kSuppressBelow ? Shown{0, true, false}
                                                                  : Shown{total, false, false};
}

std::string SourceLabel(const std::string& code) {
  if (code == "self_referral") return "The person (self-referral)";
  return std::string(LabelOf(kProfessions, code));
}

Status CheckBy(const std::string& by, std::initializer_list<const char*> allowed,
               const std::string& words) {
  for (const char* a : allowed) {
    if (by == a) return Status::Ok();
  }
  return Status::Invalid("the query has errors", {{"by", "must be " + words}});
}

constexpr std::string_view kMonthly =
    "SELECT month, kind, SUM(n) FROM activity_counts WHERE dimension = 'all' AND month >= $1 "
    "AND month <= $2";

}  // namespace

Result<Trend> Insight::Trends(const Principal& who, const FigureQuery& query) {
  auto scope = ResolveScope(who, query.scope, true);
  if (!scope.ok()) return scope.status();
  auto period = ParsePeriod(query.from, query.to, clock_.Now());
  if (!period.ok()) return period.status();
  if (Status s = aggregates_.CatchUp(); !s.ok()) return s;
  Trend out{*period, *scope, 0, {}};
  auto population = Population(*scope);
  if (!population.ok()) return population.status();
  out.population = *population;
  std::map<std::string, MonthActivity> months;
  for (const auto& m : MonthsOf(*period)) months[m] = {m, 0, 0};
  Status read = db_.Read([&](sql::Connection& c) -> Status {
    std::string sql = std::string(kMonthly) + " AND practice_code = $3 GROUP BY month, kind";
    for (sql::Query q(c, sql, period->from, period->to, CountsKey(*scope)); q.Step();) {
      auto& m = months[q.Text(0)];
      (q.Text(1) == "referral" ? m.referrals : m.signposts) += q.Int(2);
    }
    return Status::Ok();
  });
  if (!read.ok()) return read;
  std::vector<std::int64_t> referrals, signposts;
  std::int64_t total_referrals = 0, total_signposts = 0;
  for (const auto& [month, m] : months) {
    referrals.push_back(m.referrals);
    signposts.push_back(m.signposts);
    total_referrals += m.referrals;
    total_signposts += m.signposts;
  }
  bool suppress = scope->suppresses();
  auto shown_referrals = Show(referrals, suppress);
  auto shown_signposts = Show(signposts, suppress);
  std::size_t i = 0;
  for (const auto& [month, m] : months) {
    out.months.push_back({month, shown_referrals[i], shown_signposts[i]});
    ++i;
  }
  out.total_referrals = ShowTotal(total_referrals, suppress);
  out.total_signposts = ShowTotal(total_signposts, suppress);
  return out;
}

Result<Breakdown> Insight::Breakdowns(const Principal& who, const FigureQuery& query) {
  std::string by = query.by.empty() ? "reason" : query.by;
  if (Status s = CheckBy(by, {"reason", "source", "activity"}, "reason, source or activity");
      !s.ok()) {
    return s;
  }
  FigureQuery trend_query = query;
  auto trend = Trends(who, trend_query);
  if (!trend.ok()) return trend.status();
  Breakdown out;
  out.period = trend->period;
  out.scope = trend->scope;
  out.by = by;
  std::vector<std::pair<std::string, std::string>> labels;
  std::vector<std::int64_t> referrals, signposts;
  out.total_referrals = trend->total_referrals;
  out.total_signposts = trend->total_signposts;
  if (by == "activity") {
    // Already hidden as they must be.
    for (const auto& m : trend->months) {
      out.rows.push_back({m.month, m.month, m.referrals, m.signposts});
    }
    return out;
  } else {
    auto sums = Sums(by, out.period, out.scope);
    if (!sums.ok()) return sums.status();
    if (by == "reason") {
      for (const auto& r : kReasons) labels.emplace_back(r.code, r.label);
    } else {
      for (const auto& p : kProfessions) labels.emplace_back(p.code, p.label);
      labels.emplace_back("self_referral", SourceLabel("self_referral"));
    }
    for (const auto& [value, counts] : *sums) {
      bool listed = std::any_of(labels.begin(), labels.end(),
                                [&](const auto& l) { return l.first == value; });
      if (!listed) labels.emplace_back(value, by == "source" ? SourceLabel(value) : value);
    }
    for (const auto& [value, label] : labels) {
      auto it = sums->find(value);
      referrals.push_back(it == sums->end() ? 0 : it->second.first);
      signposts.push_back(it == sums->end() ? 0 : it->second.second);
    }
  }
  bool suppress = out.scope.suppresses();
  auto shown_referrals = Show(referrals, suppress);
  auto shown_signposts = Show(signposts, suppress);
  for (std::size_t i = 0; i < labels.size(); ++i) {
    out.rows.push_back({labels[i].first, labels[i].second, shown_referrals[i], shown_signposts[i]});
  }
  // A referral may give several reasons: the total is of referrals, not of reasons.
  return out;
}

Result<Equity> Insight::Equities(const Principal& who, const FigureQuery& query) {
  std::string by = query.by.empty() ? "imd" : query.by;
  if (Status s = CheckBy(by, {"imd", "age", "sex", "rurality", "practice"},
                         "imd, age, sex, rurality or practice");
      !s.ok()) {
    return s;
  }
  auto scope = ResolveScope(who, query.scope, true);
  if (!scope.ok()) return scope.status();
  auto period = ParsePeriod(query.from, query.to, clock_.Now());
  if (!period.ok()) return period.status();
  Equity out;
  out.period = *period;
  out.scope = *scope;
  out.by = by;
  std::vector<std::tuple<std::string, std::string, std::int64_t>> rows;  // value, label, n
  std::map<std::string, std::int64_t> population;
  auto practices = organisations_.List(OrgKind::kPractice);
  if (!practices.ok()) return practices.status();
  auto in_scope = [&](const std::string& practice) {
    if (scope->level == "icb") return true;
    if (scope->level == "practice") return practice == scope->code;
    auto org = std::find_if(practices->begin(), practices->end(),
                            [&](const Organisation& o) { return o.code == practice; });
    return org != practices->end() && org->parent_code == scope->code;
  };
  ListSizes sizes(db_);
  if (by == "practice") {
    if (Status s = aggregates_.CatchUp(); !s.ok()) return s;
    auto all = sizes.All();
    if (!all.ok()) return all.status();
    // Counted by practice: the practice is not a value of a dimension.
    std::map<std::string, std::int64_t> by_practice;
    Status read = db_.Read([&](sql::Connection& c) -> Status {
      std::string sql =
          "SELECT practice_code, SUM(n) FROM activity_counts WHERE dimension = 'all' AND kind = "
          "'referral' AND month >= $1 AND month <= $2" +
          PracticeFilter(*scope, 3) + " GROUP BY practice_code";
      for (sql::Query q(c, sql, period->from, period->to, scope->code); q.Step();) {
        by_practice[q.Text(0)] = q.Int(1);
      }
      return Status::Ok();
    });
    if (!read.ok()) return read;
    for (const auto& p : *practices) {
      if (!in_scope(p.code)) continue;
      rows.emplace_back(p.code, p.name, by_practice[p.code]);
      auto size = all->find(p.code);
      if (size != all->end()) population[p.code] = size->second.total;
    }
    out.population_note = "Registered list sizes.";
  } else {
    auto sums = Sums(by, *period, *scope);
    if (!sums.ok()) return sums.status();
    auto count = [&](const std::string& value) {
      auto it = sums->find(value);
      return it == sums->end() ? std::int64_t{0} : it->second.first;
    };
    std::string part = by == "sex" ? "age" : by;
    auto parts = sizes.Parts(part);
    if (!parts.ok()) return parts.status();
    for (const auto& [practice, values] : *parts) {
      if (!in_scope(practice)) continue;
      for (const auto& [value, n] : values) {
        if (by == "age") population[value.substr(value.find('/') + 1)] += n;
        if (by == "sex")
          population[value.substr(0, value.find('/')) == "MALE" ? "male" : "female"] += n;
        if (by == "imd" || by == "rurality") population[value] += n;
      }
    }
    if (by == "imd") {
      for (int d = 1; d <= 10; ++d) {
        std::string label = std::to_string(d) + (d == 1    ? " (most deprived)"
                                                 : d == 10 ? " (least deprived)"
                                                           : "");
        rows.emplace_back(std::to_string(d), label, count(std::to_string(d)));
      }
      out.population_note =
          "Registered patients by the deprivation decile of their LSOA, from the practices' "
          "patients-by-LSOA files.";
    } else if (by == "age") {
      for (const char* band : insight::kAgeBands) rows.emplace_back(band, band, count(band));
      out.population_note =
          "Registered patients by age band, from the practices' five-year age files.";
    } else if (by == "sex") {
      for (const auto& s : kSexes) {
        rows.emplace_back(std::string(s.code), std::string(s.label), count(std::string(s.code)));
      }
      out.population_note = "Registered patients by sex, from the practices' five-year age files.";
    } else {
      for (const char* code : {"A1", "B1", "C1", "C2", "D1", "D2", "E1", "E2", "F1", "F2"}) {
        rows.emplace_back(code, std::string(RuralUrbanName(code)), count(code));
      }
      out.population_note =
          "Registered patients by the rural-urban class of their LSOA, from the practices' "
          "patients-by-LSOA files.";
    }
    if (count("unknown") > 0) rows.emplace_back("unknown", "Not known", count("unknown"));
    if (population.empty()) {
      out.population_note =
          "No registered populations of this kind are held, so only counts are shown: import the "
          "practices' files with linkway practices import-list-sizes.";
    }
  }
  std::vector<std::int64_t> counts;
  std::int64_t total = 0;
  for (const auto& r : rows) {
    counts.push_back(std::get<2>(r));
    total += std::get<2>(r);
  }
  bool suppress = scope->suppresses();
  auto shown = Show(counts, suppress);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    EquityRow row;
    row.value = std::get<0>(rows[i]);
    row.label = std::get<1>(rows[i]);
    row.count = shown[i];
    auto pop = population.find(row.value);
    row.population = pop == population.end() ? 0 : pop->second;
    if (row.population > 0 && !row.count.suppressed) {
      row.rate_per_1000 = insight::RatePer1000(row.count.count, row.population);
      auto ci = insight::PoissonInterval(row.count.count, 0.95);
      row.ci95 = insight::Interval{ci.low * 1000.0 / static_cast<double>(row.population),
                                   ci.high * 1000.0 / static_cast<double>(row.population)};
    }
    out.rows.push_back(row);
  }
  out.total = ShowTotal(total, suppress);
  return out;
}

Result<OwnView> Insight::Own(const Principal& who, const OwnViewQuery& query) {
  if (who.role != Role::kReferrer) {
    return Status::Forbidden("this view is a referrer's own figures");
  }
  auto period = ParsePeriod(query.from, query.to, clock_.Now());
  if (!period.ok()) return period.status();
  OwnView out;
  out.period = *period;
  FieldErrors errors;
  auto number = [&](const std::string& text, const char* field, int low, int high, int fallback) {
    if (text.empty()) return fallback;
    if (text.size() > 3 || text.find_first_not_of("0123456789") != std::string::npos ||
        std::stoi(text) < low || std::stoi(text) > high) {
      errors.Add(field, "must be a whole number from " + std::to_string(low) + " to " +
                            std::to_string(high));
      return fallback;
    }
    return std::stoi(text);
  };
  out.consultations_per_day =
      number(query.consultations_per_day, "consultations_per_day", 1, 200, 41);
  out.days_per_week = number(query.days_per_week, "days_per_week", 1, 5, 5);
  if (!errors.empty()) return errors.ToStatus("the query has errors");
  if (Status s = aggregates_.CatchUp(); !s.ok()) return s;
  std::string me = std::to_string(who.user_id);
  std::map<std::string, MonthActivity> months;
  for (const auto& m : MonthsOf(*period)) months[m] = {m, 0, 0};
  std::map<std::string, std::pair<std::int64_t, std::int64_t>> reasons;
  std::vector<std::pair<std::string, std::int64_t>> peer_counts;
  Status read = db_.Read([&](sql::Connection& c) -> Status {
    for (sql::Query q(c,
                      "SELECT month, kind, SUM(n) FROM activity_counts WHERE dimension = 'user' "
                      "AND value = $1 AND month >= $2 AND month <= $3 GROUP BY month, kind",
                      me, period->from, period->to);
         q.Step();) {
      auto& m = months[q.Text(0)];
      (q.Text(1) == "referral" ? m.referrals : m.signposts) += q.Int(2);
    }
    for (sql::Query q(c,
                      "SELECT value, kind, SUM(n) FROM activity_counts WHERE dimension = "
                      "'user_reason' AND value >= $1 AND value < $2 AND month >= $3 AND month <= "
                      "$4 GROUP BY value, kind",
                      me + "/", me + "0", period->from, period->to);
         q.Step();) {
      auto& r = reasons[q.Text(0).substr(me.size() + 1)];
      (q.Text(1) == "referral" ? r.first : r.second) += q.Int(2);
    }
    if (who.org_kind != OrgKind::kPractice || who.pcn_code.empty()) return Status::Ok();
    std::vector<std::string> peers;
    for (sql::Query q(c,
                      "SELECT id FROM users WHERE role = 'referrer' AND active = 1 AND "
                      "profession <> 'self_referral' AND org_code IN (SELECT code FROM "
                      "organisations WHERE parent_code = $1) ORDER BY id",
                      who.pcn_code);
         q.Step();) {
      peers.push_back(std::to_string(q.Int(0)));
    }
    for (const auto& peer : peers) {
      sql::Query q(c,
                   "SELECT COALESCE(SUM(n), 0) FROM activity_counts WHERE dimension = 'user' AND "
                   "value = $1 AND kind = 'referral' AND month >= $2 AND month <= $3",
                   peer, period->from, period->to);
      q.Step();
      peer_counts.emplace_back(peer, q.Int(0));
    }
    return Status::Ok();
  });
  if (!read.ok()) return read;
  for (auto& [month, m] : months) {
    out.months.push_back(m);
    out.referrals += m.referrals;
    out.signposts += m.signposts;
  }
  for (const auto& r : kReasons) {
    auto it = reasons.find(std::string(r.code));
    if (it == reasons.end()) continue;
    out.reasons.push_back({std::string(r.code),
                           std::string(r.label),
                           {it->second.first, false},
                           {it->second.second, false}});
  }
  std::sort(peer_counts.begin(), peer_counts.end(),
            [](const auto& a, const auto& b) { return a.second < b.second; });
  // Among two or three, each count could be put to a name.
  if (!peer_counts.empty() && peer_counts.size() < insight::kSuppressBelow) {
    out.too_few_peers = true;
    peer_counts.clear();
  }
  for (std::size_t i = 0; i < peer_counts.size(); ++i) {
    out.peers.push_back(peer_counts[i].second);
    if (peer_counts[i].first == me) out.own_position = static_cast<int>(i);
  }
  std::int64_t today = DayOf(clock_.Now());
  std::int64_t end = std::min(DayOf(period->end - 1) + 1, today + 1);
  out.working_days = insight::WorkingDays(DayOf(period->start), end, out.days_per_week);
  out.consultations = out.working_days * out.consultations_per_day;
  if (out.consultations > 0) {
    out.referral_share =
        static_cast<double>(out.referrals) / static_cast<double>(out.consultations);
    out.activity_share =
        static_cast<double>(out.referrals + out.signposts) / static_cast<double>(out.consultations);
  }
  return out;
}

}  // namespace linkway
