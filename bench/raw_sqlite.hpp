// The limit the intake figures are measured against: how many durable one-row transactions
// SQLite can commit per second on this disk, one after another from one thread
// (WAL, synchronous=FULL, BEGIN IMMEDIATE; INSERT; COMMIT), with no server in the way.
// Thread safety: plain function.
#pragma once

#include <cstddef>
#include <filesystem>
#include <vector>

namespace linkway::bench {

struct RawResult {
  std::size_t commits = 0;
  double seconds = 0;
  std::vector<double> latencies_ms;  // one per commit, BEGIN to COMMIT returned
};

// Creates `db_file` (which must not exist) with a table shaped like a referral row, commits one
// row per transaction for `seconds`, then deletes the file. Throws std::runtime_error with
// SQLite's message when the database cannot be created or written.
RawResult RunRawCommits(const std::filesystem::path& db_file, double seconds);

}  // namespace linkway::bench
