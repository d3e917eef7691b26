// Each capability's tables, as it declares them: its migrations and, for whole-database copies
// (backup, restore, migrate-data), its tables in the order they are copied.
//
// A migration is one file, NNNN_name.sql, written once for both backends. Where the dialects
// differ it says so: {{id}} is an integer key the database generates (INTEGER PRIMARY KEY on
// SQLite, an identity column on PostgreSQL), and lines between "-- sqlite only" or
// "-- postgresql only" and "-- end" are for that backend alone. The table schema_versions
// holds each capability's version. Thread safety: plain data and functions.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/embedded.hpp"
#include "store/database.hpp"

namespace linkway::sql {

struct TableSpec {
  std::string_view name;
  // The order rows are read in, the same on every backend: integer keys are `id` and `*_id`,
  // text keys compare bytewise. A table keyed by `id` alone has a generated id.
  std::vector<std::string_view> key;
  // The key columns are text (uuids) even where named `id` or `*_id`: bytewise order, and no
  // generated id.
  bool text_key = false;
};

struct Schema {
  std::string_view module;                    // "referrals"
  const EmbeddedFiles* migrations = nullptr;  // "0001_initial.sql" -> SQL
  std::vector<TableSpec> tables;              // parents before children
  // For a database from before schema_versions, whose one version covered every table: which
  // of this module's versions each old version means, as {old, version} pairs.
  std::vector<std::pair<int, int>> legacy;
};

// The SQL of a migration for `backend`.
std::string ForBackend(std::string_view sql, Backend backend);

// Applies, in one transaction and under a lock (so that instances starting together are safe),
// every migration of `schemas` (in order) that the database lacks. kInvalid, with nothing
// changed, for a database that holds tables but no Linkway schema, or one with a module or a
// version newer than this binary knows; kUnavailable when it cannot be reached.
Status Migrate(Database& db, std::span<const Schema> schemas);

}  // namespace linkway::sql
