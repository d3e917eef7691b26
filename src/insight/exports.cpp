// The SNOMED-coded activity extract and the monthly practice digest.
#include <algorithm>

#include "core/geo.hpp"
#include "core/text.hpp"
#include "insight/aggregates.hpp"
#include "insight/insight.hpp"
#include "insight/list_sizes.hpp"
#include "reference/postcodes.hpp"

namespace linkway {
namespace {

constexpr double kNearbyMiles = 10;

}  // namespace

Result<Extract> Insight::ExtractFor(const Principal& who, const std::string& practice,
                                    const std::string& from, const std::string& to) {
  bool entitled = (who.role == Role::kReferrer || who.role == Role::kAdmin) &&
                  who.org_kind == OrgKind::kPractice;
  if (!entitled) {
    return Status::Forbidden("the activity extract is for the practice's own staff");
  }
  std::string code = practice.empty() ? who.org_code : practice;
  if (code != who.org_code) return Status::NotFound("no such practice");
  auto period = ParsePeriod(from, to, clock_.Now());
  if (!period.ok()) return period.status();
  Extract out;
  out.period = *period;
  out.practice_code = code;
  out.practice_name = who.org_name;
  Status read = db_.Snapshot([&](sql::Connection& c) -> Status {
    for (sql::Query q(c,
                      "SELECT r.nhs_number, e.code_system, e.code, e.code_display, e.at, "
                      "COALESCE(u.display_name, ''), r.id FROM referral_events e JOIN referrals r "
                      "ON r.id = e.referral_id LEFT JOIN users u ON u.id = e.user_id WHERE "
                      "r.practice_code = $1 AND e.at >= $2 AND e.at < $3 AND e.code <> '' "
                      "ORDER BY e.at, e.id",
                      code, period->start, period->end);
         q.Step();) {
      out.rows.push_back({q.Text(0), q.Text(1), q.Text(2), q.Text(3), FormatDate(DayOf(q.Int(4))),
                          q.Text(5), "referral", q.Int(6)});
    }
    for (sql::Query q(c,
                      "SELECT s.code_system, s.code, s.at, COALESCE(u.display_name, ''), s.id, "
                      "s.service FROM signposts s LEFT JOIN users u ON u.id = s.user_id WHERE "
                      "s.practice_code = $1 AND s.at >= $2 AND s.at < $3 AND s.code <> '' "
                      "ORDER BY s.at, s.id",
                      code, period->start, period->end);
         q.Step();) {
      out.rows.push_back({"", q.Text(0), q.Text(1), "Signposting to " + q.Text(5),
                          FormatDate(DayOf(q.Int(2))), q.Text(3), "signpost", q.Int(4)});
    }
    return Status::Ok();
  });
  if (!read.ok()) return read;
  std::stable_sort(out.rows.begin(), out.rows.end(),
                   [](const ExtractRow& a, const ExtractRow& b) { return a.date < b.date; });
  // Who has seen whose record: the extract's scope, then every record in it.
  AuditEntry scope = AuditFor(who, clock_.Now(), "insight.extract", "practice_extract",
                              code + " " + period->from + " " + period->to);
  std::vector<std::string> referrals, signposts;
  for (const auto& row : out.rows) {
    auto& ids = row.record_type == "referral" ? referrals : signposts;
    std::string id = std::to_string(row.record_id);
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
  }
  if (Status s = audit_.RecordList(
          scope, AuditFor(who, clock_.Now(), "insight.extract", "referral", ""), referrals);
      !s.ok()) {
    return s;
  }
  if (!signposts.empty()) {
    if (Status s = audit_.RecordList(
            AuditFor(who, clock_.Now(), "insight.extract", "signpost_list", code),
            AuditFor(who, clock_.Now(), "insight.extract", "signpost", ""), signposts);
        !s.ok()) {
      return s;
    }
  }
  return out;
}

Result<Digest> Insight::DigestFor(const Principal& who, const std::string& practice,
                                  const std::string& month) {
  auto scope = ResolveScope(who, "practice:" + practice, true);
  if (!scope.ok()) return scope.status();
  std::string chosen = month;
  if (chosen.empty()) chosen = insight::AddMonths(insight::MonthOf(clock_.Now()), -1);
  auto period = ParsePeriod(chosen, chosen, clock_.Now());
  if (!period.ok()) {
    if (period.status().code() != Code::kInvalid) return period.status();
    FieldErrors errors;
    errors.Add("month", period.status().fields().empty()
                            ? "must be a month written YYYY-MM"
                            : period.status().fields().front().message);
    return errors.ToStatus("the month has errors");
  }
  auto org = organisations_.Get(scope->code);
  if (!org.ok()) return org.status();
  Digest out;
  out.month = chosen;
  out.practice_code = org->code;
  out.practice_name = org->name;
  auto pcn = organisations_.Get(org->parent_code);
  out.pcn_name = pcn.ok() ? pcn->name : "";
  // The practice's figures against its PCN's and the ICB's.
  auto counts = Sums("all", *period, *scope);
  if (!counts.ok()) return counts.status();
  for (const auto& [value, n] : *counts) {
    out.figures.referrals += n.first;
    out.figures.signposts += n.second;
  }
  auto previous =
      ParsePeriod(insight::AddMonths(chosen, -1), insight::AddMonths(chosen, -1), clock_.Now());
  if (previous.ok()) {
    auto before = Sums("all", *previous, *scope);
    if (!before.ok()) return before.status();
    for (const auto& [value, n] : *before) {
      out.figures.previous_referrals += n.first;
      out.figures.previous_signposts += n.second;
    }
  }
  auto rate = [&](const Scope& s) -> Result<std::optional<double>> {
    auto population = Population(s);
    if (!population.ok()) return population.status();
    if (*population == 0) return std::optional<double>();
    auto sums = Sums("all", *period, s);
    if (!sums.ok()) return sums.status();
    std::int64_t n = 0;
    for (const auto& [value, c] : *sums) n += c.first;
    // A PCN's or the ICB's 1 to 4 would be given back by its rate and registered population.
    if (s.suppresses() && n > 0 && n < insight::kSuppressBelow) return std::optional<double>();
    return std::optional<double>(insight::RatePer1000(n, *population));
  };
  auto own = Population(*scope);
  if (!own.ok()) return own.status();
  out.figures.list_size = *own;
  auto r1 = rate(*scope);
  auto r2 = rate({"pcn:" + org->parent_code, "pcn", org->parent_code, out.pcn_name});
  auto r3 = rate({"icb", "icb", "", "All practices"});
  if (!r1.ok()) return r1.status();
  if (!r2.ok()) return r2.status();
  if (!r3.ok()) return r3.status();
  out.figures.rate_per_1000 = *r1;
  out.figures.pcn_rate_per_1000 = *r2;
  out.figures.icb_rate_per_1000 = *r3;
  auto reasons = Sums("reason", *period, *scope);
  if (!reasons.ok()) return reasons.status();
  for (const auto& r : kReasons) {
    auto it = reasons->find(std::string(r.code));
    if (it == reasons->end()) continue;
    out.reasons.push_back({std::string(r.code),
                           std::string(r.label),
                           {it->second.first, false, false},
                           {it->second.second, false, false}});
  }
  std::sort(out.reasons.begin(), out.reasons.end(), [](const auto& a, const auto& b) {
    return a.referrals.count + a.signposts.count > b.referrals.count + b.signposts.count;
  });
  std::optional<GeoPoint> here;
  if (!org->postcode.empty()) {
    auto place = Postcodes(db_).Get(org->postcode);
    if (place.ok()) here = place->place;
  }
  Status read = db_.Snapshot([&](sql::Connection& c) -> Status {
    std::vector<std::pair<std::int64_t, std::int64_t>> waits;
    for (sql::Query q(c,
                      "SELECT days, SUM(n) FROM first_contact_waits WHERE pcn_code = $1 AND month "
                      "= $2 GROUP BY days",
                      org->parent_code, chosen);
         q.Step();) {
      waits.emplace_back(q.Int(0), q.Int(1));
    }
    std::int64_t contacted = 0;
    for (const auto& [days, n] : waits) contacted += n;
    // One of a handful of people's wait would be theirs alone.
    if (contacted >= insight::kSuppressBelow) {
      out.median_wait_days = insight::HistogramPercentile(waits, 50);
    }
    std::map<std::int64_t, DigestPresence> presence;
    for (sql::Query q(c,
                      "SELECT p.user_id, u.display_name, p.weekday, p.session, "
                      "COALESCE(l.phone, ''), COALESCE(l.email, '') FROM presence p JOIN users u "
                      "ON u.id = p.user_id LEFT JOIN link_workers l ON l.user_id = p.user_id "
                      "WHERE p.practice_code = $1 AND u.active = 1 ORDER BY u.display_name, "
                      "p.weekday, p.session DESC",
                      org->code);
         q.Step();) {
      DigestPresence& p = presence[q.Int(0)];
      p.link_worker = q.Text(1);
      p.phone = q.Text(4);
      p.email = q.Text(5);
      std::string weekday(LabelOf(kWeekdays, std::to_string(q.Int(2))));
      p.sessions.push_back(weekday + " " + q.Text(3));
    }
    for (auto& [id, p] : presence) out.link_workers.push_back(p);
    // Services added or changed in the month, with their nearest place.
    for (sql::Query q(c,
                      "SELECT s.id, s.name, o.name, MIN(e.at), "
                      "(SELECT MIN(f.at) FROM service_edits f WHERE f.service_id = s.id), "
                      "(SELECT MIN(l.lat_e6) FROM service_at_locations sl JOIN locations l ON "
                      "l.id = sl.location_id WHERE sl.service_id = s.id AND l.confidential = 0), "
                      "(SELECT MIN(l.lon_e6) FROM service_at_locations sl JOIN locations l ON "
                      "l.id = sl.location_id WHERE sl.service_id = s.id AND l.confidential = 0), "
                      "s.description FROM service_edits e JOIN services s ON s.id = e.service_id "
                      "JOIN organisations o ON o.code = s.org_code WHERE e.at >= $1 AND e.at < $2 "
                      "AND s.status = 'active' GROUP BY s.id, s.name, o.name, s.description "
                      "ORDER BY s.name",
                      period->start, period->end);
         q.Step();) {
      DigestService s;
      s.id = q.Text(0);
      s.name = q.Text(1);
      s.organisation = q.Text(2);
      s.is_new = q.Int(4) >= period->start;
      std::string summary = q.Text(7);
      s.summary = summary.size() > 200 ? Shorten(summary, 200) : summary;
      if (here && !q.IsNull(5) && !q.IsNull(6)) {
        s.miles = DistanceMiles(*here, {FromMicroDegrees(q.Int(5)), FromMicroDegrees(q.Int(6))});
        if (*s.miles > kNearbyMiles) continue;
      }
      out.services.push_back(s);
    }
    std::sort(out.services.begin(), out.services.end(), [](const auto& a, const auto& b) {
      return a.miles.value_or(1e9) < b.miles.value_or(1e9);
    });
    for (sql::Query q(c,
                      "SELECT n.text FROM case_notes n JOIN referrals r ON r.id = n.referral_id "
                      "WHERE r.practice_code = $1 AND r.consent_share = 1 AND n.case_study = 1 "
                      "AND n.at >= $2 AND n.at < $3 ORDER BY n.at, n.id",
                      org->code, period->start, period->end);
         q.Step();) {
      out.case_studies.push_back(q.Text(0));
    }
    return Status::Ok();
  });
  if (!read.ok()) return read;
  return out;
}

}  // namespace linkway
