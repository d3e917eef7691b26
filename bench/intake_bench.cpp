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
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "bench_stats.hpp"
#include "http_load.hpp"
#include "intake_server.hpp"
#include "machine.hpp"
#include "raw_sqlite.hpp"
#include "support/http_client.hpp"

namespace linkway::bench {
namespace {

constexpr int kLevels[] = {1, 8, 64};
constexpr double kAimRatio = 5.0;
constexpr double kAimP99Ms = 50.0;

struct Options {
  double seconds = 5;
  int rounds = 3;
  std::filesystem::path dir = std::filesystem::current_path();
};

constexpr char kUsage[] = "usage: linkway_bench [--seconds N] [--rounds R] [--dir PATH]\n";

Options ParseArgs(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      std::fputs(kUsage, stdout);
      std::exit(0);
    }
    if (i + 1 >= argc) throw std::invalid_argument(arg + " needs a value");
    std::string value = argv[++i];
    if (arg == "--seconds") {
      options.seconds = std::stod(value);
    } else if (arg == "--rounds") {
      options.rounds = std::stoi(value);
    } else if (arg == "--dir") {
      options.dir = value;
    } else {
      throw std::invalid_argument("unknown option " + arg);
    }
  }
  if (options.seconds <= 0 || options.rounds < 1) {
    throw std::invalid_argument("--seconds and --rounds must be positive");
  }
  return options;
}

