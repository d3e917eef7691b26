// Referral storage on the backend under test (SQLite, or PostgreSQL under LINKWAY_TEST_PG):
// intake with its history, audit rows and idempotency keys, updates, and drafts.
#include "referrals/referral_store.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <atomic>
#include <thread>

#include "support/test_world.hpp"

namespace linkway {
namespace {

using testing::TestWorld;

NewReferral MakeNew(TestWorld& w, const std::string& key = "", const std::string& hash = "") {
  NewReferral nr;
  nr.input = *ValidateReferral(w.GoodReferral(), DayOf(testing::kNow));
  nr.pcn_code = "PCN1";
  nr.practice_name = "First Practice";
  nr.referrer_id = w.As("gp1").user_id;
  nr.referrer_name = "User gp1";
  nr.referrer_profession = "gp";
  nr.at = testing::kNow;
  nr.first_event.at = testing::kNow;
  nr.first_event.user_id = nr.referrer_id;
  nr.first_event.role = "referrer";
  nr.first_event.to = ReferralState::kReceived;
  nr.first_event.code_system = "s";
  nr.first_event.code = "c";
  nr.idempotency_key = key;
  nr.request_hash = hash;
  return nr;
}

AuditEntry Audit(const std::string& action) {
  AuditEntry e;
  e.at = testing::kNow;
  e.user_id = 1;
  e.username = "gp1";
  e.role = "referrer";
  e.action = action;
  e.record_type = "referral";
  return e;
}

TEST(ReferralStore, CreatesAndReadsAReferral) {
  TestWorld w;
  auto created = w.referral_store->Create(MakeNew(w), Audit("referral.create"));
  ASSERT_TRUE(created.ok()) << created.status().message();
  auto got = w.referral_store->Get(created->referral.id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->patient.nhs_number, "9434765919");
  EXPECT_EQ(got->practice_name, "First Practice");
  EXPECT_EQ(got->reasons, (std::vector<std::string>{"loneliness", "money"}));
  EXPECT_EQ(got->state, ReferralState::kReceived);
  EXPECT_EQ(got->created_at(), testing::kNow);
  // What CreateReferral returns is what a later read finds.
  const Referral& made = created->referral;
  EXPECT_EQ(made.patient, got->patient);
  EXPECT_EQ(made.practice_name, got->practice_name);
  EXPECT_EQ(made.referrer_name, got->referrer_name);
  EXPECT_EQ(made.reasons, got->reasons);
  EXPECT_EQ(made.note, got->note);
  EXPECT_EQ(made.stamps, got->stamps);
  EXPECT_EQ(made.pcn_code, got->pcn_code);
  auto events = w.referral_store->Events(got->id);
  ASSERT_EQ(events->size(), 1u);
  EXPECT_FALSE(events->at(0).from.has_value());
  auto audit = w.audit->List({"referral", std::to_string(got->id), 0, 10});
  ASSERT_EQ(audit->size(), 1u);
  EXPECT_EQ(audit->at(0).action, "referral.create");
}

TEST(ReferralStore, IdempotencyKeyReplaysOrRefuses) {
  TestWorld w;
  auto first = w.referral_store->Create(MakeNew(w, "k1", "h1"), Audit("referral.create"));
  auto again = w.referral_store->Create(MakeNew(w, "k1", "h1"), Audit("referral.create"));
  ASSERT_TRUE(first.ok() && again.ok());
  EXPECT_FALSE(first->replayed);
  EXPECT_TRUE(again->replayed);
  EXPECT_EQ(first->referral.id, again->referral.id);
  auto different = w.referral_store->Create(MakeNew(w, "k1", "h2"), Audit("referral.create"));
  EXPECT_EQ(different.status().code(), Code::kConflict);
  auto page = w.referral_store->List({});
  EXPECT_EQ(page->total, 1);
}

TEST(ReferralStore, ConcurrentWritersAreAllDurableAndBatched) {
  TestWorld w;
  constexpr int kThreads = 16;
  constexpr int kEach = 10;
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        auto r = w.referral_store->Create(
            MakeNew(w, "t" + std::to_string(t) + "-" + std::to_string(i), "h"), Audit("c"));
        if (r.ok()) ++ok;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok, kThreads * kEach);
  EXPECT_EQ(w.referral_store->List({})->total, kThreads * kEach);
}

TEST(ReferralStore, ABadReferralAmongConcurrentOnesFailsAlone) {
  TestWorld w;
  constexpr int kThreads = 16;
  std::vector<std::thread> threads;
  std::vector<Code> codes(kThreads);
  std::vector<std::int64_t> ids(kThreads);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      NewReferral nr = MakeNew(w);
      if (t == 7) nr.input.practice = "NOPE";  // no such practice: a foreign key fails
      // Two requests share one key: one creates, the other replays it.
      if (t == 3 || t == 4) nr.idempotency_key = "shared";
      nr.request_hash = "h";
      auto r = w.referral_store->Create(nr, Audit("c"));
      codes[t] = r.status().code();
      if (r.ok()) ids[t] = r->referral.id;
    });
  }
  for (auto& t : threads) t.join();
  for (int t = 0; t < kThreads; ++t) {
    EXPECT_EQ(codes[t], t == 7 ? Code::kInvalid : Code::kOk) << t;
  }
  EXPECT_EQ(ids[3], ids[4]);
  EXPECT_EQ(w.referral_store->List({})->total, kThreads - 2);
}

