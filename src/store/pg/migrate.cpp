#include "store/pg/migrate.hpp"

#include <string>

#include "core/embedded.hpp"

namespace linkway {
const EmbeddedFiles& PgMigrations();
}

namespace linkway::pg {
namespace {

constexpr std::string_view kLock = "SELECT pg_advisory_xact_lock(hashtext('linkway migrations'))";
constexpr std::string_view kSchema = "SELECT current_schema()";
constexpr std::string_view kHasVersions =
    "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() "
    "AND table_name = 'schema_migrations'";
constexpr std::string_view kCountTables =
    "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema()";
constexpr std::string_view kCreateVersions =
    "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, "
    "applied_at BIGINT NOT NULL DEFAULT (extract(epoch from now())::bigint))";
constexpr std::string_view kCurrentVersion =
    "SELECT COALESCE(MAX(version), 0) FROM schema_migrations";
constexpr std::string_view kRecordVersion = "INSERT INTO schema_migrations (version) VALUES ($1)";

int VersionOf(std::string_view name) { return std::stoi(std::string(name.substr(0, 4))); }

}  // namespace

int LatestVersion() {
  int latest = 0;
  for (const auto& [name, sql] : PgMigrations()) latest = std::max(latest, VersionOf(name));
  return latest;
}

Status Migrate(Conn& conn) {
  Tx tx(conn);
  conn.Query(kLock);
  if (conn.Query(kSchema).IsNull(0, 0)) {
    return Status::Invalid(
        "the database has no schema to use: the search_path names none that exists");
  }
  if (conn.Query(kHasVersions).Int(0, 0) == 0) {
    if (conn.Query(kCountTables).Int(0, 0) > 0) {
      return Status::Invalid(
          "this database holds tables but no Linkway schema; refusing to use it");
    }
    conn.Exec(kCreateVersions);
  }
  int current = static_cast<int>(conn.Query(kCurrentVersion).Int(0, 0));
  if (current > LatestVersion()) {
    return Status::Invalid("this database has schema version " + std::to_string(current) +
                           ", newer than this Linkway knows (" + std::to_string(LatestVersion()) +
                           "); upgrade Linkway");
  }
  for (const auto& [name, sql] : PgMigrations()) {  // ordered by file name
    int version = VersionOf(name);
    if (version <= current) continue;
    conn.Exec(sql);
    conn.Query(kRecordVersion, Params().Add(version));
  }
  tx.Commit();
  return Status::Ok();
}

}  // namespace linkway::pg
