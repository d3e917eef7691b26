#include "app/seed.hpp"

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>

#include "app/seed_world.hpp"
#include "core/embedded.hpp"
#include "core/nhs_number.hpp"
#include "support/test_world.hpp"

namespace linkway {
const EmbeddedFiles& DefaultCodeFiles();
namespace {

// One seeded store shared by the tests below, to seed only once.
struct Seeded {
  Seeded() {
    auto opened = OpenDatabase(scratch.url(), sql::Options{.durable = false});
    if (!opened.ok()) throw std::runtime_error(opened.status().message());
    db = std::move(*opened);
    auto table = CodeTable::Parse(DefaultCodeFiles().at("local_codes.csv"));
    if (!table.ok()) throw std::runtime_error(table.status().message());
    codes.emplace(std::move(*table));
    system = std::make_unique<System>(*db, clock, *codes);
    store = &system->referral_store;
    report.emplace(SeedDemo(*system, *codes, testing::kNow));
    if (!report->ok()) return;
    auto listed = system->auth_store.ListUsers();
    if (!listed.ok()) throw std::runtime_error(listed.status().message());
    for (const auto& u : *listed) users.emplace(u.id, u);
    ReferralFilter filter;
    filter.page_size = 500;
    for (;;) {
      auto page = store->List(filter);
      if (!page.ok()) throw std::runtime_error(page.status().message());
      referrals.insert(referrals.end(), page->items.begin(), page->items.end());
      if (page->items.empty() || static_cast<std::int64_t>(referrals.size()) >= page->total) break;
      ++filter.page;
    }
    SignpostFilter signpost_filter;
    signpost_filter.page_size = 500;
    for (;;) {
      auto page = store->ListSignposts(signpost_filter);
      if (!page.ok()) throw std::runtime_error(page.status().message());
      signposts.insert(signposts.end(), page->items.begin(), page->items.end());
      if (page->items.empty() || static_cast<std::int64_t>(signposts.size()) >= page->total) break;
      ++signpost_filter.page;
    }
  }

  testing::ScratchDb scratch;
  FixedClock clock{testing::kNow};
  std::unique_ptr<sql::Database> db;
  std::optional<CodeTable> codes;
  std::unique_ptr<System> system;
  ReferralStore* store = nullptr;
  std::optional<Result<SeedReport>> report;
  std::map<std::int64_t, User> users;
  std::vector<Referral> referrals;
  std::vector<Signpost> signposts;
};

class SeedDemoTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { seeded_ = new Seeded(); }
  static void TearDownTestSuite() {
    delete seeded_;
    seeded_ = nullptr;
  }
  void SetUp() override {
    ASSERT_TRUE(seeded_->report->ok()) << seeded_->report->status().message();
  }
  static Seeded& S() { return *seeded_; }

  // How many referrals (or signposts) each username made.
  static std::map<std::string, int> ReferralsBy() {
    std::map<std::string, int> counts;
    for (const auto& r : S().referrals) ++counts[S().users.at(r.referrer_id).username];
    return counts;
  }
  static std::map<std::string, int> SignpostsBy() {
    std::map<std::string, int> counts;
    for (const auto& s : S().signposts) ++counts[s.username];
    return counts;
  }

