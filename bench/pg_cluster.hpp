// A throwaway PostgreSQL cluster for the benchmarks (tests/pg/cluster.sh): data on disk under
// the work folder, a Unix socket in a short folder of its own; removed when the object goes.
// Thread safety: construct and destroy on one thread; Url from any.
#pragma once

#include <filesystem>
#include <string>

namespace linkway::bench {

// Runs `command` in a shell and returns what it printed; throws std::runtime_error when it
// fails, with that output.
std::string Shell(const std::string& command);
// The path of a PostgreSQL program ("pgbench") of the newest installed version.
std::string PgBin(const std::string& tool);

class Cluster {
 public:
  explicit Cluster(const std::filesystem::path& work);
  ~Cluster();
  Cluster(const Cluster&) = delete;
  Cluster& operator=(const Cluster&) = delete;
  // A libpq URL for database `db`.
  std::string Url(const std::string& db) const {
    return "postgresql:///" + db + "?host=" + socket_ + "&port=5432&user=linkway";
  }
  // The same as libpq keywords ("dbname=... host=..."), for clients that take those.
  std::string Keywords(const std::string& db) const {
    return "dbname=" + db + " host=" + socket_ + " port=5432 user=linkway";
  }
  std::string PgbenchArgs() const { return "-h " + socket_ + " -p 5432 -U linkway"; }

 private:
  std::string data_;
  std::string socket_;
};

}  // namespace linkway::bench
