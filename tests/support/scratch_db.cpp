#include "support/scratch_db.hpp"

#include <libpq-fe.h>

#include <cstdlib>
#include <random>
#include <stdexcept>

namespace linkway::testing {

TempDir::TempDir() {
  std::random_device rd;
  path_ = std::filesystem::temp_directory_path() /
          ("linkway-test-" + std::to_string(rd()) + std::to_string(rd()));
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::string TestPgUrl() {
  const char* url = std::getenv("LINKWAY_TEST_PG");
  return url ? url : "";
}

void PgExec(const std::string& url, const std::string& sql) {
  PGconn* conn = PQconnectdb(url.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string message = PQerrorMessage(conn);
    PQfinish(conn);
    throw std::runtime_error("cannot reach the test PostgreSQL server: " + message);
  }
  PQsetNoticeProcessor(
      conn, [](void*, const char*) {}, nullptr);  // DROP ... CASCADE notices
  PGresult* r = PQexec(conn, sql.c_str());
  ExecStatusType status = PQresultStatus(r);
  std::string message = PQerrorMessage(conn);
  PQclear(r);
  PQfinish(conn);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    throw std::runtime_error("test SQL failed: " + message);
  }
}

ScratchDb::ScratchDb() {
  std::string base = TestPgUrl();
  if (base.empty()) {
    path_ = (dir_.path() / "linkway.db").string();
    url_ = "sqlite:" + path_;
    return;
  }
  std::random_device rd;
  schema_ = "t" + std::to_string(rd()) + std::to_string(rd());
  PgExec(base, "CREATE SCHEMA " + schema_);
  url_ = base + (base.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" +
         schema_;
}

ScratchDb::~ScratchDb() {
  if (schema_.empty()) return;
  try {
    PgExec(TestPgUrl(), "DROP SCHEMA " + schema_ + " CASCADE");
  } catch (const std::exception&) {  // the cluster is removed after the run anyway
  }
}

}  // namespace linkway::testing
