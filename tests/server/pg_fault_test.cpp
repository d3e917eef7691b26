// Database faults: an unreachable server at start, a server lost while serving (503 with a
// problem body, then service again without a restart, nothing acknowledged lost), and a
// foreign or newer database refused. The lost-server test runs its own PostgreSQL cluster so
// that it can stop and start it.
#include <gtest/gtest.h>
#include <signal.h>

#include <boost/json.hpp>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <mutex>
#include <thread>

#include "server/process.hpp"
#include "server/referrals.hpp"
#include "support/http_client.hpp"
#include "support/test_world.hpp"

namespace linkway::testing {
namespace {

namespace json = boost::json;

std::string Cluster(const std::string& args) {
  return "bash " LINKWAY_SOURCE_DIR "/tests/pg/cluster.sh " + args;
}

// A PostgreSQL cluster of this test's own, in a temporary folder.
class OwnCluster {
 public:
  OwnCluster() : data_((dir_.path() / "pg").string()), socket_((dir_.path() / "s").string()) {
    Run("start " + data_ + " " + socket_ + " 5432");
  }
  ~OwnCluster() { std::system(Cluster("stop " + data_ + " " + socket_).c_str()); }
  void Down() { Run("down " + data_); }
  void Up() { Run("up " + data_ + " " + socket_ + " 5432"); }
  std::string url() const {
    return "postgresql:///postgres?host=" + socket_ + "&port=5432&user=linkway";
  }

 private:
  static void Run(const std::string& args) {
    if (std::system(Cluster(args).c_str()) != 0) throw std::runtime_error("cluster.sh " + args);
  }
  TempDir dir_;
  std::string data_;
  std::string socket_;
};

TEST(DatabaseFaults, UnreachableDatabaseAtStartIsAClearErrorAndNonZeroExit) {
  TempDir dir;
  std::string nowhere =
      "postgresql:///postgres?host=" + (dir.path() / "none").string() + "&port=5432&user=linkway";
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"serve", "--db", nowhere, "--listen", "127.0.0.1:0"},
        std::vector<std::string>{"migrate", "--db", nowhere}}) {
    auto run = RunLinkway(args);
    EXPECT_NE(run.exit_code, 0) << args[0];
    EXPECT_NE(run.out.find("cannot open the database: cannot connect to PostgreSQL"),
              std::string::npos)
        << run.out;
  }
}

TEST(DatabaseFaults, ForeignOrNewerDatabaseIsRefusedByName) {
  ScratchDb foreign;
  ScratchDb newer;
  { ASSERT_TRUE(OpenDatabase(newer.url()).ok()); }
  if (foreign.postgres()) {
    PgExec(TestPgUrl(), "CREATE TABLE " + foreign.schema() + ".accounts (id int)");
    PgExec(TestPgUrl(), "UPDATE " + newer.schema() + ".schema_versions SET version = 999");
  } else {
    GTEST_SKIP() << "the SQLite cases are in the store tests";
  }
  auto run = RunLinkway({"migrate", "--db", foreign.url()});
  EXPECT_NE(run.exit_code, 0);
  EXPECT_NE(run.out.find("holds tables but no Linkway schema"), std::string::npos) << run.out;
  run = RunLinkway({"serve", "--db", newer.url(), "--listen", "127.0.0.1:0"});
  EXPECT_NE(run.exit_code, 0);
  EXPECT_NE(run.out.find("newer than this Linkway knows"), std::string::npos) << run.out;
}

TEST(DatabaseFaults, LostDatabaseGives503ThenServiceComesBackWithoutRestart) {
  if (!TestingPostgres()) GTEST_SKIP() << "runs in the PostgreSQL pass";
  OwnCluster cluster;
  std::string token = PopulateWithToken(cluster.url());
  ServeProcess server(cluster.url(), FreePort());
  Client c("127.0.0.1", server.port());
  c.SetBearer(token);
  std::vector<std::int64_t> acknowledged;
  auto before =
      c.Json("POST", "/api/v1/referrals", ReferralBody("Before"), {{"Idempotency-Key", "b"}});
  ASSERT_EQ(before.status, 201) << before.body;
  acknowledged.push_back(json::parse(before.body).at("id").as_int64());

  cluster.Down();
  for (const char* method : {"GET", "POST"}) {
    auto r = std::string(method) == "GET"
                 ? c.Json("GET", "/api/v1/referrals")
                 : c.Json("POST", "/api/v1/referrals", ReferralBody("During"),
                          {{"Idempotency-Key", "d"}});
    EXPECT_EQ(r.status, 503) << method << " " << r.body;
    EXPECT_EQ(r.Header("content-type"), "application/problem+json") << method;
    auto problem = json::parse(r.body).as_object();
    EXPECT_EQ(problem.at("status"), 503);
    EXPECT_NE(json::value_to<std::string>(problem.at("detail")).find("database"), std::string::npos)
        << r.body;
  }

  cluster.Up();
  int status = 0;
  HttpResult after;
  for (int i = 0; i < 100 && status != 201; ++i) {
    after = c.Json("POST", "/api/v1/referrals", ReferralBody("After"), {{"Idempotency-Key", "a"}});
    status = after.status;
    if (status != 201) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_EQ(status, 201) << "service did not come back: " << after.body;
  acknowledged.push_back(json::parse(after.body).at("id").as_int64());

  // A restart while the instance is idle costs no request: pooled connections the server
  // closed are noticed and replaced before use.
  cluster.Down();
  cluster.Up();
  auto first =
      c.Json("POST", "/api/v1/referrals", ReferralBody("Restart"), {{"Idempotency-Key", "r"}});
  ASSERT_EQ(first.status, 201) << first.body;
  acknowledged.push_back(json::parse(first.body).at("id").as_int64());
  auto list = c.Json("GET", "/api/v1/referrals");
  ASSERT_EQ(list.status, 200);
  std::string listed = list.body;
  for (auto id : acknowledged) {
    EXPECT_NE(listed.find("\"id\":" + std::to_string(id)), std::string::npos) << id;
  }
}

TEST(DatabaseFaults, CachesHearEverythingChangedAfterTheListenerReconnects) {
  if (!TestingPostgres()) GTEST_SKIP() << "runs in the PostgreSQL pass";
  OwnCluster cluster;
  auto store = OpenDatabase(cluster.url());
  ASSERT_TRUE(store.ok()) << store.status().message();
  std::mutex mutex;
  std::condition_variable heard;
  std::vector<std::string> topics;
  (*store)->Subscribe([&](std::string_view topic) {
    std::lock_guard lock(mutex);
    topics.emplace_back(topic);
    heard.notify_all();
  });
  cluster.Down();
  cluster.Up();
  // Notices sent while the listener was away are lost, so it says that anything may have
  // changed, and caches drop what they hold.
  std::unique_lock lock(mutex);
  ASSERT_TRUE(heard.wait_for(lock, std::chrono::seconds(10), [&] { return !topics.empty(); }));
  EXPECT_EQ(topics.front(), sql::kEverythingChanged);
}

}  // namespace
}  // namespace linkway::testing
