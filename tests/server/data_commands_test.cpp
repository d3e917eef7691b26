// backup, restore and migrate-data as an operator runs them: a backup taken while the server
// takes referrals, restored into an empty database and compared; a move from an SQLite file
// with checksums printed; and refusals of targets that hold data.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "server/process.hpp"
#include "server/referrals.hpp"
#include "server/summary.hpp"
#include "store/transfer.hpp"
#include "support/http_client.hpp"
#include "support/test_world.hpp"

namespace linkway::testing {
namespace {

TEST(DataCommands, BackupUnderLoadThenRestoreAndCompare) {
  ScratchDb live;
  std::string token = PopulateWithToken(live.url());
  ServeProcess server(live.url(), FreePort());
  std::atomic<bool> stop{false};
  std::atomic<int> acknowledged{0};
  std::vector<std::thread> clients;
  for (int t = 0; t < 8; ++t) {
    clients.emplace_back([&, t] {
      Client c("127.0.0.1", server.port());
      c.SetBearer(token);
      for (int i = 0; !stop; ++i) {
        std::string given = "T" + std::to_string(t) + "N" + std::to_string(i);
        if (c.Json("POST", "/api/v1/referrals", ReferralBody(given)).status == 201) ++acknowledged;
      }
    });
  }
  for (int i = 0; i < 1000 && acknowledged < 100; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  if (acknowledged < 100) {
    stop = true;
    for (auto& c : clients) c.join();
    FAIL() << "the server took no referrals";
  }
  int before = acknowledged;
  TempDir dir;
  std::string file = (dir.path() / "linkway-backup.db").string();
  auto backup = RunLinkway({"backup", "--db", live.url(), "--out", file});
  int after = acknowledged;
  stop = true;
  for (auto& c : clients) c.join();
  ASSERT_EQ(backup.exit_code, 0) << backup.out;
  EXPECT_NE(backup.out.find("referral_events"), std::string::npos) << backup.out;
  EXPECT_GT(acknowledged.load(), after) << "writes carried on while the backup ran";

  auto in_backup = SummaryOf("sqlite:" + file);
  std::int64_t referrals = Rows(in_backup, "referrals");
  EXPECT_GE(referrals, before);
  EXPECT_EQ(Rows(in_backup, "referral_events"), referrals);  // a consistent snapshot
  EXPECT_EQ(Rows(in_backup, "audit"), referrals);

  ScratchDb restored;
  auto restore = RunLinkway({"restore", "--in", file, "--db", restored.url()});
  ASSERT_EQ(restore.exit_code, 0) << restore.out;
  EXPECT_NE(restore.out.find("every table matches"), std::string::npos) << restore.out;
  EXPECT_EQ(SummaryOf(restored.url()), in_backup);

  auto twice = RunLinkway({"restore", "--in", file, "--db", restored.url()});
  EXPECT_NE(twice.exit_code, 0);
  EXPECT_NE(twice.out.find("already holds data"), std::string::npos) << twice.out;
  auto over = RunLinkway({"backup", "--db", live.url(), "--out", file});
  EXPECT_NE(over.exit_code, 0);
  EXPECT_NE(over.out.find("already exists"), std::string::npos) << over.out;
  auto not_backup =
      RunLinkway({"restore", "--in", LINKWAY_SOURCE_DIR "/README.md", "--db", restored.url()});
  EXPECT_NE(not_backup.out.find("is not a Linkway backup"), std::string::npos) << not_backup.out;
}

TEST(DataCommands, MigrateDataFromSqlitePrintsMatchingChecksums) {
  TempDir dir;
  std::string source = "sqlite:" + (dir.path() / "small-scheme.db").string();
  { PopulateWorldAt(source); }
  auto seeded = RunLinkway({"token", "create", "--db", source, "--username", "gpsystem"});
  ASSERT_EQ(seeded.exit_code, 0);
  ScratchDb target;  // PostgreSQL in the _pg run
  auto moved = RunLinkway({"migrate-data", "--from", source, "--to", target.url()});
  ASSERT_EQ(moved.exit_code, 0) << moved.out;
  EXPECT_NE(moved.out.find("row counts and checksums match in every table"), std::string::npos);
  auto expected = SummaryOf(source);
  for (const auto& t : expected) {
    EXPECT_NE(moved.out.find(t.sha256), std::string::npos) << t.table << "\n" << moved.out;
  }
  EXPECT_EQ(SummaryOf(target.url()), expected);

  auto again = RunLinkway({"migrate-data", "--from", source, "--to", target.url()});
  EXPECT_NE(again.exit_code, 0);
  EXPECT_NE(again.out.find("already holds data"), std::string::npos) << again.out;
}

}  // namespace
}  // namespace linkway::testing
