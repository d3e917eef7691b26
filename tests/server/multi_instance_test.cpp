// Several Linkway processes on one PostgreSQL database: sessions, the sign-in throttle,
// idempotency keys and in-memory caches work across them, and killing one loses nothing it
// acknowledged. PostgreSQL only (an SQLite file belongs to one process).
#include <gtest/gtest.h>
#include <signal.h>

#include <atomic>
#include <boost/json.hpp>
#include <chrono>
#include <mutex>
#include <thread>

#include "server/process.hpp"
#include "server/referrals.hpp"
#include "support/http_client.hpp"
#include "support/test_world.hpp"

namespace linkway::testing {
namespace {

namespace json = boost::json;

class MultiInstance : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!scratch.postgres()) GTEST_SKIP() << "several instances need PostgreSQL";
    PopulateWorldAt(scratch.url());
  }
  ScratchDb scratch;
};

TEST_F(MultiInstance, SessionsThrottleKeysAndCachesWorkAcrossInstances) {
  ServeProcess a(scratch.url(), FreePort());
  ServeProcess b(scratch.url(), FreePort());
  Client ca("127.0.0.1", a.port());
  Client cb("127.0.0.1", b.port());

  // A session made on one instance works on the other, and signing out on it ends it on both.
  auto signin =
      ca.Send("POST", "/api/v1/session", R"({"username":"gp1","password":"correct horse battery"})",
              {{"Content-Type", "application/json"}});
  ASSERT_EQ(signin.status, 200) << signin.body;
  cb.SetCookie(CookiePair(signin.Header("set-cookie")));
  EXPECT_EQ(cb.Json("GET", "/api/v1/referrals").status, 200);

  // The throttle counts failures made on either instance: it slows this address down after
  // five, though each instance alone has seen fewer. (A slowed try waits a second or more; a
  // second can pass between tries, so count until the first refusal.)
  Client xa("127.0.0.1", a.port());
  Client xb("127.0.0.1", b.port());
  const std::string wrong = R"({"username":"gp2","password":"wrong password"})";
  int failed = 0;
  testing::HttpResult slowed;
  for (int i = 0; i < 12 && slowed.status == 0; ++i) {
    Client& c = i % 2 ? xb : xa;
    auto r = c.Json("POST", "/api/v1/session", wrong);
    if (r.status == 401) {
      ++failed;
    } else {
      slowed = r;
    }
  }
  EXPECT_EQ(slowed.status, 429);
  EXPECT_GE(failed, 5);
  EXPECT_LE(failed, 9);  // so neither instance alone saw five
  EXPECT_FALSE(slowed.Header("retry-after").empty());

  // An idempotency key used on one instance replays on the other.
  std::string token = MakeToken(scratch.url(), "gpsystem");
  ca.SetBearer(token);
  cb.SetBearer(token);
  auto first =
      ca.Json("POST", "/api/v1/referrals", ReferralBody("Key"), {{"Idempotency-Key", "k-1"}});
  ASSERT_EQ(first.status, 201) << first.body;
  auto again =
      cb.Json("POST", "/api/v1/referrals", ReferralBody("Key"), {{"Idempotency-Key", "k-1"}});
  EXPECT_EQ(again.Header("idempotent-replayed"), "true");
  EXPECT_EQ(json::parse(again.body).at("id"), json::parse(first.body).at("id"));
  EXPECT_EQ(
      cb.Json("POST", "/api/v1/referrals", ReferralBody("Other"), {{"Idempotency-Key", "k-1"}})
          .status,
      409);

  // Instance A caches the organisations; a practice added elsewhere (here, by this process
  // as a third instance) is known to A within a second.
  auto db = OpenDatabase(scratch.url());
  ASSERT_TRUE(db.ok()) << db.status().message();
  ASSERT_TRUE(Organisations(**db).Put({"P9", OrgKind::kPractice, "Ninth", "PCN1", ""}).ok());
  User user;
  user.username = "gp9";
  user.display_name = "GP Nine";
  user.org_code = "P9";
  user.profession = "gp";
  ASSERT_TRUE(AuthStore(**db).AddUser(user).ok());
  Client c9("127.0.0.1", a.port());
  c9.SetBearer(MakeToken(scratch.url(), "gp9"));
  auto start = std::chrono::steady_clock::now();
  int status = 0;
  while (std::chrono::steady_clock::now() - start < std::chrono::seconds(1)) {
    status = c9.Json("POST", "/api/v1/referrals", ReferralBody("Nine", "P9")).status;
    if (status == 201) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_EQ(status, 201) << "instance A did not see the new practice within 1 s";
}

TEST_F(MultiInstance, KillingOneInstanceLosesNothingAcknowledged) {
  std::string token = MakeToken(scratch.url(), "gpsystem");
  ServeProcess a(scratch.url(), FreePort());
  ServeProcess b(scratch.url(), FreePort());
  std::map<std::string, std::int64_t> acknowledged;  // given name -> id
  std::mutex mutex;
  std::atomic<bool> stop{false};
  std::vector<std::thread> clients;
  for (int t = 0; t < 16; ++t) {
    clients.emplace_back([&, t] {
      ServeProcess& server = t % 2 ? b : a;
      Client c("127.0.0.1", server.port());
      c.SetBearer(token);
      for (int i = 0; !stop; ++i) {
        std::string given = "T" + std::to_string(t) + "N" + std::to_string(i);
        auto r =
            c.Json("POST", "/api/v1/referrals", ReferralBody(given), {{"Idempotency-Key", given}});
        if (r.status == 0) return;  // this client's instance is gone
        if (r.status == 201) {
          std::lock_guard lock(mutex);
          acknowledged[given] = json::parse(r.body).at("id").as_int64();
        }
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(700));
  a.Kill(SIGKILL);
  std::this_thread::sleep_for(std::chrono::milliseconds(500));  // B carries on meanwhile
  stop = true;
  for (auto& c : clients) c.join();
  ASSERT_GT(acknowledged.size(), 50u);
  ExpectEachAcknowledgedOnce(scratch.url(), acknowledged);
}

}  // namespace
}  // namespace linkway::testing
