// The whole-database summary (sql::Summarise) of a store, for tests that compare a database
// before and after a command. Throws std::runtime_error when it cannot be read.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "store/transfer.hpp"

namespace linkway::testing {

std::vector<sql::TableSummary> SummaryOf(const std::string& url);
// The row count of `table` in `summary`, or -1 when it is not there.
std::int64_t Rows(const std::vector<sql::TableSummary>& summary, const std::string& table);

}  // namespace linkway::testing