 private:
  static Seeded* seeded_;
};

Seeded* SeedDemoTest::seeded_ = nullptr;

TEST_F(SeedDemoTest, ReportsTheSignInsAndCounts) {
  const SeedReport& report = **S().report;
  EXPECT_EQ(report.password, "linkway-demo-2026");
  ASSERT_GE(report.sign_ins.size(), 8u);
  EXPECT_EQ(report.sign_ins[0].username, "referrer");
  EXPECT_EQ(report.sign_ins[1].username, "linkworker");
  EXPECT_EQ(report.sign_ins[1].role, "link_worker");
  EXPECT_EQ(report.referrals, static_cast<int>(S().referrals.size()));
  EXPECT_EQ(report.signposts, static_cast<int>(S().signposts.size()));
  // Each sign-in costs an argon2id check, so try the first user added and two that share it.
  for (const char* username : {"admin", "referrer", "linkworker"}) {
    EXPECT_TRUE(S().system->auth.SignIn(username, report.password).ok()) << username;
  }
}

// The seed stores its users without Auth::AddUser (they share one hash): each must still fit
// the rules a real user is made by.
TEST_F(SeedDemoTest, EveryDemoRoleFitsItsOrganisation) {
  auto users = S().system->auth_store.ListUsers();
  ASSERT_TRUE(users.ok());
  for (const auto& u : *users) {
    auto org = S().system->organisations.Get(u.org_code);
    ASSERT_TRUE(org.ok()) << u.username;
    EXPECT_EQ(RoleMisfit(u.role, org->kind), std::nullopt) << u.username;
  }
}

TEST_F(SeedDemoTest, BuildsTheOrganisations) {
  auto count = [](OrgKind kind) { return S().system->organisations.List(kind)->size(); };
  EXPECT_EQ(count(OrgKind::kIcb), 1u);
  EXPECT_EQ(count(OrgKind::kPcn), 4u);
  EXPECT_EQ(count(OrgKind::kPractice), 20u);
  // The demo's two community organisations, and those the demo directory adds.
  EXPECT_GT(count(OrgKind::kVcse), 10u);
  EXPECT_EQ(S().system->organisations.Get("VCSE1")->kind, OrgKind::kVcse);
  EXPECT_EQ(S().system->organisations.Get("M81026")->parent_code, "U1HW1");
  std::map<std::string, int> per_pcn;
  auto practices = S().system->organisations.List(OrgKind::kPractice);
  ASSERT_TRUE(practices.ok());
  for (const auto& p : *practices) {
    EXPECT_EQ(S().system->organisations.Get(p.parent_code)->kind, OrgKind::kPcn) << p.code;
    ++per_pcn[p.parent_code];
  }
  for (const auto& [pcn, practices] : per_pcn) EXPECT_GE(practices, 4) << pcn;
  EXPECT_TRUE(S().system->postcodes.Get("HR4 9JP").ok());
}

TEST_F(SeedDemoTest, ClinicianReferralRatesFollowTheSurvey) {
  int clinicians = 0;
  for (const auto& [id, user] : S().users) {
    if (user.role == Role::kReferrer && user.org_code.starts_with("M81")) ++clinicians;
  }
  EXPECT_EQ(clinicians, 24);
  auto counts = ReferralsBy();
  std::map<demo::Frequency, std::vector<int>> by_band;
  for (const auto& c : demo::kClinicians)
    by_band[c.refers].push_back(counts[std::string(c.username)]);
  using F = demo::Frequency;
  EXPECT_EQ(by_band[F::kTwiceOrMoreAWeek].size(), 3u);
  EXPECT_EQ(by_band[F::kWeekly].size(), 3u);
  EXPECT_EQ(by_band[F::kFortnightly].size(), 7u);
  EXPECT_EQ(by_band[F::kMonthly].size(), 5u);
  EXPECT_EQ(by_band[F::kRarely].size(), 5u);
  EXPECT_EQ(by_band[F::kNever].size(), 1u);
  struct Range {
    F band;
    int low;
    int high;
  };
  // A year at each rate, with room for chance: 130, 52, 26, 12, 5 and 0 expected.
  for (const Range& r : {Range{F::kTwiceOrMoreAWeek, 81, 200}, Range{F::kWeekly, 30, 80},
                         Range{F::kFortnightly, 10, 45}, Range{F::kMonthly, 3, 25},
                         Range{F::kRarely, 0, 14}, Range{F::kNever, 0, 0}}) {
    for (int n : by_band[r.band]) {
      EXPECT_GE(n, r.low) << static_cast<int>(r.band);
      EXPECT_LE(n, r.high) << static_cast<int>(r.band);
    }
  }
  EXPECT_GT(counts["referrer"], 0);
}

TEST_F(SeedDemoTest, TwentyThreeOfTwentyFourCliniciansSignpost) {
  auto signposts = SignpostsBy();
  auto referrals = ReferralsBy();
  int signposting = 0;
  int clinician_signposts = 0;
  int clinician_referrals = 0;
  for (const auto& c : demo::kClinicians) {
    std::string name(c.username);
    if (signposts[name] > 0) ++signposting;
    clinician_signposts += signposts[name];
    clinician_referrals += referrals[name];
  }
  EXPECT_EQ(signposting, 23);
  EXPECT_GT(signposts["gp.m81054.1"], 0);  // never refers, but signposts
  EXPECT_GT(clinician_signposts, clinician_referrals);
  for (const auto& s : S().signposts) {
    EXPECT_EQ(s.code, S().codes->ForSignpost().code);
    EXPECT_FALSE(s.service.empty());
    EXPECT_FALSE(s.reasons.empty());
    EXPECT_EQ(S().system->organisations.Get(s.practice_code)->parent_code, s.pcn_code);
  }
}

TEST_F(SeedDemoTest, PatientsAreSyntheticAndValid) {
  ASSERT_GT(S().referrals.size(), 500u);
  std::set<std::string> numbers;
  for (const auto& r : S().referrals) {
    auto nhs = ParseNhsNumber(r.patient.nhs_number);
    ASSERT_TRUE(nhs.ok()) << r.id;
    EXPECT_TRUE(r.patient.nhs_number.starts_with("999")) << r.id;
    numbers.insert(r.patient.nhs_number);
    EXPECT_TRUE(r.patient.phone.starts_with("07700 900") ||
                r.patient.phone.starts_with("01632 960"));
    EXPECT_TRUE(S().system->postcodes.Get(r.patient.postcode).ok()) << r.patient.postcode;
    EXPECT_EQ(S().system->organisations.Get(r.practice_code)->parent_code, r.pcn_code);
  }
  EXPECT_EQ(numbers.size(), S().referrals.size());
}

TEST_F(SeedDemoTest, FirstPcnInboxHoldsABacklog) {
  ReferralFilter filter;
  filter.pcn_code = "U1HW1";
  filter.states = {ReferralState::kReceived};
  auto inbox = S().store->List(filter);
  ASSERT_TRUE(inbox.ok());
  EXPECT_GE(inbox->total, 15);
  EXPECT_LE(inbox->total, 50);
  std::map<ReferralState, int> states;
  for (const auto& r : S().referrals) ++states[r.state];
  for (ReferralState s : kAllStates) EXPECT_GT(states[s], 0) << ToString(s);
  EXPECT_GT(states[ReferralState::kClosed], states[ReferralState::kDeclined]);
}

TEST_F(SeedDemoTest, HistoryIsInOrderAndNeverInTheFuture) {
  UnixSeconds year_ago = testing::kNow - 366 * 86400;
  for (const auto& r : S().referrals) {
    auto events = S().store->Events(r.id);
    ASSERT_TRUE(events.ok());
    ASSERT_FALSE(events->empty());
    EXPECT_EQ(events->back().to, r.state) << r.id;
    UnixSeconds last = year_ago;
    for (const auto& e : *events) {
      EXPECT_GE(e.at, last) << r.id;
      EXPECT_LE(e.at, testing::kNow) << r.id;
      last = e.at;
    }
    if (r.state == ReferralState::kClosed) {
      EXPECT_TRUE(IsChoice(kOutcomes, r.outcome)) << r.id;
    }
  }
}

TEST_F(SeedDemoTest, SeedingTwiceIsAConflict) {
  auto again = SeedDemo(*S().system, *S().codes, testing::kNow);
  EXPECT_EQ(again.status().code(), Code::kConflict);
}

}  // namespace
}  // namespace linkway

