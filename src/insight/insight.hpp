// The insight module: figures on activity, variation, waits, equity and outcomes, each as a
// page (SVG charts drawn on the server beside their data table), JSON under /api/v1/insight
// and CSV. Every statistic is in statistics.hpp; this reads the counts and applies who may see
// what: commissioners (and the ICB's administrators) every practice, PCN staff their PCN.
// Thread safety: every method may be called from any thread.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "auth/audit.hpp"
#include "casework/casework.hpp"
#include "core/clock.hpp"
#include "core/people.hpp"
#include "core/status.hpp"
#include "insight/aggregates.hpp"
#include "insight/statistics.hpp"
#include "reference/organisations.hpp"
#include "store/database.hpp"

namespace linkway {

// Whole months, from the first of `from` to the end of `to` ("YYYY-MM").
struct Period {
  std::string from;
  std::string to;
  UnixSeconds start = 0;
  UnixSeconds end = 0;  // exclusive
};
// kInvalid naming the field for a malformed month, an end before the start, or a start in the
// future; empty `from` and `to` mean the last 12 whole months before `now`'s.
Result<Period> ParsePeriod(const std::string& from, const std::string& to, UnixSeconds now);
// Each month of the period, "YYYY-MM", in order.
std::vector<std::string> MonthsOf(const Period& period);

struct VariationQuery {
  std::string from, to;
  std::string scope;                   // "icb", "pcn:CODE" or "practice:CODE"; empty: the caller's
  std::string activity = "referrals";  // "referrals", "signposts" or "both"
};

struct PracticeVariation {
  std::string code, name, pcn_code;
  std::int64_t list_size = 0;  // 0: no list size known (no rate)
  insight::FunnelPoint point;
  bool suppressed = false;  // a count from 1 to 4 across practices: count and rate are 0 here
};

struct Variation {
  Period period;
  std::string scope, scope_name, activity;
  double mean_rate_per_1000 = 0;
  std::vector<PracticeVariation> practices;  // by code
  std::vector<std::string> without_list_size;
};

// Where a figure is drawn from: the whole ICB, a PCN's practices, or one practice.
struct Scope {
  std::string key;    // "icb", "pcn:CODE" or "practice:CODE"
  std::string level;  // "icb", "pcn" or "practice"
  std::string code;   // the PCN's or practice's code; empty for the ICB
  std::string name;
  // Counts below 5 are shown as "<5" in any view above practice level.
  bool suppresses() const { return level != "practice"; }
};

struct FigureQuery {
  std::string from, to;
  std::string scope;  // empty: the caller's own
  std::string by;     // what a breakdown is by
};

// A count as a view may show it: a count from 1 to 4 above practice level is zero here and
// shown as "<5"; one hidden only so that such a count cannot be worked out from the total
// is zero too and shown as "*".
struct Shown {
  std::int64_t count = 0;
  bool suppressed = false;
  bool secondary = false;
  std::string Text() const;  // "12", "0", "<5" or "*"
};

struct MonthActivity {
  std::string month;  // YYYY-MM
  std::int64_t referrals = 0;
  std::int64_t signposts = 0;
};

struct TrendMonth {
  std::string month;  // YYYY-MM
  Shown referrals, signposts;
};
// Referrals and signposts per month in a scope, with its registered population; above
// practice level hidden as Shown says.
struct Trend {
  Period period;
  Scope scope;
  std::int64_t population = 0;  // the list sizes of the scope's practices
  std::vector<TrendMonth> months;
  Shown total_referrals, total_signposts;
};

struct BreakdownRow {
  std::string value, label;
  Shown referrals, signposts;
};
// Referral reasons, sources (who referred), or referrals against signposts per month.
struct Breakdown {
  Period period;
  Scope scope;
  std::string by;  // "reason", "source" or "activity"
  std::vector<BreakdownRow> rows;
  Shown total_referrals, total_signposts;
};

struct EquityRow {
  std::string value, label;
  Shown count;
  std::int64_t population = 0;  // 0: not known
  std::optional<double> rate_per_1000;
  std::optional<insight::Interval> ci95;  // of the rate, exact Poisson
};
// Referrals per 1,000 by deprivation decile, age band, sex, rurality or practice.
struct Equity {
  Period period;
  Scope scope;
  std::string by;  // "imd", "age", "sex", "rurality" or "practice"
  std::vector<EquityRow> rows;
  Shown total;
  std::string population_note;  // where the denominators come from, or why there are none
};

struct OwnViewQuery {
  std::string from, to;
  std::string consultations_per_day;  // default 41
  std::string days_per_week;          // default 5
};
// A clinician's own figures, seen by nobody else, with their PCN's referrers anonymised.
struct OwnView {
  Period period;
  std::vector<MonthActivity> months;
  std::vector<BreakdownRow> reasons;  // the reasons they gave, referrals and signposts
  std::int64_t referrals = 0, signposts = 0;
  int consultations_per_day = 41;
  int days_per_week = 5;
  std::int64_t working_days = 0;  // weekdays in the period up to today, scaled by days_per_week
  std::int64_t consultations = 0;
  double referral_share = 0;  // referrals / consultations
  double activity_share = 0;  // (referrals + signposts) / consultations
  double social_root_share = 0.20;
  // Referrals in the period by each referrer at the PCN's practices, the caller among them,
  // ascending, without names; empty outside a PCN.
  std::vector<std::int64_t> peers;
  int own_position = -1;       // index of the caller's count in `peers`
  bool too_few_peers = false;  // fewer than 5 referrers: no comparison, it would name them
};

// Days from referral to first contact among referrals received in a month (or by a link
// worker over the period).
struct WaitFigures {
  std::string key, label;  // the month, or the link worker's id and name
  std::int64_t n = 0;
  bool suppressed = false;  // 1 to 4 first contacts: n is 0 and no median is given
  std::optional<std::int64_t> median_days, p90_days;
};
struct LinkWorkerLoad {
  std::int64_t user_id = 0;
  std::string name;
  std::int64_t caseload = 0;  // contacted or active
  std::int64_t capacity = 0;  // a year's caseload, as set on their profile
  std::int64_t waiting = 0;   // accepted by them, not yet contacted
  WaitFigures waits;          // first contacts they made, for referrals in the period
};
struct WeekFlow {
  std::string week;  // its Monday, YYYY-MM-DD
  std::int64_t arrivals = 0, departures = 0;
  std::int64_t waiting_at_end = 0;
};
struct Forecast {
  Scope scope;
  std::int64_t waiting = 0;  // received or accepted, not yet contacted, now
  insight::WaitForecast wait;
  std::vector<WeekFlow> weeks;  // the last 8 whole weeks, oldest first
  bool growing = false;         // the waiting list grew in each of the last 3 whole weeks
};
struct Waits {
  Period period;
  Scope scope;
  std::vector<WaitFigures> months;
  std::vector<LinkWorkerLoad> link_workers;  // for a PCN
  // For the ICB: each PCN's forecast.
  std::vector<Forecast> pcns;
};

// The paired change in one score from baseline to the latest measurement after it.
struct ChangeFigures {
  std::string key, label;
  std::int64_t n = 0;
  bool suppressed = false;     // fewer than 5 people above practice level: nothing else shown
  insight::MeanChange change;  // latest minus baseline, in the score's units
  std::int64_t improved = 0;   // by at least the minimal change, in the better direction
  double improved_share = 0;
  // Above practice level, when those who improved or those who did not number 1 to 4:
  // improved and improved_share are 0.
  bool improved_hidden = false;
};
struct ScoreOutcome {
  std::string id, name;
  bool higher_is_better = true;
  double minimal_change = 1;
  ChangeFigures overall;
  std::vector<ChangeFigures> by_reason;    // kReasons' order, only those with people
  std::vector<ChangeFigures> by_category;  // of services attended
};
struct ServiceAttendance {
  std::string service_id, name;
  std::int64_t connections = 0, attended = 0, did_not_attend = 0;
  bool suppressed = false;    // fewer than 5 connections: nothing is shown
  bool parts_hidden = false;  // attended or did not attend number 1 to 4: only connections

