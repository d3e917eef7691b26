// The figures insight keeps up to date as activity happens (migration 0002): counts per month,
// practice and dimension, waits for first contact, and the weekly flow on and off the wait.
// Triggers note each new referral, step and signpost in insight_pending; CatchUp folds the notes
// into the counts, and Recompute counts everything again from the source rows with the same
// code, so that the two can be compared (aggregates_test.cpp).
// Thread safety: every method may be called from any thread; on PostgreSQL several instances
// fold at once, each claiming different notes.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/status.hpp"
#include "store/database.hpp"

namespace linkway::insight {

// The age bands equity is counted in, aligned with NHS Digital's five-year list-size bands.
inline constexpr const char* kAgeBands[] = {"0-19",  "20-29", "30-39", "40-49",
                                            "50-59", "60-69", "70-79", "80+"};
// "unknown" for a malformed date of birth or one after `on` (both YYYY-MM-DD).
std::string AgeBand(const std::string& date_of_birth, const std::string& on);
// Days since 1970-01-01 of the Monday of the week holding `t`.
std::int64_t WeekOf(UnixSeconds t);
// "YYYY-MM" of `t`, in UTC.
std::string MonthOf(UnixSeconds t);
// The month `n` months after "YYYY-MM" (before, for a negative `n`).
std::string AddMonths(const std::string& month, int n);
// A stored list of codes, "a,b,c", as its codes.
std::vector<std::string> SplitCodes(const std::string& codes);

class Aggregates {
 public:
  explicit Aggregates(sql::Database& db) : db_(db) {}

  // Folds every note waiting into the counts; cheap when there is none.
  Status CatchUp();
  // Empties the counts and the notes and counts every referral and signpost again, in one
  // write: for tests, the benchmark and repair, on a database nothing else is writing to.
  Status Recompute();

 private:
  sql::Database& db_;
};

}  // namespace linkway::insight
