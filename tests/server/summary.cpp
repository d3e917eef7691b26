#include "server/summary.hpp"

#include <stdexcept>

#include "app/system.hpp"

namespace linkway::testing {

std::vector<sql::TableSummary> SummaryOf(const std::string& url) {
  auto db = OpenDatabase(url);
  if (!db.ok()) throw std::runtime_error(db.status().message());
  auto summary = sql::Summarise(**db, AllSchemas());
  if (!summary.ok()) throw std::runtime_error(summary.status().message());
  return *summary;
}

std::int64_t Rows(const std::vector<sql::TableSummary>& summary, const std::string& table) {
  for (const auto& t : summary) {
    if (t.table == table) return t.rows;
  }
  return -1;
}

}  // namespace linkway::testing