// A fresh folder for this run's databases, removed with everything in it at the end.
class WorkDir {
 public:
  explicit WorkDir(const std::filesystem::path& parent) {
    std::random_device rd;
    path_ = std::filesystem::absolute(parent) / ("linkway-bench-" + std::to_string(rd()));
    std::filesystem::create_directories(path_);
  }
  ~WorkDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  WorkDir(const WorkDir&) = delete;
  WorkDir& operator=(const WorkDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// One measurement (the raw limit or one client level) in one round.
struct Figures {
  double rate = 0;   // referrals (or raw rows) committed per second
  double ratio = 0;  // rate / the raw rate of the same round
  double p50_ms = 0;
  double p99_ms = 0;
  double commits_per_s = 0;  // durable COMMITs per second
  double per_commit = 0;     // rows or referrals per COMMIT
  double cpu_busy = 0;       // CPU seconds per second, server and clients together
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
      batches > 0 ? static_cast<double>(writes_after.jobs - writes_before.jobs) / batches : 0;
  f.cpu_busy = cpu / load.seconds;
  return f;
}

Figures MedianOf(const std::vector<Figures>& rounds) {
  auto median = [&rounds](double Figures::*field) {
    std::vector<double> values;
    for (const auto& f : rounds) values.push_back(f.*field);
    return Median(values);
  };
  return {median(&Figures::rate),    median(&Figures::ratio),         median(&Figures::p50_ms),
          median(&Figures::p99_ms),  median(&Figures::commits_per_s), median(&Figures::per_commit),
          median(&Figures::cpu_busy)};
}

void PrintRow(const std::string& name, const Figures& f) {
  double cpu_ms_each = f.rate > 0 ? f.cpu_busy * 1000 / f.rate : 0;
  std::printf("%-22s %9.0f %7.2fx %8.2f %8.2f %10.0f %8.1f %6.2f %7.3f\n", name.c_str(), f.rate,
              f.ratio, f.p50_ms, f.p99_ms, f.commits_per_s, f.per_commit, f.cpu_busy, cpu_ms_each);
}

void PrintHeader() {
  std::printf("%-22s %9s %8s %8s %8s %10s %8s %6s %7s\n", "", "per s", "vs raw", "p50 ms", "p99 ms",
              "commits/s", "per cmt", "CPU", "CPU ms");
}

std::string LevelName(int clients) {
  return "intake, " + std::to_string(clients) + (clients == 1 ? " client" : " clients");
}

int Run(const Options& options) {
  WorkDir work(options.dir);
  DiskInfo disk = DescribeDisk(work.path());
  std::printf(
      "linkway_bench: durable referral intake over HTTP vs SQLite's one-commit-per-row "
      "limit, same run, same disk\n");
  std::printf("machine: %s\n", DescribeCpus().c_str());
  std::printf("disk:    %s (%s, %s, write cache: %s) mounted at %s\n", disk.device.c_str(),
              disk.fs_type.c_str(), disk.rotational.c_str(), disk.write_cache.c_str(),
              disk.mount_point.c_str());
  std::printf("files:   %s\n", work.path().c_str());
  if (disk.in_memory()) std::printf("WARNING: this folder is in memory; fsync costs nothing\n");
  std::printf("runs:    %d round(s); in each, the raw limit then 1, 8, 64 clients, %.1f s each\n",
              options.rounds, options.seconds);
  std::printf("load:    %s (1, 5, 15 min) at the start\n", LoadAverage().c_str());
  std::printf(
      "note:    clients and server share this machine's CPUs (one process). CPU: cores\n"
      "         busy in this process; CPU ms: CPU time per referral (or raw commit)\n\n");
  std::fflush(stdout);

  IntakeServer intake(work.path() / "linkway.db");
  {
    testing::Client probe("127.0.0.1", intake.Spec().port);
    probe.SetBearer(intake.Spec().bearer);
    auto answer = probe.Json("POST", "/api/v1/referrals", kReferral);
    if (answer.status != 201) {
      std::fprintf(stderr, "linkway_bench: a referral got %d, not 201: %s\n", answer.status,
                   answer.body.c_str());
      return 1;
    }
  }

  std::vector<Figures> raw_rounds;
  std::vector<std::vector<Figures>> level_rounds(std::size(kLevels));
  std::map<int, std::size_t> failures[std::size(kLevels)];
  for (int round = 1; round <= options.rounds; ++round) {
    std::printf("round %d\n", round);
    PrintHeader();
    auto raw_file = work.path() / ("raw-" + std::to_string(round) + ".db");
    raw_rounds.push_back(MeasureRaw(raw_file, options.seconds));
    PrintRow("raw SQLite, 1 row/cmt", raw_rounds.back());
    for (std::size_t i = 0; i < std::size(kLevels); ++i) {
      level_rounds[i].push_back(
          MeasureIntake(intake, kLevels[i], options.seconds, raw_rounds.back().rate, failures[i]));
      PrintRow(LevelName(kLevels[i]), level_rounds[i].back());
      std::fflush(stdout);
    }
    std::printf("\n");
  }

  std::printf("median of %d round(s)\n", options.rounds);
  PrintHeader();
  PrintRow("raw SQLite, 1 row/cmt", MedianOf(raw_rounds));
  for (std::size_t i = 0; i < std::size(kLevels); ++i) {
    PrintRow(LevelName(kLevels[i]), MedianOf(level_rounds[i]));
  }
  for (std::size_t i = 0; i < std::size(kLevels); ++i) {
    for (auto [status, count] : failures[i]) {
      std::printf("non-201 answers at %d clients: %zu x %s\n", kLevels[i], count,
                  status == 0 ? "connection failed" : std::to_string(status).c_str());
    }
  }
  std::printf("load:    %s (1, 5, 15 min) at the end, this run's own threads included\n",
              LoadAverage().c_str());
  Figures top = MedianOf(level_rounds.back());
  bool met = top.ratio >= kAimRatio && top.p99_ms < kAimP99Ms;
  std::printf("aim at 64 clients: >= %.1fx raw and p99 < %.0f ms: %s (%.2fx, p99 %.2f ms)\n",
              kAimRatio, kAimP99Ms, met ? "met" : "not met", top.ratio, top.p99_ms);
  return 0;
}

}  // namespace
}  // namespace linkway::bench

int main(int argc, char** argv) {
  try {
    return linkway::bench::Run(linkway::bench::ParseArgs(argc, argv));
  } catch (const std::invalid_argument& e) {
    std::fprintf(stderr, "linkway_bench: %s\n%s", e.what(), linkway::bench::kUsage);
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "linkway_bench: %s\n", e.what());
    return 1;
  }
}
