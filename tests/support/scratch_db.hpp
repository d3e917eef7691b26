// A fresh, empty database for one test: an SQLite file in a temporary folder or, when the
// environment variable LINKWAY_TEST_PG holds a PostgreSQL URL (make test sets it for the
// "_pg" runs of each suite), a new schema on that server, dropped when the object goes.
// Thread safety: plain object; the URL may be opened from any thread.
#pragma once

#include <filesystem>
#include <string>

namespace linkway::testing {

// A directory removed when the object is destroyed.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// The server URL the tests run against, or "" for SQLite.
std::string TestPgUrl();
inline bool TestingPostgres() { return !TestPgUrl().empty(); }

class ScratchDb {
 public:
  ScratchDb();
  ~ScratchDb();
  ScratchDb(const ScratchDb&) = delete;
  ScratchDb& operator=(const ScratchDb&) = delete;

  // What OpenStore and --db take.
  const std::string& url() const { return url_; }
  bool postgres() const { return !schema_.empty(); }
  // The SQLite file, when not on PostgreSQL.
  const std::string& path() const { return path_; }
  // The schema, when on PostgreSQL.
  const std::string& schema() const { return schema_; }
  const TempDir& dir() const { return dir_; }

 private:
  TempDir dir_;
  std::string path_;
  std::string schema_;
  std::string url_;
};

// Runs SQL on the test server as its superuser; throws on failure. For set-up and checks.
void PgExec(const std::string& url, const std::string& sql);

}  // namespace linkway::testing
