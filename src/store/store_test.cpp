// Storage tests, written against the Store interface so every backend runs them.
#include "store/store.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
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

TEST(Store, CreatesAndReadsAReferral) {
  TestWorld w;
  auto created = w.store->CreateReferral(MakeNew(w), Audit("referral.create"));
  ASSERT_TRUE(created.ok()) << created.status().message();
  auto got = w.store->GetReferral(created->referral.id);
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
  auto events = w.store->ListEvents(got->id);
  ASSERT_EQ(events->size(), 1u);
  EXPECT_FALSE(events->at(0).from.has_value());
  auto audit = w.store->ListAudit({"referral", std::to_string(got->id), 0, 10});
  ASSERT_EQ(audit->size(), 1u);
  EXPECT_EQ(audit->at(0).action, "referral.create");
}

TEST(Store, IdempotencyKeyReplaysOrRefuses) {
  TestWorld w;
  auto first = w.store->CreateReferral(MakeNew(w, "k1", "h1"), Audit("referral.create"));
  auto again = w.store->CreateReferral(MakeNew(w, "k1", "h1"), Audit("referral.create"));
  ASSERT_TRUE(first.ok() && again.ok());
  EXPECT_FALSE(first->replayed);
  EXPECT_TRUE(again->replayed);
  EXPECT_EQ(first->referral.id, again->referral.id);
  auto different = w.store->CreateReferral(MakeNew(w, "k1", "h2"), Audit("referral.create"));
  EXPECT_EQ(different.status().code(), Code::kConflict);
  auto page = w.store->ListReferrals({});
  EXPECT_EQ(page->total, 1);
}

TEST(Store, ConcurrentWritersAreAllDurableAndBatched) {
  TestWorld w;
  constexpr int kThreads = 16;
  constexpr int kEach = 10;
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        auto r = w.store->CreateReferral(
            MakeNew(w, "t" + std::to_string(t) + "-" + std::to_string(i), "h"), Audit("c"));
        if (r.ok()) ++ok;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok, kThreads * kEach);
  EXPECT_EQ(w.store->ListReferrals({})->total, kThreads * kEach);
}

TEST(Store, ABadReferralAmongConcurrentOnesFailsAlone) {
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
      auto r = w.store->CreateReferral(nr, Audit("c"));
      codes[t] = r.status().code();
      if (r.ok()) ids[t] = r->referral.id;
    });
  }
  for (auto& t : threads) t.join();
  for (int t = 0; t < kThreads; ++t) {
    EXPECT_EQ(codes[t], t == 7 ? Code::kInvalid : Code::kOk) << t;
  }
  EXPECT_EQ(ids[3], ids[4]);
  EXPECT_EQ(w.store->ListReferrals({})->total, kThreads - 2);
}

TEST(Store, TextSurvivesExactly) {
  TestWorld w;
  NewReferral nr = MakeNew(w);
  nr.input.note = "\"quoted\", back\\slash, {braces}, a,comma, NULL, \u00fcnic\u00f8de, 'tick'\n";
  nr.input.reason_other = "NULL";  // the word, not a null
  nr.input.patient.phone = "";
  auto created = w.store->CreateReferral(nr, Audit("c"));
  ASSERT_TRUE(created.ok()) << created.status().message();
  auto read = w.store->GetReferral(created->referral.id);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->note, nr.input.note);
  EXPECT_EQ(read->reason_other, "NULL");
  EXPECT_EQ(read->patient.phone, "");
  EXPECT_EQ(read->patient.given_name, "Ann");
}

