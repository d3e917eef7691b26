// linkway_pg_bench: durable referral intake over HTTP on PostgreSQL at 1, 8 and 64 clients,
// printed beside pgbench's TPC-B rate at 64 clients on the same server in the same run.
//
// It starts a throwaway PostgreSQL 15 cluster (tests/pg/cluster.sh) with its data under --dir
// (on disk, not /tmp), loads pgbench's tables at --scale, then in each round runs pgbench
// (TPC-B, prepared statements, 64 clients) and the intake levels for N seconds each; the table
// shows the median of the rounds. The aim: intake at 64 clients at or above pgbench's rate.
//
// Usage: linkway_pg_bench [--seconds N] [--rounds R] [--dir PATH] [--scale S] [--pool C]
#include <fmt/core.h>

#include <array>
#include <cstdio>
#include <map>
#include <regex>
#include <stdexcept>
#include <string>
#include <vector>

#include "bench_args.hpp"
#include "bench_stats.hpp"
#include "http_load.hpp"
#include "intake_server.hpp"
#include "machine.hpp"
#include "pg_cluster.hpp"
#include "support/scratch_db.hpp"

namespace linkway::bench {
namespace {

constexpr std::array kLevels{1, 8, 64};
constexpr int kPgbenchClients = 64;

struct Options : CommonOptions {
  int scale = 64;  // pgbench's rule: at least one branch per client
  int pool = 32;   // Linkway's PostgreSQL connections
};

constexpr std::string_view kUsage =
    "usage: linkway_pg_bench [--seconds N] [--rounds R] [--dir PATH] [--scale S] [--pool C]\n";

Options ParseArgs(int argc, char** argv) {
  Options o;
  ParseCommon(argc, argv, kUsage, o, [&o](const std::string& name, const std::string& value) {
    if (name == "--scale") {
      o.scale = std::stoi(value);
    } else if (name == "--pool") {
      o.pool = std::stoi(value);
    } else {
      return false;
    }
    return true;
  });
  if (o.scale < 1 || o.pool < 1) throw std::invalid_argument("--scale and --pool must be positive");
  return o;
}

struct Figures {
  double rate = 0;
  double ratio = 0;  // rate / pgbench's rate of the same round
  double p50_ms = 0;
  double p99_ms = 0;
};

Figures RunPgbench(const Cluster& cluster, double seconds) {
  std::string out = Shell(fmt::format("{} {} -n -M prepared -c {} -j 2 -T {} pgbench",
                                      PgBin("pgbench"), cluster.PgbenchArgs(), kPgbenchClients,
                                      std::max(1, static_cast<int>(seconds))));
  std::smatch m;
  Figures f;
  if (std::regex_search(out, m, std::regex(R"(tps = ([0-9.]+))"))) f.rate = std::stod(m[1]);
  if (std::regex_search(out, m, std::regex(R"(latency average = ([0-9.]+) ms)"))) {
    f.p50_ms = std::stod(m[1]);  // pgbench reports the mean, shown in the p50 column
  }
  if (f.rate == 0) throw std::runtime_error("cannot read pgbench's output:\n" + out);
  f.ratio = 1;
  return f;
}

Figures MeasureIntake(IntakeServer& intake, int clients, double seconds, double reference,
                      std::map<int, std::size_t>& failures) {
  LoadResult load = RunLoad(intake.Spec(), clients, seconds);
  for (auto [status, count] : load.failures) failures[status] += count;
  Figures f;
  f.rate = static_cast<double>(load.ok) / load.seconds;
  f.ratio = f.rate / reference;
  f.p50_ms = Percentile(load.latencies_ms, 50);
  f.p99_ms = Percentile(load.latencies_ms, 99);
  return f;
}

Figures MedianOf(const std::vector<Figures>& rounds) {
  auto median = [&rounds](double Figures::*field) {
    std::vector<double> values;
    for (const auto& f : rounds) values.push_back(f.*field);
    return Median(values);
  };
  return {median(&Figures::rate), median(&Figures::ratio), median(&Figures::p50_ms),
          median(&Figures::p99_ms)};
}

void PrintHeader() {
  fmt::print("{:<26} {:>9} {:>12} {:>8} {:>8}\n", "", "per s", "vs pgbench", "p50 ms", "p99 ms");
}

// pgbench has no p99 here: its row shows "-" there.
void PrintRow(std::string_view name, const Figures& f) {
  std::string p99 = f.p99_ms > 0 ? fmt::format("{:8.2f}", f.p99_ms) : fmt::format("{:>8}", "-");
  fmt::print("{:<26} {:9.0f} {:11.2f}x {:8.2f} {}\n", name, f.rate, f.ratio, f.p50_ms, p99);
}

int Run(const Options& o) {
  WorkDir work(o.dir);
  DiskInfo disk = DescribeDisk(work.Path());
  fmt::print(
      "linkway_pg_bench: durable referral intake over HTTP on PostgreSQL vs pgbench TPC-B, "
      "same server, same run\n");
  fmt::print("machine: {}\n", DescribeCpus());
  fmt::print("disk:    {} ({}) mounted at {}; cluster data in {}\n", disk.device, disk.fs_type,
             disk.mount_point, work.Path().string());
  fmt::print("server:  {}", Shell(PgBin("postgres") + " --version"));
  fmt::print(
      "runs:    {} round(s); in each, pgbench (TPC-B, {} clients, -j 2, prepared, scale "
      "{}) then intake at 1, 8, 64 clients; {:.0f} s each; Linkway pool {} connections\n",
      o.rounds, kPgbenchClients, o.scale, o.seconds, o.pool);
  fmt::print(
      "note:    everything shares this machine's CPUs: PostgreSQL, pgbench or Linkway's\n"
      "         server and its load generator (one process). pgbench prints its mean\n"
      "         latency, shown under p50; it has no p99 here.\n");
  fmt::print("load:    {} (1, 5, 15 min) at the start\n\n", LoadAverage());
  std::fflush(stdout);

  Cluster cluster(work.Path());
  testing::PgExec(cluster.Url("postgres"), "CREATE DATABASE pgbench");
  testing::PgExec(cluster.Url("postgres"), "CREATE DATABASE linkway");
  Shell(fmt::format("{} {} -i -q -s {} pgbench", PgBin("pgbench"), cluster.PgbenchArgs(), o.scale));
  IntakeServer intake(cluster.Url("linkway"), sql::Options{.pg_connections = o.pool});
  if (!intake.Probe()) return 1;

  std::vector<Figures> reference;
  std::map<int, std::vector<Figures>> levels;
  std::map<int, std::map<int, std::size_t>> failures;
  for (int round = 1; round <= o.rounds; ++round) {
    fmt::print("round {}\n", round);
    PrintHeader();
    reference.push_back(RunPgbench(cluster, o.seconds));
    PrintRow("pgbench TPC-B, 64 clients", reference.back());
    for (int clients : kLevels) {
      levels[clients].push_back(
          MeasureIntake(intake, clients, o.seconds, reference.back().rate, failures[clients]));
      PrintRow(fmt::format("intake, {} client{}", clients, clients == 1 ? "" : "s"),
               levels[clients].back());
      std::fflush(stdout);
    }
    fmt::print("\n");
  }
  fmt::print("median of {} round(s), column by column\n", o.rounds);
  PrintHeader();
  PrintRow("pgbench TPC-B, 64 clients", MedianOf(reference));
  for (int clients : kLevels) {
    PrintRow(fmt::format("intake, {} client{}", clients, clients == 1 ? "" : "s"),
             MedianOf(levels[clients]));
    for (auto [status, count] : failures[clients]) {
      fmt::print("non-201 answers at {} clients: {} x {}\n", clients, count,
                 status == 0 ? "connection failed" : std::to_string(status));
    }
  }
  fmt::print("load:    {} (1, 5, 15 min) at the end\n", LoadAverage());
  Figures top = MedianOf(levels[64]);
  fmt::print("aim at 64 clients: intake >= pgbench TPC-B: {} ({:.2f}x)\n",
             top.ratio >= 1 ? "met" : "not met", top.ratio);
  return 0;
}

}  // namespace
}  // namespace linkway::bench

int main(int argc, char** argv) {
  try {
    return linkway::bench::Run(linkway::bench::ParseArgs(argc, argv));
  } catch (const std::invalid_argument& e) {
    fmt::print(stderr, "linkway_pg_bench: {}\n{}", e.what(), linkway::bench::kUsage);
    return 2;
  } catch (const std::exception& e) {
    fmt::print(stderr, "linkway_pg_bench: {}\n", e.what());
    return 1;
  }
}