TEST(ReferralStore, TextSurvivesExactly) {
  TestWorld w;
  NewReferral nr = MakeNew(w);
  nr.input.note = "\"quoted\", back\\slash, {braces}, a,comma, NULL, \u00fcnic\u00f8de, 'tick'\n";
  nr.input.reason_other = "NULL";  // the word, not a null
  nr.input.patient.phone = "";
  auto created = w.referral_store->Create(nr, Audit("c"));
  ASSERT_TRUE(created.ok()) << created.status().message();
  auto read = w.referral_store->Get(created->referral.id);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->note, nr.input.note);
  EXPECT_EQ(read->reason_other, "NULL");
  EXPECT_EQ(read->patient.phone, "");
  EXPECT_EQ(read->patient.given_name, "Ann");
}

TEST(ReferralStore, UpdateRunsDecideAndKeepsHistory) {
  TestWorld w;
  auto id = w.referral_store->Create(MakeNew(w), Audit("c"))->referral.id;
  auto refused = w.referral_store->Update(
      id, [](const Referral&) -> Result<ReferralEvent> { return Status::Conflict("no"); },
      Audit("t"));
  EXPECT_EQ(refused.status().code(), Code::kConflict);
  auto moved = w.referral_store->Update(
      id,
      [&](const Referral& r) -> Result<ReferralEvent> {
        ReferralEvent e;
        e.at = testing::kNow + 60;
        e.user_id = w.As("lw1").user_id;
        e.role = "link_worker";
        e.from = r.state;
        e.to = ReferralState::kAccepted;
        e.code_system = "http://snomed.info/sct";
        e.code = "871731000000106";
        return e;
      },
      Audit("referral.transition"));
  ASSERT_TRUE(moved.ok()) << moved.status().message();
  EXPECT_EQ(moved->state, ReferralState::kAccepted);
  EXPECT_EQ(moved->stamps.at(ReferralState::kAccepted), testing::kNow + 60);
  auto events = w.referral_store->Events(id);
  ASSERT_EQ(events->size(), 2u);
  EXPECT_EQ(events->at(1).username, "lw1");
  EXPECT_EQ(events->at(1).from, ReferralState::kReceived);
}

TEST(ReferralStore, HistoryAndAuditAreAppendOnly) {
  TestWorld w;
  ASSERT_TRUE(w.referral_store->Create(MakeNew(w), Audit("c")).ok());
  if (w.db.postgres()) {
    std::string in_schema = "SET search_path = " + w.db.schema() + "; ";
    EXPECT_THROW(testing::PgExec(testing::TestPgUrl(),
                                 in_schema + "UPDATE referral_events SET reason = 'x'"),
                 std::runtime_error);
    EXPECT_THROW(testing::PgExec(testing::TestPgUrl(), in_schema + "DELETE FROM audit"),
                 std::runtime_error);
    return;
  }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(w.db_path.c_str(), &db), SQLITE_OK);
  EXPECT_NE(sqlite3_exec(db, "UPDATE referral_events SET reason = 'x'", nullptr, nullptr, nullptr),
            SQLITE_OK);
  EXPECT_NE(sqlite3_exec(db, "DELETE FROM audit", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
}

TEST(ReferralStore, DraftsOpenOnce) {
  TestWorld w;
  ASSERT_TRUE(
      w.referral_store->PutDraft({"hash", 1, "{}", testing::kNow, testing::kNow + 900}, Audit("d"))
          .ok());
  EXPECT_EQ(
      w.referral_store->TakeDraft("hash", testing::kNow + 1000, "P1", Audit("o")).status().code(),
      Code::kNotFound);  // expired
  ASSERT_TRUE(w.referral_store
                  ->PutDraft({"h2", 1, "{\"a\":1}", testing::kNow, testing::kNow + 900}, Audit("d"))
                  .ok());
  EXPECT_EQ(w.referral_store->TakeDraft("h2", testing::kNow + 1, "P2", Audit("o")).status().code(),
            Code::kNotFound);  // another organisation: not found, and not used up
  auto taken = w.referral_store->TakeDraft("h2", testing::kNow + 1, "P1", Audit("o"));
  ASSERT_TRUE(taken.ok());
  EXPECT_EQ(taken->payload, "{\"a\":1}");
  EXPECT_EQ(w.referral_store->TakeDraft("h2", testing::kNow + 2, "P1", Audit("o")).status().code(),
            Code::kNotFound);
}

}  // namespace
}  // namespace linkway
