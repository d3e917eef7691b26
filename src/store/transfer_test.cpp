// Copying whole databases: backup, restore and migrate-data rest on these. Each test runs on
// the backend under test, copying to and from SQLite files as the commands do.
#include "store/transfer.hpp"

#include "app/system.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <thread>

#include "support/test_world.hpp"

namespace linkway {
namespace {

using testing::TestWorld;

AuditEntry Audit(const std::string& action) {
  return {0, testing::kNow, 1, "u", "r", action, "t", ""};
}

NewReferral MakeNew(TestWorld& w, int n) {
  NewReferral nr;
  nr.input = *ValidateReferral(w.GoodReferral(), DayOf(testing::kNow));
  nr.input.note = "note " + std::to_string(n);
  nr.pcn_code = "PCN1";
  nr.referrer_id = w.As("gp1").user_id;
  nr.referrer_profession = "gp";
  nr.at = testing::kNow + n;
  nr.first_event.at = nr.at;
  nr.first_event.user_id = nr.referrer_id;
  nr.first_event.role = "referrer";
  nr.first_event.to = ReferralState::kReceived;
  nr.first_event.code_system = "s";
  nr.first_event.code = "c";
  nr.first_event.code_display = "Received";
  return nr;
}

std::unique_ptr<sql::Database> Open(const std::string& url) {
  auto db = OpenDatabase(url);
  if (!db.ok()) throw std::runtime_error(db.status().message());
  return std::move(db).value();
}

using sql::TableSummary;

std::int64_t Rows(const std::vector<TableSummary>& summary, const std::string& table) {
  for (const auto& t : summary) {
    if (t.table == table) return t.rows;
  }
  return -1;
}

TEST(Transfer, CopiesEveryTableAndProvesItByChecksum) {
  TestWorld w;
  for (int i = 0; i < 20; ++i)
    ASSERT_TRUE(w.referral_store->Create(MakeNew(w, i), Audit("c")).ok());
  ASSERT_TRUE(w.postcodes->Put({{"HR1 1AA", "E01", 3, "C1", "Urban city and town"}}).ok());
  ASSERT_EQ(*w.users->TakeSignInAttempt("gp1", "192.0.2.1", testing::kNow, ThrottleRules{}), 0);

  // Into the other backend and back again: the checksums match at every step.
  testing::TempDir dir;
  auto file = Open("sqlite:" + (dir.path() / "copy.db").string());
  auto copied = sql::CopyAndVerify(*w.database, *file, AllSchemas());
  ASSERT_TRUE(copied.ok()) << copied.status().message();
  EXPECT_EQ(Rows(*copied, "referrals"), 20);
  EXPECT_EQ(Rows(*copied, "referral_events"), 20);
  EXPECT_EQ(Rows(*copied, "audit"), 20);
  EXPECT_EQ(Rows(*copied, "users"), 10);
  EXPECT_EQ(Rows(*copied, "postcodes"), 1);
  EXPECT_EQ(Rows(*copied, "sign_in_failures"), 1);
  for (const auto& t : *copied) EXPECT_EQ(t.sha256.size(), 64u) << t.table;

  testing::ScratchDb back;
  auto target = Open(back.url());
  auto again = sql::CopyAndVerify(*file, *target, AllSchemas());
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_EQ(*again, *copied);

  // Ids carry on after the copied ones.
  TestWorld probe;  // for a valid NewReferral; its referrer id matches (same users in order)
  auto created = ReferralStore(*target).Create(MakeNew(probe, 99), Audit("c"));
  ASSERT_TRUE(created.ok()) << created.status().message();
  EXPECT_EQ(created->referral.id, 21);
}

TEST(Transfer, RefusesATargetThatHoldsData) {
  TestWorld from;
  TestWorld into;
  Status s = sql::CopyAll(*from.database, *into.database, AllSchemas());
  EXPECT_EQ(s.code(), Code::kConflict);
  EXPECT_NE(s.message().find("already holds data"), std::string::npos);
  EXPECT_EQ(into.users->ListUsers()->size(), 10u);  // nothing written
}

TEST(Transfer, DigestsDifferWhenDataDiffers) {
  TestWorld a;
  TestWorld b;
  ASSERT_TRUE(b.organisations->Put({"P9", OrgKind::kPractice, "Other", "PCN1", ""}).ok());
  auto sa = sql::Summarise(*a.database, AllSchemas());
  auto sb = sql::Summarise(*b.database, AllSchemas());
  ASSERT_TRUE(sa.ok() && sb.ok());
  ASSERT_EQ((*sa)[0].table, "organisations");
  EXPECT_NE((*sa)[0].sha256, (*sb)[0].sha256);
  ASSERT_EQ((*sa)[2].table, "users");
  EXPECT_EQ((*sa)[2], (*sb)[2]);  // users are the same
}

TEST(Transfer, BacksUpUnderWriteLoadAndRestores) {
  TestWorld w;
  std::atomic<bool> stop{false};
  std::atomic<int> acknowledged{0};
  std::vector<std::thread> writers;
  for (int t = 0; t < 4; ++t) {
    writers.emplace_back([&, t] {
      for (int i = 0; !stop; ++i) {
        if (w.referral_store->Create(MakeNew(w, t * 100000 + i), Audit("c")).ok()) ++acknowledged;
      }
    });
  }
  for (int i = 0; i < 2000 && acknowledged < 50; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  int before = acknowledged;
  testing::TempDir dir;
  std::string file = (dir.path() / "backup.db").string();
  Status backed_up = sql::Backup(*w.database, AllSchemas(), file);
  stop = true;
  for (auto& t : writers) t.join();
  ASSERT_TRUE(backed_up.ok()) << backed_up.message();
  EXPECT_EQ(sql::Backup(*w.database, AllSchemas(), file).code(),
            Code::kInvalid);  // never overwrites

  auto backup = Open("sqlite:" + file);
  testing::ScratchDb fresh;
  auto restored = Open(fresh.url());
  auto summary = sql::CopyAndVerify(*backup, *restored, AllSchemas());
  ASSERT_TRUE(summary.ok()) << summary.status().message();
  // Everything acknowledged before the backup began is there, and the snapshot is whole:
  // every referral has its event and its audit row.
  std::int64_t referrals = Rows(*summary, "referrals");
  EXPECT_GE(referrals, before);
  EXPECT_LE(referrals, acknowledged.load());
  EXPECT_EQ(Rows(*summary, "referral_events"), referrals);
  EXPECT_EQ(Rows(*summary, "audit"), referrals);
  ReferralFilter all;
  all.page_size = 500;
  std::set<std::int64_t> ids;
  for (;; ++all.page) {
    auto page = ReferralStore(*restored).List(all);
    ASSERT_TRUE(page.ok());
    for (const auto& r : page->items) ids.insert(r.id);
    if (page->items.empty()) break;
  }
  EXPECT_EQ(static_cast<std::int64_t>(ids.size()), referrals);
}

}  // namespace
}  // namespace linkway