  std::optional<double> attended_rate;  // attended of those with an answer
};
struct OutcomeQuery {
  std::string from, to, scope;
  std::string measure;  // empty: the first defined
};
struct Outcomes {
  Period period;
  Scope scope;
  std::string measure_id, measure_name;
  std::vector<std::pair<std::string, std::string>> measures;  // every defined: id, name
  std::vector<ScoreOutcome> scores;
  std::vector<ServiceAttendance> services;  // connections updated in the period, by name
};

// A SNOMED-coded activity extract for the GP record and national reporting: one row for each
// coded step of the practice's referrals, and each signpost (which holds no NHS number).
struct ExtractRow {
  std::string nhs_number;  // empty for a signpost
  std::string code_system, code, display;
  std::string date;  // YYYY-MM-DD
  std::string clinician;
  std::string record_type;  // "referral" or "signpost"
  std::int64_t record_id = 0;
};
struct Extract {
  Period period;
  std::string practice_code, practice_name;
  std::vector<ExtractRow> rows;
};

// The monthly digest for a practice's clinicians.
struct DigestFigures {
  std::int64_t referrals = 0, signposts = 0;
  std::int64_t previous_referrals = 0, previous_signposts = 0;
  std::int64_t list_size = 0;
  std::optional<double> rate_per_1000, pcn_rate_per_1000, icb_rate_per_1000;
};
struct DigestPresence {
  std::string link_worker, phone, email;
  std::vector<std::string> sessions;  // "Monday morning"
};
struct DigestService {
  std::string id, name, organisation, summary;
  bool is_new = false;
  std::optional<double> miles;
};
struct Digest {
  std::string month;  // YYYY-MM
  std::string practice_code, practice_name, pcn_name;
  DigestFigures figures;
  std::vector<BreakdownRow> reasons;             // this month's, practice level
  std::optional<std::int64_t> median_wait_days;  // the PCN's, for referrals this month
  std::vector<DigestPresence> link_workers;
  std::vector<DigestService> services;  // added or changed this month, within 10 miles
  std::vector<std::string> case_studies;
};

class Insight {
 public:
  Insight(sql::Database& db, Organisations& organisations, const Clock& clock, AuditTrail& audit,
          const MeasureSet& measures)
      : db_(db),
        organisations_(organisations),
        clock_(clock),
        audit_(audit),
        measures_(measures),
        aggregates_(db) {}

