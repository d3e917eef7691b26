// The insight module: figures on activity, variation, waits, equity and outcomes, each as a
// page (SVG charts drawn on the server beside their data table), JSON under /api/v1/insight
// and CSV. Every statistic is in statistics.hpp; this reads the counts and applies who may see
// what: commissioners (and the ICB's administrators) every practice, PCN staff their PCN.
// Thread safety: every method may be called from any thread.
#pragma once

#include <optional>
#include <string>
#include <vector>

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

struct VariationQuery {
  std::string from, to;
  std::string scope;                   // "icb", "pcn:CODE" or "practice:CODE"; empty: the caller's
  std::string activity = "referrals";  // "referrals", "signposts" or "both"
};

struct PracticeVariation {
  std::string code, name, pcn_code;
  std::int64_t list_size = 0;  // 0: no list size known (no rate)
  insight::FunnelPoint point;
};

struct Variation {
  Period period;
  std::string scope, scope_name, activity;
  double mean_rate_per_1000 = 0;
  std::vector<PracticeVariation> practices;  // by code
  std::vector<std::string> without_list_size;
};

class Insight {
 public:
  Insight(sql::Database& db, Organisations& organisations, const Clock& clock)
      : db_(db), organisations_(organisations), clock_(clock), aggregates_(db) {}

  // Referrals, signposts or both per 1,000 registered patients for each practice in the
  // scope, with funnel limits around the scope's mean. kForbidden for roles without a view
  // of practices; a scope outside the caller's answers kNotFound.
  Result<Variation> Variations(const Principal& who, const VariationQuery& query);
  // The PCNs whose practices `who` may compare: every one for commissioners and the ICB's
  // administrators, their own for PCN staff; (code, name).
  std::vector<std::pair<std::string, std::string>> PcnsFor(const Principal& who);

  // The counts kept as activity happens (aggregates.hpp).
  insight::Aggregates& aggregates() { return aggregates_; }

 private:
  sql::Database& db_;
  Organisations& organisations_;
  const Clock& clock_;
  insight::Aggregates aggregates_;
};

}  // namespace linkway
