// Crash safety: SIGKILL the server while many clients send referrals; every referral the
// server acknowledged (201) is there afterwards, exactly once and whole.
#include <gtest/gtest.h>
#include <signal.h>

#include <atomic>
#include <boost/json.hpp>
#include <mutex>
#include <thread>

#include "server/process.hpp"
#include "support/http_client.hpp"
#include "support/test_world.hpp"

namespace linkway::testing {
namespace {

namespace json = boost::json;

std::string Body(const std::string& given) {
  return R"({"patient": {"nhs_number": "943 476 5919", "given_name": ")" + given +
         R"(", "family_name": "Smith", "date_of_birth": "1948-03-02", "postcode": "HR4 7DD",
  "phone": "01432 000000"}, "practice": "P1", "reasons": ["loneliness"],
  "consent": {"referral": true, "share_with_link_worker": true}})";
}

TEST(CrashSafety, SigkillNeverLosesAnAcknowledgedReferral) {
  ScratchDb scratch;
  const std::string& db = scratch.url();
  std::string token;
  {
    auto store = OpenStore(db);
    ASSERT_TRUE(store.ok());
    PopulateWorld(**store);
    FixedClock clock(kNow);
    Auth auth(**store, clock);
    token = *auth.CreateApiToken("gpsystem");
  }
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
          auto r = c.Json("POST", "/api/v1/referrals", Body(given), {{"Idempotency-Key", given}});
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

  auto store = OpenStore(db);
  ASSERT_TRUE(store.ok()) << store.status().message();
  ReferralFilter all;
  all.page_size = 500;
  std::map<std::string, int> seen;
  std::map<std::string, std::int64_t> ids;
  for (int page = 1;; ++page) {
    all.page = page;
    auto list = (*store)->ListReferrals(all);
    ASSERT_TRUE(list.ok());
    for (const auto& r : list->items) {
      ++seen[r.patient.given_name];
      ids[r.patient.given_name] = r.id;
      auto events = (*store)->ListEvents(r.id);
      ASSERT_EQ(events->size(), 1u) << "referral " << r.id << " is half-written";
    }
    if (list->items.size() < 500) break;
  }
  for (const auto& [given, id] : acknowledged) {
    ASSERT_EQ(seen[given], 1) << given << " was acknowledged but is missing or doubled";
    EXPECT_EQ(ids[given], id);
  }
  for (const auto& [given, count] : seen) EXPECT_EQ(count, 1) << given;
}

}  // namespace
}  // namespace linkway::testing