  // Referrals, signposts or both per 1,000 registered patients for each practice in the
  // scope, with funnel limits around the scope's mean. kForbidden for roles without a view
  // of practices; a scope outside the caller's answers kNotFound.
  Result<Variation> Variations(const Principal& who, const VariationQuery& query);
  // The PCNs whose practices `who` may compare: every one for commissioners and the ICB's
  // administrators, their own for PCN staff; (code, name).
  std::vector<std::pair<std::string, std::string>> PcnsFor(const Principal& who);

  // The scopes `who` may choose, widest first: (key, name).
  std::vector<std::pair<std::string, std::string>> ScopesFor(const Principal& who);
  Result<Trend> Trends(const Principal& who, const FigureQuery& query);
  Result<Breakdown> Breakdowns(const Principal& who, const FigureQuery& query);
  Result<Equity> Equities(const Principal& who, const FigureQuery& query);
  // Capacity and waits for a PCN (scope pcn:CODE) or each PCN of the ICB (scope icb).
  Result<Waits> WaitsFor(const Principal& who, const FigureQuery& query);
  Result<Forecast> ForecastFor(const Principal& who, const std::string& scope);
  // Outcome measures' paired change and connections' attendance for the referrals in the
  // scope whose latest measurement (or connection's last change) falls in the period.
  Result<Outcomes> OutcomesFor(const Principal& who, const OutcomeQuery& query);
  // The extract of a practice's coded activity: only for the practice's own staff, and audited
  // per record; kNotFound for another practice.
  Result<Extract> ExtractFor(const Principal& who, const std::string& practice,
                             const std::string& from, const std::string& to);
  // A practice's digest for a month (empty: the last whole month): its staff, its PCN's and
  // the ICB's.
  Result<Digest> DigestFor(const Principal& who, const std::string& practice,
                           const std::string& month);
  // The caller's own view; kForbidden for anyone but a referrer.
  Result<OwnView> Own(const Principal& who, const OwnViewQuery& query);

  UnixSeconds Now() const { return clock_.Now(); }
  // The outcome measures defined: (id, name).
  std::vector<std::pair<std::string, std::string>> MeasureChoices() const {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& m : measures_.all()) out.emplace_back(m.id, m.name);
    return out;
  }
  // The counts kept as activity happens (aggregates.hpp).
  insight::Aggregates& aggregates() { return aggregates_; }

 private:
  // kForbidden for a role with no figures; kNotFound for a scope outside the caller's; empty
  // `key`: the caller's widest. Practice staff may see their own practice when
  // `practice_staff` is set.
  Result<Scope> ResolveScope(const Principal& who, const std::string& key, bool practice_staff);
  // SQL limiting a table with a practice_code column to the scope's practices, binding `$n` to
  // the scope's code.
  static std::string PracticeFilter(const Scope& scope, int n);
  // The practice_code of activity_counts' rows for the scope: the practice's code, "*" and the
  // PCN's, or "*" for the ICB.
  static std::string CountsKey(const Scope& scope);
  // Sums of activity_counts for `dimension` in the period and scope: value -> (referrals,
  // signposts).
  Result<std::map<std::string, std::pair<std::int64_t, std::int64_t>>> Sums(
      const std::string& dimension, const Period& period, const Scope& scope);
  Result<std::int64_t> Population(const Scope& scope);
  Result<Scope> ResolvePcnScope(const Principal& who, const std::string& key);
  Result<Forecast> ForecastOf(const Scope& pcn);

  sql::Database& db_;
  Organisations& organisations_;
  const Clock& clock_;
  AuditTrail& audit_;
  const MeasureSet& measures_;
  insight::Aggregates aggregates_;
};

}  // namespace linkway
