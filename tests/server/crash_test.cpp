// Crash safety: SIGKILL the server while many clients send referrals; every referral the
// server acknowledged (201) is there afterwards, exactly once and whole.
#include <gtest/gtest.h>
#include <signal.h>

#include <atomic>
#include <boost/json.hpp>
#include <mutex>
#include <thread>

#include "server/process.hpp"
#include "server/referrals.hpp"
#include "support/http_client.hpp"
#include "support/test_world.hpp"

namespace linkway::testing {
namespace {

namespace json = boost::json;

TEST(CrashSafety, SigkillNeverLosesAnAcknowledgedReferral) {
  ScratchDb scratch;
  const std::string& db = scratch.url();
  std::string token = PopulateWithToken(db);
  std::map<std::string, std::int64_t> acknowledged;  // given name -> id
  for (int round = 0; round < 3; ++round) {
    unsigned short port = FreePort();
    ServeProcess server(db, port);
    std::atomic<bool> stop{false};
    std::mutex mutex;
    std::vector<std::thread> clients;
    for (int t = 0; t < 16; ++t) {
      clients.emplace_back([&, t] {
        Client c("127.0.0.1", port);
        c.SetBearer(token);
        for (int i = 0; !stop; ++i) {
          std::string given =
              "R" + std::to_string(round) + "T" + std::to_string(t) + "N" + std::to_string(i);
          auto r = c.Json("POST", "/api/v1/referrals", ReferralBody(given),
                          {{"Idempotency-Key", given}});
          if (r.status == 0) return;  // the server is gone
          if (r.status == 201) {
            std::lock_guard lock(mutex);
            acknowledged[given] = json::parse(r.body).at("id").as_int64();
          }
        }
      });
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(400 + 300 * round));
    server.Kill(SIGKILL);
    stop = true;
    for (auto& c : clients) c.join();
  }
  ASSERT_GT(acknowledged.size(), 50u);
  ExpectEachAcknowledgedOnce(db, acknowledged);
}

}  // namespace
}  // namespace linkway::testing