namespace linkway {
namespace {

std::int64_t Count(sql::Database& db, const std::string& query) {
  auto n = db.Read([&](sql::Connection& c) -> Result<std::int64_t> {
    sql::Query q(c, query);
    q.Step();
    return q.Int(0);
  });
  return n.ok() ? *n : -1;
}

TEST_F(SeedDemoTest, EveryClosedReferralHasExactlyOneFeedbackMessage) {
  sql::Database& db = *S().db;
  std::int64_t closed = Count(db, "SELECT COUNT(*) FROM referrals WHERE state = 'closed'");
  EXPECT_GT(closed, 0);
  EXPECT_EQ(Count(db, "SELECT COUNT(*) FROM feedback"), closed);
  EXPECT_EQ(Count(db,
                  "SELECT COUNT(*) FROM referrals r WHERE r.state = 'closed' AND NOT EXISTS "
                  "(SELECT 1 FROM feedback f WHERE f.referral_id = r.id)"),
            0);
}

TEST_F(SeedDemoTest, CasesCarryATrailOfContactsPlansMeasuresAndConnections) {
  sql::Database& db = *S().db;
  EXPECT_EQ(Count(db, "SELECT COUNT(*) FROM referrals WHERE accepted_at IS NOT NULL"),
            Count(db, "SELECT COUNT(*) FROM cases WHERE link_worker_id IS NOT NULL"));
  EXPECT_GT(Count(db, "SELECT COUNT(*) FROM contacts"), 0);
  EXPECT_GT(Count(db, "SELECT COUNT(*) FROM what_matters"), 0);
  EXPECT_GT(Count(db, "SELECT COUNT(*) FROM plan_goals"), 0);
  EXPECT_GT(Count(db,
                  "SELECT COUNT(*) FROM measure_results WHERE timepoint = 'baseline' AND "
                  "measure = 'ons4'"),
            0);
  EXPECT_GT(Count(db,
                  "SELECT COUNT(*) FROM measure_results WHERE timepoint = 'follow_up' AND "
                  "measure = 'ucla3'"),
            0);
  EXPECT_GT(Count(db, "SELECT COUNT(*) FROM connections WHERE state = 'attended'"), 0);
  EXPECT_GT(Count(db, "SELECT COUNT(*) FROM cases WHERE state = 'accepted'"), 0);  // waiting
}

TEST_F(SeedDemoTest, EveryLinkWorkerHasPresenceAndOnePcnIsOverCapacity) {
  sql::Database& db = *S().db;
  EXPECT_EQ(Count(db,
                  "SELECT COUNT(*) FROM users u WHERE u.role = 'link_worker' AND NOT EXISTS "
                  "(SELECT 1 FROM presence p WHERE p.user_id = u.id)"),
            0);
  auto user = S().system->auth_store.FindUser(std::string(demo::kPcns[0].link_worker));
  ASSERT_TRUE(user.ok());
  Principal lead = S().system->auth.PrincipalFor(*user).value();
  auto load = S().system->casework.Load(lead, "");
  ASSERT_TRUE(load.ok()) << load.status().message();
  EXPECT_TRUE(load->over_capacity());
}

}  // namespace
}  // namespace linkway