TEST(Store, UpdateRunsDecideAndKeepsHistory) {
  TestWorld w;
  auto id = w.store->CreateReferral(MakeNew(w), Audit("c"))->referral.id;
  auto refused = w.store->UpdateReferral(
      id, [](const Referral&) -> Result<ReferralEvent> { return Status::Conflict("no"); },
      Audit("t"));
  EXPECT_EQ(refused.status().code(), Code::kConflict);
  auto moved = w.store->UpdateReferral(
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
  auto events = w.store->ListEvents(id);
  ASSERT_EQ(events->size(), 2u);
  EXPECT_EQ(events->at(1).username, "lw1");
  EXPECT_EQ(events->at(1).from, ReferralState::kReceived);
}

TEST(Store, HistoryAndAuditAreAppendOnly) {
  TestWorld w;
  ASSERT_TRUE(w.store->CreateReferral(MakeNew(w), Audit("c")).ok());
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

TEST(Store, DraftsOpenOnce) {
  TestWorld w;
  ASSERT_TRUE(
      w.store->PutDraft({"hash", 1, "{}", testing::kNow, testing::kNow + 900}, Audit("d")).ok());
  EXPECT_EQ(w.store->TakeDraft("hash", testing::kNow + 1000, Audit("o")).status().code(),
            Code::kNotFound);  // expired
  ASSERT_TRUE(
      w.store->PutDraft({"h2", 1, "{\"a\":1}", testing::kNow, testing::kNow + 900}, Audit("d"))
          .ok());
  auto taken = w.store->TakeDraft("h2", testing::kNow + 1, Audit("o"));
  ASSERT_TRUE(taken.ok());
  EXPECT_EQ(taken->payload, "{\"a\":1}");
  EXPECT_EQ(w.store->TakeDraft("h2", testing::kNow + 2, Audit("o")).status().code(),
            Code::kNotFound);
}

TEST(Store, LoadsAPrincipalWithTheirOrganisation) {
  TestWorld w;
  auto gp = w.store->LoadPrincipal(w.store->FindUser("gp3")->id);
  ASSERT_TRUE(gp.ok());
  EXPECT_EQ(gp->role, Role::kReferrer);
  EXPECT_EQ(gp->org_name, "Third Practice");
  EXPECT_EQ(gp->pcn_code, "PCN2");
  auto lw = w.store->LoadPrincipal(w.store->FindUser("lw1")->id);
  EXPECT_EQ(lw->org_kind, OrgKind::kPcn);
  EXPECT_EQ(lw->pcn_code, "PCN1");
  EXPECT_EQ(w.store->LoadPrincipal(w.store->FindUser("vcse")->id)->pcn_code, "");
  EXPECT_EQ(w.store->LoadPrincipal(99999).status().code(), Code::kNotFound);
}

TEST(Store, UsernamesAreUnique) {
  TestWorld w;
  User u;
  u.username = "gp1";
  u.display_name = "Again";
  u.org_code = "P1";
  EXPECT_EQ(w.store->AddUser(u).status().code(), Code::kConflict);
  u.username = "new";
  u.org_code = "NOPE";
  EXPECT_EQ(w.store->AddUser(u).status().code(), Code::kInvalid);
}

TEST(Store, RefusesForeignAndNewerDatabases) {
  testing::ScratchDb foreign;
  testing::ScratchDb newer;
  if (foreign.postgres()) {
    testing::PgExec(testing::TestPgUrl(),
                    "CREATE TABLE " + foreign.schema() + ".accounts (id int)");
  } else {
    sqlite3* db = nullptr;
    sqlite3_open(foreign.path().c_str(), &db);
    sqlite3_exec(db, "CREATE TABLE accounts (id INTEGER)", nullptr, nullptr, nullptr);
    sqlite3_close(db);
  }
  auto opened = OpenStore(foreign.url());
  EXPECT_EQ(opened.status().code(), Code::kInvalid);
  EXPECT_NE(opened.status().message().find("no Linkway schema"), std::string::npos);

  { ASSERT_TRUE(OpenStore(newer.url()).ok()); }
  if (newer.postgres()) {
    testing::PgExec(testing::TestPgUrl(),
                    "INSERT INTO " + newer.schema() + ".schema_migrations (version) VALUES (999)");
  } else {
    sqlite3* db = nullptr;
    sqlite3_open(newer.path().c_str(), &db);
    sqlite3_exec(db, "INSERT INTO schema_migrations (version) VALUES (999)", nullptr, nullptr,
                 nullptr);
    sqlite3_close(db);
  }
  opened = OpenStore(newer.url());
  EXPECT_EQ(opened.status().code(), Code::kInvalid);
  EXPECT_NE(opened.status().message().find("newer than this Linkway knows"), std::string::npos);

  EXPECT_EQ(OpenStore("mysql://x").status().code(), Code::kInvalid);
}

TEST(Store, ReopensWithDataIntact) {
  testing::ScratchDb scratch;
  {
    auto store = OpenStore(scratch.url());
    ASSERT_TRUE(store.ok()) << store.status().message();
    testing::PopulateWorld(**store);
  }
  auto store = OpenStore(scratch.url());
  ASSERT_TRUE(store.ok());
  EXPECT_FALSE(*(*store)->IsEmpty());
  EXPECT_EQ((*store)->ListOrganisations(OrgKind::kPractice)->size(), 3u);
  EXPECT_EQ((*store)->ListOrganisations(std::nullopt)->size(), 7u);
}

TEST(Store, SignInAttemptsAreLimitedInAWindow) {
  TestWorld w;
  UnixSeconds t = testing::kNow;
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(*w.store->TakeSignInAttempt("gp1", t + i, t - 900, 3));
  EXPECT_FALSE(*w.store->TakeSignInAttempt("gp1", t + 5, t - 900, 3));
  EXPECT_TRUE(*w.store->TakeSignInAttempt("other", t + 5, t - 900, 3));  // per username
  // Attempts before the window are forgotten.
  EXPECT_TRUE(*w.store->TakeSignInAttempt("gp1", t + 1000, t + 1, 3));
  ASSERT_TRUE(w.store->ClearSignInFailures("gp1").ok());
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(*w.store->TakeSignInAttempt("gp1", t + 1001, t, 3));
}

TEST(Store, ABurstOfSignInAttemptsCannotPassTheLimit) {
  TestWorld w;
  std::atomic<int> allowed{0};
  std::vector<std::thread> threads;
  threads.reserve(20);
  for (int i = 0; i < 20; ++i) {
    threads.emplace_back([&] {
      auto r = w.store->TakeSignInAttempt("gp1", testing::kNow, testing::kNow - 900, 5);
      if (r.ok() && *r) ++allowed;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(allowed, 5);
}

TEST(Store, TellsSubscribersWhenOrganisationsChange) {
  TestWorld w;
  std::mutex mutex;
  std::condition_variable changed;
  std::vector<std::string> topics;
  w.store->Subscribe([&](std::string_view topic) {
    std::lock_guard lock(mutex);
    topics.emplace_back(topic);
    changed.notify_all();
  });
  ASSERT_TRUE(w.store->PutOrganisation({"P9", OrgKind::kPractice, "New", "PCN1", ""}).ok());
  std::unique_lock lock(mutex);
  ASSERT_TRUE(changed.wait_for(lock, std::chrono::seconds(5), [&] { return !topics.empty(); }));
  EXPECT_EQ(topics.front(), kOrganisationsChanged);
}

}  // namespace
}  // namespace linkway
