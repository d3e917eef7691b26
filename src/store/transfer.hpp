// Copying a whole database and proving the copy: backup, restore and migrate-data rest on
// these. "Whole" is every table of the given schemas, in their order (parents first).
// Thread safety: plain functions; the databases are thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "store/database.hpp"
#include "store/schema.hpp"

namespace linkway::sql {

// A row as text, column by column; nullopt is NULL. Integers are written in decimal.
using Row = std::vector<std::optional<std::string>>;
// Gets each table's columns once, then its rows; may throw Error to stop the export.
using RowSink = std::function<void(const TableSpec& table, const std::vector<std::string>& columns,
                                   const Row& row)>;

// Every row of every table, from one snapshot, in the tables' key order (the same on every
// backend); a large table is read in chunks.
Status ExportRows(Database& db, std::span<const Schema> schemas, const RowSink& sink);

// One table's row count and SHA-256 over its rows in key order. The digest depends only on the
// values, so the same data gives the same digest on SQLite and PostgreSQL.
struct TableSummary {
  std::string table;
  std::int64_t rows = 0;
  std::string sha256;
  bool operator==(const TableSummary&) const = default;
};
Result<std::vector<TableSummary>> Summarise(Database& db, std::span<const Schema> schemas);

// Copies every row of `from` into `to` in one transaction of `to`, then moves `to`'s generated
// ids past the largest copied. kConflict, with nothing written, when `to` already holds data.
Status CopyAll(Database& from, Database& to, std::span<const Schema> schemas);

// Copies, then summarises both sides; kInternal naming the tables that differ. `from` must not
// change during the copy for the comparison to hold.
Result<std::vector<TableSummary>> CopyAndVerify(Database& from, Database& to,
                                                std::span<const Schema> schemas);

// Writes a consistent copy of the whole database, taken while it serves, to a new SQLite file
// at `path` (which must not exist): SQLite's own online copy, or PostgreSQL's rows from one
// snapshot. A backup restores into either backend.
Status Backup(Database& db, std::span<const Schema> schemas, const std::string& path);

}  // namespace linkway::sql
