#include "pg_cluster.hpp"

#include <array>
#include <cstdio>
#include <random>
#include <stdexcept>

namespace linkway::bench {

std::string Shell(const std::string& command) {
  std::string out;
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (!pipe) throw std::runtime_error("cannot run " + command);
  std::array<char, 4096> buffer{};
  while (std::fgets(buffer.data(), buffer.size(), pipe)) out += buffer.data();
  if (pclose(pipe) != 0) throw std::runtime_error(command + " failed:\n" + out);
  return out;
}

std::string PgBin(const std::string& tool) {
  std::string dir = Shell("ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1");
  while (!dir.empty() && dir.back() == '\n') dir.pop_back();
  return dir + "/" + tool;
}

namespace {
std::string Script() { return "bash " LINKWAY_SOURCE_DIR "/tests/pg/cluster.sh"; }
}  // namespace

Cluster::Cluster(const std::filesystem::path& work)
    : data_((work / "pg").string()),
      socket_("/tmp/linkway-bench-pg-" + std::to_string(std::random_device()())) {
  Shell(Script() + " start " + data_ + " " + socket_ + " 5432");
}

Cluster::~Cluster() {
  try {
    Shell(Script() + " stop " + data_ + " " + socket_);
  } catch (const std::exception&) {  // NOLINT(bugprone-empty-catch): best effort at exit
  }
}

}  // namespace linkway::bench
