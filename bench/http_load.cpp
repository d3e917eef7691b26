#include "http_load.hpp"

#include <chrono>
#include <latch>
#include <thread>

#include "support/http_client.hpp"

namespace linkway::bench {
namespace {

using Clock = std::chrono::steady_clock;

struct ClientTally {
  std::size_t ok = 0;
  std::map<int, std::size_t> failures;
  std::vector<double> latencies_ms;
};

}  // namespace

LoadResult RunLoad(const LoadSpec& spec, int clients, double seconds) {
  std::vector<ClientTally> tallies(static_cast<std::size_t>(clients));
  std::latch ready(clients + 1);
  std::latch go(1);
  Clock::time_point deadline;
  std::vector<std::thread> threads;
  threads.reserve(tallies.size());
  for (auto& tally : tallies) {
    threads.emplace_back([&spec, &tally, &ready, &go, &deadline] {
      testing::Client client(spec.host, spec.port);
      client.SetBearer(spec.bearer);
      client.Send("GET", "/healthz");
      tally.latencies_ms.reserve(1 << 16);
      ready.count_down();
      go.wait();
      for (auto now = Clock::now(); now < deadline;) {
        testing::HttpResult answer = client.Json(spec.method, spec.target, spec.body);
        auto done = Clock::now();
        if (answer.status == spec.expect_status) {
          ++tally.ok;
          tally.latencies_ms.push_back(
              std::chrono::duration<double, std::milli>(done - now).count());
        } else {
          ++tally.failures[answer.status];
        }
        now = done;
      }
    });
  }
  ready.arrive_and_wait();
  auto start = Clock::now();
  deadline =
      start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
  go.count_down();
  for (auto& t : threads) t.join();

  LoadResult result;
  result.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  for (auto& tally : tallies) {
    result.ok += tally.ok;
    for (auto [status, count] : tally.failures) result.failures[status] += count;
    result.latencies_ms.insert(result.latencies_ms.end(), tally.latencies_ms.begin(),
                               tally.latencies_ms.end());
  }
  return result;
}

}  // namespace linkway::bench
