// The sign-in attack of the hardening issue (finding 1), measured: `linkway serve` in a child
// process on a fresh database, then 64 clients sign in at once with random usernames while one
// more asks /healthz every 50 ms. Prints the server's peak memory (VmHWM) and /healthz latency
// at rest and under attack, and how the sign-ins were answered.
//
// Two attacks: from one address, and from 64 addresses (through --trust-proxy and
// X-Forwarded-For, as a spread-out attack would arrive behind a proxy).
//   linkway_signin_attack_bench --binary build/release/linkway --seconds 10
#include <fmt/core.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "bench_args.hpp"
#include "bench_stats.hpp"
#include "machine.hpp"
#include "support/http_client.hpp"

namespace linkway::bench {
namespace {

using Steady = std::chrono::steady_clock;

unsigned short PortFor(int n) { return static_cast<unsigned short>(18600 + getpid() % 500 + n); }

// Kibibytes from a "Name:   1234 kB" line of /proc/PID/status; 0 when gone.
long StatusKib(pid_t pid, const std::string& name) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(name + ":", 0) == 0) return std::stol(line.substr(name.size() + 1));
  }
  return 0;
}

struct Server {
  pid_t pid = -1;
  unsigned short port = 0;
  ~Server() {
    if (pid > 0) {
      kill(pid, SIGTERM);
      waitpid(pid, nullptr, 0);
    }
  }
};

void Start(Server& s, const std::string& binary, const std::filesystem::path& db,
           unsigned short port, bool trust_proxy) {
  std::vector<std::string> args = {binary,      "serve",    "--db",
                                   db.string(), "--listen", "127.0.0.1:" + std::to_string(port)};
  if (trust_proxy) args.emplace_back("--trust-proxy");
  s.port = port;
  std::fflush(stdout);  // or the child writes what is buffered a second time
  s.pid = fork();
  if (s.pid == 0) {
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    freopen("/dev/null", "w", stdout);
    execv(argv[0], argv.data());
    _exit(127);
  }
  for (int i = 0; i < 400; ++i) {
    testing::Client c("127.0.0.1", port);
    if (c.Send("GET", "/healthz").status == 200) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  throw std::runtime_error("the server did not answer /healthz");
}

// /healthz latencies in ms, one every 50 ms, until `stop`.
std::vector<double> Probe(unsigned short port, const std::atomic<bool>& stop) {
  std::vector<double> ms;
  testing::Client c("127.0.0.1", port);
  while (!stop) {
    auto t0 = Steady::now();
    c.Send("GET", "/healthz");
    ms.push_back(std::chrono::duration<double, std::milli>(Steady::now() - t0).count());
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return ms;
}

struct Outcome {
  long rest_kib = 0;
  long peak_kib = 0;
  double rest_p50 = 0, rest_p99 = 0, attack_p50 = 0, attack_p99 = 0;
  std::map<int, long> answers;
  double seconds = 0;
};

Outcome Attack(const std::string& binary, const std::filesystem::path& db, unsigned short port,
               bool spread, double seconds, int clients) {
  Server server;
  Start(server, binary, db, port, spread);
  Outcome out;
  {
    std::atomic<bool> stop{false};
    std::thread probe([&] {
      auto ms = Probe(port, stop);
      out.rest_p50 = Percentile(ms, 50);
      out.rest_p99 = Percentile(ms, 99);
    });
    std::this_thread::sleep_for(std::chrono::seconds(2));
    stop = true;
    probe.join();
  }
  out.rest_kib = StatusKib(server.pid, "VmRSS");
  std::atomic<bool> stop{false};
  std::mutex mutex;
  std::vector<std::thread> attackers;
  for (int i = 0; i < clients; ++i) {
    attackers.emplace_back([&, i] {
      std::mt19937_64 random(static_cast<unsigned>(i) * 7919U + 1U);
      testing::Client c("127.0.0.1", port);
      std::map<int, long> answers;
      std::map<std::string, std::string> headers = {{"Content-Type", "application/json"}};
      if (spread) headers["X-Forwarded-For"] = fmt::format("198.51.100.{}", i + 1);
      while (!stop) {
        std::string body =
            fmt::format(R"({{"username":"u{:x}","password":"guess {:x}"}})", random(), random());
        ++answers[c.Send("POST", "/api/v1/session", body, headers).status];
      }
      std::lock_guard lock(mutex);
      for (auto [status, n] : answers) out.answers[status] += n;
    });
  }
  std::atomic<bool> probe_stop{false};
  std::vector<double> attack_ms;
  std::thread probe([&] { attack_ms = Probe(port, probe_stop); });
  auto started = Steady::now();
  std::atomic<long> peak{0};
  while (std::chrono::duration<double>(Steady::now() - started).count() < seconds) {
    peak = std::max(peak.load(), StatusKib(server.pid, "VmRSS"));
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  stop = true;
  for (auto& t : attackers) t.join();
  probe_stop = true;
  probe.join();
  out.seconds = std::chrono::duration<double>(Steady::now() - started).count();
  out.peak_kib = std::max(peak.load(), StatusKib(server.pid, "VmHWM"));
  out.attack_p50 = Percentile(attack_ms, 50);
  out.attack_p99 = Percentile(attack_ms, 99);
  return out;
}

void Print(const char* name, const Outcome& o) {
  fmt::print("{}\n", name);
  fmt::print("  memory (RSS): {:.0f} MiB at rest, {:.0f} MiB at peak under attack\n",
             o.rest_kib / 1024.0, o.peak_kib / 1024.0);
  fmt::print(
      "  /healthz: p50 {:.1f} ms, p99 {:.1f} ms at rest; p50 {:.1f} ms, p99 {:.1f} ms "
      "under attack\n",
      o.rest_p50, o.rest_p99, o.attack_p50, o.attack_p99);
  fmt::print("  sign-ins answered in {:.1f} s:", o.seconds);
  for (auto [status, n] : o.answers) fmt::print(" {} x{}", status, n);
  fmt::print("\n");
}

}  // namespace
}  // namespace linkway::bench

int main(int argc, char** argv) {
  using namespace linkway::bench;
  CommonOptions common;
  common.seconds = 10;
  std::string binary = "build/release/linkway";
  int clients = 64;
  ParseCommon(argc, argv,
              "linkway_signin_attack_bench [--binary PATH] [--clients N] [--seconds S] "
              "[--dir PATH]",
              common, [&](const std::string& name, const std::string& value) {
                if (name == "--binary") binary = value;
                if (name == "--clients") clients = std::stoi(value);
                return name == "--binary" || name == "--clients";
              });
  fmt::print("Sign-in attack: {} clients, random usernames, {} s each, against {}\n", clients,
             common.seconds, binary);
  fmt::print("machine: {}; load {}\n", DescribeCpus(), LoadAverage());
  WorkDir dir(common.dir);
  auto one = Attack(binary, dir.Path() / "one.db", PortFor(0), false, common.seconds, clients);
  Print("From one address:", one);
  auto spread = Attack(binary, dir.Path() / "spread.db", PortFor(1), true, common.seconds, clients);
  Print(fmt::format("From {} addresses (behind a trusted proxy):", clients).c_str(), spread);
  return 0;
}
