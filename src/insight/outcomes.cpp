// Outcomes: each measure's paired change from baseline to the latest measurement, by reason
// and by category of service attended, and the attended rate of connections per service.
#include <boost/json.hpp>
#include <set>

#include "insight/aggregates.hpp"
#include "insight/insight.hpp"

namespace linkway {
namespace {

namespace json = boost::json;

struct Measured {
  std::string reasons;
  std::optional<UnixSeconds> baseline_at;
  std::map<std::string, double> baseline, latest;  // score id -> value
  UnixSeconds latest_at = 0;
};

std::map<std::string, double> ScoresOf(const std::string& text) {
  std::map<std::string, double> out;
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_array()) return out;
  for (const auto& item : v.as_array()) {
    if (!item.is_object()) continue;
    const auto& o = item.as_object();
    const json::value* id = o.if_contains("id");
    const json::value* value = o.if_contains("value");
    if (id && id->is_string() && value && value->is_number()) {
      out[std::string(id->as_string())] = value->to_number<double>();
    }
  }
  return out;
}

ChangeFigures Figures(std::string key, std::string label, const std::vector<double>& changes,
                      const MeasureScore& score, bool suppress) {
  ChangeFigures f;
  f.key = std::move(key);
  f.label = std::move(label);
  f.n = static_cast<std::int64_t>(changes.size());
  if (suppress && f.n > 0 && f.n < insight::kSuppressBelow) {
    f.suppressed = true;
    f.n = 0;
    return f;
  }
  f.change = insight::MeanWithCi(changes);
  for (double c : changes) {
    double better = score.better == Better::kHigher ? c : -c;
    if (better >= score.minimal_change - 1e-9) ++f.improved;
  }
  if (f.n > 0) f.improved_share = static_cast<double>(f.improved) / static_cast<double>(f.n);
  auto small = [](std::int64_t n) { return n > 0 && n < insight::kSuppressBelow; };
  if (suppress && (small(f.improved) || small(f.n - f.improved))) {
    f.improved_hidden = true;
    f.improved = 0;
    f.improved_share = 0;
  }
  return f;
}

}  // namespace

Result<Outcomes> Insight::OutcomesFor(const Principal& who, const OutcomeQuery& query) {
  auto scope = ResolveScope(who, query.scope, true);
  if (!scope.ok()) return scope.status();
  auto period = ParsePeriod(query.from, query.to, clock_.Now());
  if (!period.ok()) return period.status();
  if (measures_.all().empty()) return Status::NotFound("no outcome measures are defined");
  const Measure* measure =
      query.measure.empty() ? &measures_.all().front() : measures_.Find(query.measure);
  if (!measure) {
    return Status::Invalid("the query has errors", {{"measure", "is not a defined measure"}});
  }
  Outcomes out;
  out.period = *period;
  out.scope = *scope;
  out.measure_id = measure->id;
  out.measure_name = measure->name;
  for (const auto& m : measures_.all()) out.measures.emplace_back(m.id, m.name);
  std::map<std::int64_t, Measured> people;
  std::map<std::int64_t, std::set<std::string>> categories;  // of services attended
  std::map<std::string, ServiceAttendance> services;
  std::string filter = PracticeFilter(*scope, 2);
  Status read = db_.Snapshot([&](sql::Connection& c) -> Status {
    for (sql::Query q(c,
                      "SELECT m.referral_id, m.timepoint, m.at, m.scores, r.reasons FROM "
                      "measure_results m JOIN referrals r ON r.id = m.referral_id WHERE "
                      "m.measure = $1" +
                          filter + " ORDER BY m.referral_id, m.at, m.id",
                      measure->id, scope->code);
         q.Step();) {
      Measured& p = people[q.Int(0)];
      p.reasons = q.Text(4);
      if (q.Text(1) == "baseline") {
        if (!p.baseline_at) {
          p.baseline_at = q.Int(2);
          p.baseline = ScoresOf(q.Text(3));
        }
      } else if (p.baseline_at && q.Int(2) >= *p.baseline_at) {
        p.latest = ScoresOf(q.Text(3));
        p.latest_at = q.Int(2);
      }
    }
    for (sql::Query q(c,
                      "SELECT k.referral_id, k.service_id, k.service_name, k.state, k.updated_at, "
                      "COALESCE((SELECT t.name FROM attributes a JOIN taxonomy_terms t ON t.id = "
                      "a.taxonomy_term_id WHERE a.link_id = k.service_id ORDER BY a.position "
                      "LIMIT 1), 'Not categorised') FROM connections k JOIN referrals r ON r.id = "
                      "k.referral_id WHERE k.state IN ('sent', 'accepted', 'attended', "
                      "'did_not_attend', 'declined') AND 1 = $1" +
                          filter,
                      std::int64_t{1}, scope->code);
         q.Step();) {
      if (q.Text(3) == "attended") categories[q.Int(0)].insert(q.Text(5));
      if (q.Int(4) < period->start || q.Int(4) >= period->end) continue;
      ServiceAttendance& s = services[q.Text(2) + "\x1f" + q.Text(1)];
      s.service_id = q.Text(1);
      s.name = q.Text(2);
      ++s.connections;
      if (q.Text(3) == "attended") ++s.attended;
      if (q.Text(3) == "did_not_attend") ++s.did_not_attend;
    }
    return Status::Ok();
  });
  if (!read.ok()) return read;
  bool suppress = scope->suppresses();
  for (const auto& score : measure->scores) {
    std::vector<double> all;
    std::map<std::string, std::vector<double>> by_reason, by_category;
    for (const auto& [id, p] : people) {
      if (!p.baseline_at || p.latest_at < period->start || p.latest_at >= period->end) continue;
      auto before = p.baseline.find(score.id);
      auto after = p.latest.find(score.id);
      if (before == p.baseline.end() || after == p.latest.end()) continue;
      double change = after->second - before->second;
      all.push_back(change);
      for (const auto& reason : insight::SplitCodes(p.reasons)) by_reason[reason].push_back(change);
      for (const auto& category : categories[id]) by_category[category].push_back(change);
    }
    ScoreOutcome o;
    o.id = score.id;
    o.name = score.name;
    o.higher_is_better = score.better == Better::kHigher;
    o.minimal_change = score.minimal_change;
    o.overall = Figures("all", "Everyone measured", all, score, suppress);
    for (const auto& r : kReasons) {
      auto it = by_reason.find(std::string(r.code));
      if (it == by_reason.end()) continue;
      o.by_reason.push_back(
          Figures(std::string(r.code), std::string(r.label), it->second, score, suppress));
    }
    for (const auto& [category, changes] : by_category) {
      o.by_category.push_back(Figures(category, category, changes, score, suppress));
    }
    out.scores.push_back(o);
  }
  for (auto& [key, s] : services) {
    auto small = [](std::int64_t n) { return n > 0 && n < insight::kSuppressBelow; };
    if (suppress && s.connections < insight::kSuppressBelow) {
      s.suppressed = true;
      s.connections = s.attended = s.did_not_attend = 0;
    } else if (suppress && (small(s.attended) || small(s.did_not_attend) ||
                            small(s.connections - s.attended - s.did_not_attend))) {
      s.parts_hidden = true;
      s.attended = s.did_not_attend = 0;
    } else if (s.attended + s.did_not_attend > 0) {
      s.attended_rate =
          static_cast<double>(s.attended) / static_cast<double>(s.attended + s.did_not_attend);
    }
    out.services.push_back(s);
  }
  return out;
}

}  // namespace linkway
