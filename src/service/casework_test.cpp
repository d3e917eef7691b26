#include "service/casework.hpp"

#include <gtest/gtest.h>

#include "support/test_world.hpp"

namespace linkway {
namespace {

using testing::TestWorld;

TEST(Casework, ReferrerMakesAReferralForTheirPractice) {
  TestWorld w;
  auto gp = w.As("gp1");
  auto input = w.GoodReferral("");
  auto created = w.casework->CreateReferral(gp, input);
  ASSERT_TRUE(created.ok()) << created.status().message();
  EXPECT_EQ(created->referral.practice_code, "P1");
  EXPECT_EQ(created->referral.pcn_code, "PCN1");
  EXPECT_EQ(created->referral.referrer_profession, "gp");
  auto events = w.store->ListEvents(created->referral.id);
  EXPECT_EQ(events->at(0).code, "LW001");
}

TEST(Casework, RefusesAnotherPracticeOrUnknownOne) {
  TestWorld w;
  auto r = w.casework->CreateReferral(w.As("gp1"), w.GoodReferral("P2"));
  ASSERT_EQ(r.status().code(), Code::kInvalid);
  EXPECT_EQ(r.status().fields().at(0).field, "practice");
  r = w.casework->CreateReferral(w.As("lw1"), w.GoodReferral("ZZZ"));
  EXPECT_EQ(r.status().fields().at(0).message, "is not a known GP practice code");
  r = w.casework->CreateReferral(w.As("lw1"), w.GoodReferral("P3"));
  EXPECT_EQ(r.status().fields().at(0).message, "is not in your primary care network");
}

struct AccessCase {
  const char* user;
  bool may_see;  // the referral made by gp1 at P1 (PCN1)
};

TEST(Casework, AccessRulesForEveryRole) {
  TestWorld w;
  auto id = w.casework->CreateReferral(w.As("gp1"), w.GoodReferral())->referral.id;
  const AccessCase cases[] = {
      {"gp1", true},  {"gpsystem", true}, {"gp2", false},          {"gp3", false},   {"lw1", true},
      {"lw2", false}, {"vcse", false},    {"commissioner", false}, {"admin", false},
  };
  for (const auto& c : cases) {
    auto got = w.casework->GetReferral(w.As(c.user), id);
    EXPECT_EQ(got.ok(), c.may_see) << c.user;
    if (!c.may_see) {
      EXPECT_EQ(got.status().code(), Code::kForbidden) << c.user;
    }
    auto list = w.casework->ListReferrals(w.As(c.user), {});
    bool is_role_with_lists =
        std::string(c.user).rfind("gp", 0) == 0 || std::string(c.user).rfind("lw", 0) == 0;
    ASSERT_EQ(list.ok(), is_role_with_lists) << c.user;
    if (list.ok()) {
      EXPECT_EQ(list->total, c.may_see ? 1 : 0) << c.user;
    }
  }
  // A referrer cannot widen their list to another practice.
  EXPECT_EQ(w.casework->ListReferrals(w.As("gp1"), {"P2"}).status().code(), Code::kForbidden);
  // Nobody but referrers and link workers can refer.
  for (const char* u : {"vcse", "commissioner", "admin"}) {
    EXPECT_EQ(w.casework->CreateReferral(w.As(u), w.GoodReferral()).status().code(),
              Code::kForbidden);
  }
}

TEST(Casework, LinkWorkerWalksTheLifeAndReferrerCanOnlyWithdraw) {
  TestWorld w;
  auto gp = w.As("gp1");
  auto lw = w.As("lw1");
  auto id = w.casework->CreateReferral(gp, w.GoodReferral())->referral.id;
  EXPECT_EQ(w.casework->Move(gp, id, {ReferralState::kAccepted, "", ""}).status().code(),
            Code::kForbidden);
  EXPECT_EQ(w.casework->Move(w.As("lw2"), id, {ReferralState::kAccepted, "", ""}).status().code(),
            Code::kForbidden);
  auto accepted = w.casework->Move(lw, id, {ReferralState::kAccepted, "", ""});
  ASSERT_TRUE(accepted.ok()) << accepted.status().message();
  auto illegal = w.casework->Move(lw, id, {ReferralState::kClosed, "", "goals_met"});
  EXPECT_EQ(illegal.status().code(), Code::kConflict);
  EXPECT_NE(illegal.status().message().find("is accepted"), std::string::npos);
  w.clock.Set(testing::kNow + 3600);
  ASSERT_TRUE(w.casework->Move(lw, id, {ReferralState::kContacted, "", ""}).ok());
  ASSERT_TRUE(w.casework->Move(lw, id, {ReferralState::kActive, "", ""}).ok());
  auto closed =
      w.casework->Move(lw, id, {ReferralState::kClosed, "Joined walking group", "goals_met"});
  ASSERT_TRUE(closed.ok());
  EXPECT_EQ(closed->outcome, "goals_met");
  EXPECT_EQ(closed->stamps.size(), 5u);
  auto view = w.casework->View(gp, id);
  ASSERT_TRUE(view.ok());
  const auto& history = view->history;
  ASSERT_EQ(history.size(), 5u);
  EXPECT_EQ(history.at(1).code, "871731000000106");
  EXPECT_EQ(history.at(4).reason, "Joined walking group");
  EXPECT_EQ(view->referral.state, ReferralState::kClosed);

  auto second = w.casework->CreateReferral(gp, w.GoodReferral())->referral.id;
  EXPECT_EQ(w.casework->Move(gp, second, {ReferralState::kWithdrawn, "", ""}).status().code(),
            Code::kInvalid);
  auto withdrawn = w.casework->Move(gp, second, {ReferralState::kWithdrawn, "Moved away", ""});
  ASSERT_TRUE(withdrawn.ok());
  auto declined = w.casework->Move(lw, second, {ReferralState::kDeclined, "x", ""});
  EXPECT_EQ(declined.status().message(),
            "cannot move a referral that is withdrawn to declined; withdrawn is final");
}

TEST(Casework, DeclineCarriesTheSnomedCode) {
  TestWorld w;
  auto id = w.casework->CreateReferral(w.As("gp1"), w.GoodReferral())->referral.id;
  ASSERT_TRUE(
      w.casework->Move(w.As("lw1"), id, {ReferralState::kDeclined, "Clinical need", ""}).ok());
  auto events = w.store->ListEvents(id);
  EXPECT_EQ(events->back().code, "871711000000103");
  EXPECT_EQ(events->back().reason, "Clinical need");
}

TEST(Casework, EveryReadAndWriteIsAudited) {
  TestWorld w;
  auto gp = w.As("gp1");
  auto lw = w.As("lw1");
  auto id = w.casework->CreateReferral(gp, w.GoodReferral())->referral.id;
  EXPECT_TRUE(w.casework->GetReferral(lw, id).ok());
  EXPECT_TRUE(w.casework->Move(lw, id, {ReferralState::kAccepted, "", ""}).ok());
  EXPECT_TRUE(w.casework->View(gp, id).ok());
  // Refused: no data read, no read row.
  EXPECT_FALSE(w.casework->GetReferral(w.As("gp3"), id).ok());
  auto rows = w.store->ListAudit({"referral", std::to_string(id), 0, 100});
  ASSERT_TRUE(rows.ok());
  std::vector<std::string> seen;
  for (auto it = rows->rbegin(); it != rows->rend(); ++it) {
    seen.push_back(it->username + " " + it->role + " " + it->action);
    EXPECT_EQ(it->at, testing::kNow);
  }
  EXPECT_EQ(seen, (std::vector<std::string>{
                      "gp1 referrer referral.create", "lw1 link_worker referral.read",
                      "lw1 link_worker referral.transition", "gp1 referrer referral.read"}));
  EXPECT_TRUE(w.casework->ListReferrals(lw, {}).ok());
  auto lists = w.store->ListAudit({"referral_list", "", 0, 10});
  ASSERT_EQ(lists->size(), 1u);
  EXPECT_EQ(lists->at(0).record_id, "practice=;pcn=PCN1;page=1");
}

TEST(Casework, SignpostsCountAndAreScoped) {
  TestWorld w;
  auto s = w.casework->RecordSignpost(w.As("gp1"), {"Hereford Men's Shed", {"loneliness"}, ""});
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ(s->code, "LW010");
  EXPECT_EQ(w.casework->RecordSignpost(w.As("lw1"), {"x", {"money"}, ""}).status().code(),
            Code::kForbidden);
  EXPECT_EQ(w.casework->ListSignposts(w.As("gp1"), {})->total, 1);
  EXPECT_EQ(w.casework->ListSignposts(w.As("gp2"), {})->total, 0);
  EXPECT_EQ(w.casework->ListSignposts(w.As("lw1"), {})->total, 1);
  EXPECT_EQ(w.casework->ListSignposts(w.As("lw2"), {})->total, 0);
  EXPECT_EQ(w.casework->ListSignposts(w.As("commissioner"), {}).status().code(), Code::kForbidden);
  EXPECT_EQ(w.store->ListAudit({"signpost", "", 0, 10})->size(), 1u);
}

TEST(Casework, DraftsOpenOnceForTheSameOrganisation) {
  TestWorld w;
  auto token = w.casework->CreateDraft(w.As("gpsystem"), "{\"x\":1}");
  ASSERT_TRUE(token.ok());
  EXPECT_EQ(token->size(), 64u);
  auto other = w.casework->CreateDraft(w.As("gpsystem"), "{}");
  EXPECT_EQ(w.casework->OpenDraft(w.As("gp2"), *other).status().code(), Code::kNotFound);
  auto opened = w.casework->OpenDraft(w.As("gp1"), *token);
  ASSERT_TRUE(opened.ok());
  EXPECT_EQ(*opened, "{\"x\":1}");
  EXPECT_EQ(w.casework->OpenDraft(w.As("gp1"), *token).status().code(), Code::kNotFound);
}

}  // namespace
}  // namespace linkway
