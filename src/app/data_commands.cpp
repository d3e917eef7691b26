// backup, restore and migrate-data: whole-database copies, each proved by per-table row counts
// and SHA-256 checksums (store/transfer.hpp).
#include <fmt/core.h>

#include <filesystem>
#include <fstream>

#include <sstream>

#include "app/commands.hpp"
#include "app/open_data.hpp"
#include "store/transfer.hpp"

namespace linkway {
namespace {

void PrintSummary(const std::vector<sql::TableSummary>& tables) {
  fmt::print("{:<18} {:>9}  {}\n", "table", "rows", "sha256");
  for (const auto& t : tables) fmt::print("{:<18} {:>9}  {}\n", t.table, t.rows, t.sha256);
}

// True when `path` is an SQLite database file (by its header).
bool IsSqliteFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char header[16] = {};
  in.read(header, sizeof header);
  return in && std::string(header, 15) == "SQLite format 3";
}

}  // namespace

int RunBackup(const std::string& db, const std::string& out) {
  if (std::filesystem::exists(out)) {
    fmt::print(stderr, "linkway: {} already exists; back up to a new file\n", out);
    return 1;
  }
  auto store = OpenOrExplain(db);
  if (!store) return 1;
  if (Status s = sql::Backup(*store, AllSchemas(), out); !s.ok()) {
    fmt::print(stderr, "linkway: the backup failed: {}\n", s.message());
    return 1;
  }
  auto copy = OpenOrExplain("sqlite:" + out);
  if (!copy) return 1;
  auto summary = sql::Summarise(*copy, AllSchemas());
  if (!summary.ok()) {
    fmt::print(stderr, "linkway: cannot read the backup back: {}\n", summary.status().message());
    return 1;
  }
  fmt::print("Backed up the {} database to {}:\n", store->name(), out);
  PrintSummary(*summary);
  return 0;
}

int RunRestore(const std::string& in, const std::string& db) {
  if (!IsSqliteFile(in)) {
    fmt::print(stderr, "linkway: {} is not a Linkway backup (an SQLite file)\n", in);
    return 1;
  }
  auto backup = OpenOrExplain("sqlite:" + in);
  if (!backup) return 1;
  auto target = OpenOrExplain(db);
  if (!target) return 1;
  auto summary = sql::CopyAndVerify(*backup, *target, AllSchemas());
  if (!summary.ok()) {
    fmt::print(stderr, "linkway: the restore failed: {}\n", summary.status().message());
    return 1;
  }
  fmt::print("Restored {} into {}; every table matches the backup:\n", in, target->name());
  PrintSummary(*summary);
  return 0;
}

int RunMigrateData(const std::string& from, const std::string& to) {
  auto source = OpenOrExplain(from);
  if (!source) return 1;
  auto target = OpenOrExplain(to);
  if (!target) return 1;
  auto summary = sql::CopyAndVerify(*source, *target, AllSchemas());
  if (!summary.ok()) {
    fmt::print(stderr, "linkway: migrate-data failed: {}\n", summary.status().message());
    return 1;
  }
  fmt::print("Copied {} to {}; row counts and checksums match in every table:\n", source->name(),
             target->name());
  PrintSummary(*summary);
  return 0;
}

int RunPostcodesImport(const std::string& db, const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream text;
  if (in) text << in.rdbuf();
  if (!in) {
    fmt::print(stderr, "linkway: cannot read {}\n", file);
    return 2;
  }
  auto postcodes = ParseNspl(text.str(), std::filesystem::path(file).filename().string());
  if (!postcodes.ok()) {
    fmt::print(stderr, "linkway: nothing imported: {}\n", postcodes.status().message());
    return 1;
  }
  auto store = OpenOrExplain(db);
  if (!store) return 1;
  if (Status s = Postcodes(*store).Put(*postcodes); !s.ok()) {
    fmt::print(stderr, "linkway: nothing imported: {}\n", s.message());
    return 1;
  }
  int located = 0;
  for (const auto& p : *postcodes) located += p.place ? 1 : 0;
  fmt::print("Imported {} live postcodes ({} with a place) from {}.\n", postcodes->size(), located,
             file);
  return 0;
}

}  // namespace linkway
