// Copying a whole database between stores and proving the copy: used by backup, restore and
// migrate-data. Thread safety: plain functions; the stores are thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "store/store.hpp"

namespace linkway {

// One table's row count and SHA-256 over its rows in TableSpec order. The digest depends only
// on the values, so the same data gives the same digest on SQLite and PostgreSQL.
struct TableSummary {
  std::string table;
  std::int64_t rows = 0;
  std::string sha256;
  bool operator==(const TableSummary&) const = default;
};

// Every table's summary, from one snapshot.
Result<std::vector<TableSummary>> Summarise(Store& store);

// Copies every row of `from` into `to` in one transaction of `to`. kConflict when `to`
// already holds data.
Status CopyAll(Store& from, Store& to);

// Copies, then summarises both sides; kInternal naming the tables that differ. `from` must not
// change during the copy for the comparison to hold.
Result<std::vector<TableSummary>> CopyAndVerify(Store& from, Store& to);

}  // namespace linkway
