#include "store/sqlite/migrate.hpp"

#include <string>

#include "core/embedded.hpp"

namespace linkway {
const EmbeddedFiles& SqliteMigrations();
}

namespace linkway::sqlite {
namespace {

constexpr std::string_view kCreateVersions =
    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
    "applied_at INTEGER NOT NULL DEFAULT (unixepoch()))";
constexpr std::string_view kHasVersionsTable =
    "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'";
constexpr std::string_view kCountTables =
    "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
constexpr std::string_view kCurrentVersion =
    "SELECT COALESCE(MAX(version), 0) FROM schema_migrations";
constexpr std::string_view kRecordVersion = "INSERT INTO schema_migrations (version) VALUES (?1)";

// "0001_initial.sql" -> 1
int VersionOf(std::string_view name) { return std::stoi(std::string(name.substr(0, 4))); }

std::int64_t Count(Db& db, std::string_view sql) {
  Stmt s(db, sql);
  s.Step();
  return s.Int(0);
}

}  // namespace

int LatestVersion() {
  int latest = 0;
  for (const auto& [name, sql] : SqliteMigrations()) latest = std::max(latest, VersionOf(name));
  return latest;
}

Status Migrate(Db& db) {
  if (Count(db, kHasVersionsTable) == 0) {
    if (Count(db, kCountTables) > 0) {
      return Status::Invalid(
          "this database holds tables but no Linkway schema; refusing to use it");
    }
    db.Exec(kCreateVersions);
  }
  int current = static_cast<int>(Count(db, kCurrentVersion));
  if (current > LatestVersion()) {
    return Status::Invalid("this database has schema version " + std::to_string(current) +
                           ", newer than this Linkway knows (" + std::to_string(LatestVersion()) +
                           "); upgrade Linkway");
  }
  for (const auto& [name, sql] : SqliteMigrations()) {  // the map is ordered by file name
    int version = VersionOf(name);
    if (version <= current) continue;
    Tx tx(db);
    db.Exec(sql);
    (void)Stmt(db, kRecordVersion).Bind(1, version).Run();
    tx.Commit();
  }
  return Status::Ok();
}

}  // namespace linkway::sqlite
