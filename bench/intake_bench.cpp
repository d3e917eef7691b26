// linkway_bench: durable referral intake over HTTP at 1, 8 and 64 concurrent clients, printed
// beside the limit it is measured against, taken in the same run on the same disk: SQLite
// committing one row per durable transaction (WAL, synchronous=FULL) from one thread.
//
// Linkway acknowledges a referral only once it is on disk; its writer batches the writes that
// arrive together into one durable COMMIT (group commit), so with many clients it should beat
// one-commit-per-row. The aim at 64 clients: at least 5x the raw rate with p99 under 50 ms.
//
// Usage: linkway_bench [--seconds N] [--rounds R] [--dir PATH]
// Each round measures the raw limit, then each client level, for N seconds each; the table
// shows the median of the rounds. Files go in a fresh folder under PATH (default: the current
// folder; not /tmp, which may be in memory), removed at the end.
#include <fmt/core.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <random>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "bench_args.hpp"
#include "bench_stats.hpp"
#include "http_load.hpp"
#include "intake_server.hpp"
#include "machine.hpp"
#include "raw_sqlite.hpp"
#include "support/http_client.hpp"

namespace linkway::bench {
namespace {

constexpr std::array kLevels{1, 8, 64};
constexpr double kAimRatio = 5.0;
constexpr double kAimP99Ms = 50.0;

using Options = CommonOptions;

constexpr std::string_view kUsage =
    "usage: linkway_bench [--seconds N] [--rounds R] [--dir PATH]\n";

Options ParseArgs(int argc, char** argv) {
  Options options;
  ParseCommon(argc, argv, kUsage, options);
  return options;
}

// One measurement (the raw limit or one client level) in one round.
struct Figures {
  double rate = 0;   // referrals (or raw rows) committed per second
  double ratio = 0;  // rate / the raw rate of the same round
  double p50_ms = 0;
  double p99_ms = 0;
  double commits_per_s = 0;  // durable COMMITs per second
  double per_commit = 0;     // rows or referrals per COMMIT
  double cpu_busy = 0;       // CPU seconds per second, server and clients together
  double cpu_ms_each = 0;    // CPU milliseconds per referral (or raw row)
};

Figures MeasureRaw(const std::filesystem::path& db_file, double seconds) {
  double cpu_before = ProcessCpuSeconds();
  RawResult raw = RunRawCommits(db_file, seconds);
  Figures f;
  f.rate = static_cast<double>(raw.commits) / raw.seconds;
  f.ratio = 1;
  f.p50_ms = Percentile(raw.latencies_ms, 50);
  f.p99_ms = Percentile(raw.latencies_ms, 99);
  f.commits_per_s = f.rate;
  f.per_commit = 1;
  f.cpu_busy = (ProcessCpuSeconds() - cpu_before) / raw.seconds;
  f.cpu_ms_each = f.rate > 0 ? f.cpu_busy * 1000 / f.rate : 0;
  return f;
}

Figures MeasureIntake(IntakeServer& intake, int clients, double seconds, double raw_rate,
                      std::map<int, std::size_t>& failures) {
  auto writes_before = intake.WriterStats();
  double cpu_before = ProcessCpuSeconds();
  LoadResult load = RunLoad(intake.Spec(), clients, seconds);
  double cpu = ProcessCpuSeconds() - cpu_before;
  auto writes_after = intake.WriterStats();
  for (auto [status, count] : load.failures) failures[status] += count;
  Figures f;
  f.rate = static_cast<double>(load.ok) / load.seconds;
  f.ratio = f.rate / raw_rate;
  f.p50_ms = Percentile(load.latencies_ms, 50);
  f.p99_ms = Percentile(load.latencies_ms, 99);
  auto batches = static_cast<double>(writes_after.batches - writes_before.batches);
  f.commits_per_s = batches / load.seconds;
  f.per_commit =
      batches > 0 ? static_cast<double>(writes_after.writes - writes_before.writes) / batches : 0;
  f.cpu_busy = cpu / load.seconds;
  f.cpu_ms_each = f.rate > 0 ? f.cpu_busy * 1000 / f.rate : 0;
  return f;
}

Figures MedianOf(const std::vector<Figures>& rounds) {
  auto median = [&rounds](double Figures::*field) {
    std::vector<double> values;
    values.reserve(rounds.size());
    for (const auto& f : rounds) values.push_back(f.*field);
    return Median(values);
  };
  return {median(&Figures::rate),     median(&Figures::ratio),         median(&Figures::p50_ms),
          median(&Figures::p99_ms),   median(&Figures::commits_per_s), median(&Figures::per_commit),
          median(&Figures::cpu_busy), median(&Figures::cpu_ms_each)};
}

void PrintRow(std::string_view name, const Figures& f) {
  fmt::print("{:<22} {:9.0f} {:7.2f}x {:8.2f} {:8.2f} {:10.0f} {:8.1f} {:6.2f} {:7.3f}\n", name,
             f.rate, f.ratio, f.p50_ms, f.p99_ms, f.commits_per_s, f.per_commit, f.cpu_busy,
             f.cpu_ms_each);
}

void PrintHeader() {
  fmt::print("{:<22} {:>9} {:>8} {:>8} {:>8} {:>10} {:>8} {:>6} {:>7}\n", "", "per s", "vs raw",
             "p50 ms", "p99 ms", "commits/s", "per cmt", "CPU", "CPU ms");
}

// One client level across the rounds.
struct Level {
  int clients = 0;
  std::vector<Figures> rounds;
  std::map<int, std::size_t> failures;  // non-201 answers by status; 0: connection failed
  [[nodiscard]] std::string Name() const {
    return "intake, " + std::to_string(clients) + (clients == 1 ? " client" : " clients");
  }
};

void PrintPreamble(const Options& options, const std::filesystem::path& work) {
  DiskInfo disk = DescribeDisk(work);
  fmt::print(
      "linkway_bench: durable referral intake over HTTP vs SQLite's one-commit-per-row limit, "
      "same run, same disk\n");
  fmt::print("machine: {}\n", DescribeCpus());
  fmt::print("disk:    {} ({}, {}, write cache: {}) mounted at {}\n", disk.device, disk.fs_type,
             disk.rotational, disk.write_cache, disk.mount_point);
  fmt::print("files:   {}\n", work.string());
  if (disk.InMemory()) fmt::print("WARNING: this folder is in memory; fsync costs nothing\n");
  fmt::print("runs:    {} round(s); in each, the raw limit then 1, 8, 64 clients, {:.1f} s each\n",
             options.rounds, options.seconds);
  fmt::print("load:    {} (1, 5, 15 min) at the start\n", LoadAverage());
  fmt::print(
      "note:    clients and server share this machine's CPUs (one process). CPU: cores\n"
      "         busy in this process; CPU ms: CPU time per referral (or raw commit)\n\n");
  std::fflush(stdout);
}

int Run(const Options& options) {
  WorkDir work(options.dir);
  PrintPreamble(options, work.Path());
  IntakeServer intake("sqlite:" + (work.Path() / "linkway.db").string());
  if (!intake.Probe()) return 1;

  std::vector<Figures> raw_rounds;
  std::vector<Level> levels;
  levels.reserve(kLevels.size());
  for (int clients : kLevels) levels.push_back({clients, {}, {}});
  for (int round = 1; round <= options.rounds; ++round) {
    fmt::print("round {}\n", round);
    PrintHeader();
    auto raw_file = work.Path() / ("raw-" + std::to_string(round) + ".db");
    raw_rounds.push_back(MeasureRaw(raw_file, options.seconds));
    PrintRow("raw SQLite, 1 row/cmt", raw_rounds.back());
    for (Level& level : levels) {
      level.rounds.push_back(MeasureIntake(intake, level.clients, options.seconds,
                                           raw_rounds.back().rate, level.failures));
      PrintRow(level.Name(), level.rounds.back());
      std::fflush(stdout);
    }
    fmt::print("\n");
  }

  fmt::print("median of {} round(s), column by column\n", options.rounds);
  PrintHeader();
  PrintRow("raw SQLite, 1 row/cmt", MedianOf(raw_rounds));
  for (const Level& level : levels) PrintRow(level.Name(), MedianOf(level.rounds));
  for (const Level& level : levels) {
    for (auto [status, count] : level.failures) {
      fmt::print("non-201 answers at {} clients: {} x {}\n", level.clients, count,
                 status == 0 ? "connection failed" : std::to_string(status));
    }
  }
  fmt::print("load:    {} (1, 5, 15 min) at the end, this run's own threads included\n",
             LoadAverage());
  Figures top = MedianOf(levels.back().rounds);
  bool met = top.ratio >= kAimRatio && top.p99_ms < kAimP99Ms;
  fmt::print("aim at 64 clients: >= {:.1f}x raw and p99 < {:.0f} ms: {} ({:.2f}x, p99 {:.2f} ms)\n",
             kAimRatio, kAimP99Ms, met ? "met" : "not met", top.ratio, top.p99_ms);
  return 0;
}

}  // namespace
}  // namespace linkway::bench

int main(int argc, char** argv) {
  try {
    return linkway::bench::Run(linkway::bench::ParseArgs(argc, argv));
  } catch (const std::invalid_argument& e) {
    fmt::print(stderr, "linkway_bench: {}\n{}", e.what(), linkway::bench::kUsage);
    return 2;
  } catch (const std::exception& e) {
    fmt::print(stderr, "linkway_bench: {}\n", e.what());
    return 1;
  }
}
