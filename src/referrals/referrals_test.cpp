#include "referrals/referrals.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "support/test_world.hpp"

namespace linkway {
namespace {

using testing::TestWorld;

TEST(Referrals, ReferrerMakesAReferralForTheirPractice) {
  TestWorld w;
  auto gp = w.As("gp1");
  auto input = w.GoodReferral("");
  auto created = w.referrals->CreateReferral(gp, input);
  ASSERT_TRUE(created.ok()) << created.status().message();
  EXPECT_EQ(created->referral.practice_code, "P1");
  EXPECT_EQ(created->referral.pcn_code, "PCN1");
  EXPECT_EQ(created->referral.referrer_profession, "gp");
  auto events = w.referral_store->Events(created->referral.id);
  EXPECT_EQ(events->at(0).code, "LW001");
}

TEST(Referrals, RefusesAnotherPracticeOrUnknownOne) {
  TestWorld w;
  auto r = w.referrals->CreateReferral(w.As("gp1"), w.GoodReferral("P2"));
  ASSERT_EQ(r.status().code(), Code::kInvalid);
  EXPECT_EQ(r.status().fields().at(0).field, "practice");
  r = w.referrals->CreateReferral(w.As("lw1"), w.GoodReferral("ZZZ"));
  EXPECT_EQ(r.status().fields().at(0).message, "is not a known GP practice code");
  r = w.referrals->CreateReferral(w.As("lw1"), w.GoodReferral("P3"));
  EXPECT_EQ(r.status().fields().at(0).message, "is not in your primary care network");
}

struct AccessCase {
  const char* user;
  bool may_see;  // the referral made by gp1 at P1 (PCN1)
};

TEST(Referrals, AccessRulesForEveryRole) {
  TestWorld w;
  auto id = w.referrals->CreateReferral(w.As("gp1"), w.GoodReferral())->referral.id;
  const AccessCase cases[] = {
      {"gp1", true},  {"gpsystem", true}, {"gp2", false},          {"gp3", false},   {"lw1", true},
      {"lw2", false}, {"vcse", false},    {"commissioner", false}, {"admin", false},
  };
  for (const auto& c : cases) {
    auto got = w.referrals->GetReferral(w.As(c.user), id);
    EXPECT_EQ(got.ok(), c.may_see) << c.user;
    if (!c.may_see) {
      // A role that never sees referrals is refused; one that sees others' is told nothing.
      auto role = w.As(c.user).role;
      bool sees_some = role == Role::kReferrer || role == Role::kLinkWorker;
      EXPECT_EQ(got.status().code(), sees_some ? Code::kNotFound : Code::kForbidden) << c.user;
    }
    auto list = w.referrals->ListReferrals(w.As(c.user), {});
    bool is_role_with_lists =
        std::string(c.user).rfind("gp", 0) == 0 || std::string(c.user).rfind("lw", 0) == 0;
    ASSERT_EQ(list.ok(), is_role_with_lists) << c.user;
    if (list.ok()) {
      EXPECT_EQ(list->total, c.may_see ? 1 : 0) << c.user;
    }
  }
  // A referrer cannot widen their list to another practice.
  EXPECT_EQ(w.referrals->ListReferrals(w.As("gp1"), {"P2"}).status().code(), Code::kForbidden);
  // Nobody but referrers and link workers can refer.
  for (const char* u : {"vcse", "commissioner", "admin"}) {
    EXPECT_EQ(w.referrals->CreateReferral(w.As(u), w.GoodReferral()).status().code(),
              Code::kForbidden);
  }
}

TEST(Referrals, LinkWorkerWalksTheLifeAndReferrerCanOnlyWithdraw) {
  TestWorld w;
  auto gp = w.As("gp1");
  auto lw = w.As("lw1");
  auto id = w.referrals->CreateReferral(gp, w.GoodReferral())->referral.id;
  EXPECT_EQ(w.referrals->Move(gp, id, {ReferralState::kAccepted, "", ""}).status().code(),
            Code::kForbidden);
  EXPECT_EQ(w.referrals->Move(w.As("lw2"), id, {ReferralState::kAccepted, "", ""}).status().code(),
            Code::kNotFound);  // another PCN's: as if there were none
  auto accepted = w.referrals->Move(lw, id, {ReferralState::kAccepted, "", ""});
  ASSERT_TRUE(accepted.ok()) << accepted.status().message();
  auto illegal = w.referrals->Move(lw, id, {ReferralState::kClosed, "", "goals_met"});
  EXPECT_EQ(illegal.status().code(), Code::kConflict);
  EXPECT_NE(illegal.status().message().find("is accepted"), std::string::npos);
  w.clock.Set(testing::kNow + 3600);
  ASSERT_TRUE(w.referrals->Move(lw, id, {ReferralState::kContacted, "", ""}).ok());
  ASSERT_TRUE(w.referrals->Move(lw, id, {ReferralState::kActive, "", ""}).ok());
  auto closed =
      w.referrals->Move(lw, id, {ReferralState::kClosed, "Joined walking group", "goals_met"});
  ASSERT_TRUE(closed.ok());
  EXPECT_EQ(closed->outcome, "goals_met");
  EXPECT_EQ(closed->stamps.size(), 5u);
  auto view = w.referrals->View(gp, id);
  ASSERT_TRUE(view.ok());
  const auto& history = view->history;
  ASSERT_EQ(history.size(), 5u);
  EXPECT_EQ(history.at(1).code, "871731000000106");
  EXPECT_EQ(history.at(4).reason, "Joined walking group");
  EXPECT_EQ(view->referral.state, ReferralState::kClosed);

  auto second = w.referrals->CreateReferral(gp, w.GoodReferral())->referral.id;
  EXPECT_EQ(w.referrals->Move(gp, second, {ReferralState::kWithdrawn, "", ""}).status().code(),
            Code::kInvalid);
  auto withdrawn = w.referrals->Move(gp, second, {ReferralState::kWithdrawn, "Moved away", ""});
  ASSERT_TRUE(withdrawn.ok());
  auto declined = w.referrals->Move(lw, second, {ReferralState::kDeclined, "x", ""});
  EXPECT_EQ(declined.status().message(),
            "cannot move a referral that is withdrawn to declined; withdrawn is final");
}

TEST(Referrals, DeclineCarriesTheSnomedCode) {
  TestWorld w;
  auto id = w.referrals->CreateReferral(w.As("gp1"), w.GoodReferral())->referral.id;
  ASSERT_TRUE(
      w.referrals->Move(w.As("lw1"), id, {ReferralState::kDeclined, "Clinical need", ""}).ok());
  auto events = w.referral_store->Events(id);
  EXPECT_EQ(events->back().code, "871711000000103");
  EXPECT_EQ(events->back().reason, "Clinical need");
}

TEST(Referrals, EveryReadAndWriteIsAudited) {
  TestWorld w;
  auto gp = w.As("gp1");
  auto lw = w.As("lw1");
  auto id = w.referrals->CreateReferral(gp, w.GoodReferral())->referral.id;
  EXPECT_TRUE(w.referrals->GetReferral(lw, id).ok());
  EXPECT_TRUE(w.referrals->Move(lw, id, {ReferralState::kAccepted, "", ""}).ok());
  EXPECT_TRUE(w.referrals->View(gp, id).ok());
  // Refused: no data read, and a row that says it was refused.
  EXPECT_FALSE(w.referrals->GetReferral(w.As("gp3"), id).ok());
  auto rows = w.audit->List({"referral", std::to_string(id), 0, 100});
  ASSERT_TRUE(rows.ok());
  std::vector<std::string> seen;
  for (auto it = rows->rbegin(); it != rows->rend(); ++it) {
    seen.push_back(it->username + " " + it->role + " " + it->action);
    EXPECT_EQ(it->at, testing::kNow);
  }
  EXPECT_EQ(seen, (std::vector<std::string>{
                      "gp1 referrer referral.create", "lw1 link_worker referral.read",
                      "lw1 link_worker referral.transition", "gp1 referrer referral.read",
                      "gp3 referrer referral.read.refused"}));
  EXPECT_TRUE(w.referrals->ListReferrals(lw, {}).ok());
  auto lists = w.audit->List({"referral_list", "", 0, 10});
  ASSERT_EQ(lists->size(), 1u);
  EXPECT_EQ(lists->at(0).record_id, "practice=;pcn=PCN1;page=1");
}

TEST(Referrals, SignpostsCountAndAreScoped) {
  TestWorld w;
  auto s = w.referrals->RecordSignpost(w.As("gp1"), {"Hereford Men's Shed", {"loneliness"}, ""});
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ(s->code, "LW010");
  EXPECT_EQ(w.referrals->RecordSignpost(w.As("lw1"), {"x", {"money"}, ""}).status().code(),
            Code::kForbidden);
  EXPECT_EQ(w.referrals->ListSignposts(w.As("gp1"), {})->total, 1);
  EXPECT_EQ(w.referrals->ListSignposts(w.As("gp2"), {})->total, 0);
  EXPECT_EQ(w.referrals->ListSignposts(w.As("lw1"), {})->total, 1);
  EXPECT_EQ(w.referrals->ListSignposts(w.As("lw2"), {})->total, 0);
  EXPECT_EQ(w.referrals->ListSignposts(w.As("commissioner"), {}).status().code(), Code::kForbidden);
  EXPECT_EQ(w.audit->List({"signpost", "", 0, 10})->size(), 1u);
}

TEST(Referrals, DraftsOpenOnceForTheSameOrganisation) {
  TestWorld w;
  auto token = w.referrals->CreateDraft(w.As("gpsystem"), "{\"x\":1}");
  ASSERT_TRUE(token.ok());
  EXPECT_EQ(token->size(), 64u);
  auto other = w.referrals->CreateDraft(w.As("gpsystem"), "{}");
  EXPECT_EQ(w.referrals->OpenDraft(w.As("gp2"), *other).status().code(), Code::kNotFound);
  auto opened = w.referrals->OpenDraft(w.As("gp1"), *token);
  ASSERT_TRUE(opened.ok());
  EXPECT_EQ(*opened, "{\"x\":1}");
  EXPECT_EQ(w.referrals->OpenDraft(w.As("gp1"), *token).status().code(), Code::kNotFound);
}

// Hardening finding 6: a referrer at a PCN or the ICB could refer for any practice anywhere.
TEST(Referrals, ReferrersOutsideAPracticeReferOnlyIntoTheirArea) {
  TestWorld w;
  auto add = [&](const char* name, const char* org) {
    User u;
    u.username = name;
    u.display_name = name;
    u.role = Role::kReferrer;
    u.profession = "pharmacist";
    u.org_code = org;
    EXPECT_TRUE(w.users->AddUser(u).ok());
    return w.As(name);
  };
  auto pcn = add("pcn.pharmacist", "PCN1");
  auto agency = add("fire.officer", "ICB1");
  EXPECT_TRUE(w.referrals->CreateReferral(pcn, w.GoodReferral("P2")).ok());
  auto outside = w.referrals->CreateReferral(pcn, w.GoodReferral("P3"));  // PCN2's practice
  ASSERT_EQ(outside.status().code(), Code::kInvalid);
  EXPECT_EQ(outside.status().fields().at(0).field, "practice");
  EXPECT_TRUE(w.referrals->CreateReferral(agency, w.GoodReferral("P3")).ok());
}

// Hardening finding 6, second part: an agency (here a fire station) has an area, the PCNs or
// the ICB it refers into, and refers nowhere else.
TEST(Referrals, AnAgencyRefersOnlyIntoItsArea) {
  TestWorld w;
  ASSERT_TRUE(
      w.organisations->Put({"FIRE1", OrgKind::kAgency, "Fire and Rescue", "", "", "PCN1"}).ok());
  // Only PCNs or the ICB can be an area, and only an agency has one.
  auto bad = w.organisations->Put({"FIRE2", OrgKind::kAgency, "Fire", "", "", "P1"});
  ASSERT_EQ(bad.code(), Code::kInvalid);
  EXPECT_EQ(bad.fields().at(0).field, "areas");
  EXPECT_EQ(w.organisations->Put({"FIRE3", OrgKind::kAgency, "Fire", "", "", "NOPE"}).code(),
            Code::kInvalid);
  EXPECT_EQ(w.organisations->Put({"P9", OrgKind::kPractice, "Ninth", "PCN1", "", "PCN1"}).code(),
            Code::kInvalid);
  ASSERT_TRUE(
      w.auth->AddUser({"fire.officer", "Sam Fire", Role::kReferrer, "other", "FIRE1", ""}).ok());
  // Staff of an agency can only refer: a link worker's role does not fit it.
  EXPECT_EQ(w.auth->AddUser({"fire.lw", "", Role::kLinkWorker, "", "FIRE1", ""}).status().code(),
            Code::kInvalid);
  auto officer = w.As("fire.officer");
  EXPECT_TRUE(w.referrals->CreateReferral(officer, w.GoodReferral("P1")).ok());
  auto outside = w.referrals->CreateReferral(officer, w.GoodReferral("P3"));
  ASSERT_EQ(outside.status().code(), Code::kInvalid);
  EXPECT_EQ(outside.status().fields().at(0).message, "is not in your organisation's area");
  // An agency whose area is the whole ICB refers into any of its practices.
  ASSERT_TRUE(
      w.organisations->Put({"FIRE1", OrgKind::kAgency, "Fire and Rescue", "", "", "ICB1"}).ok());
  // The organisation cache hears of the change by notice (on PostgreSQL, a moment later).
  bool in = false;
  for (int i = 0; i < 100 && !in; ++i) {
    in = w.referrals->CreateReferral(officer, w.GoodReferral("P3")).ok();
    if (!in) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_TRUE(in);
}

// Hardening finding 5: another organisation's try used the draft up before it was refused.
TEST(Referrals, AnotherOrganisationCannotUseUpADraft) {
  TestWorld w;
  auto token = w.referrals->CreateDraft(w.As("gpsystem"), "{\"x\":1}");
  ASSERT_TRUE(token.ok());
  EXPECT_EQ(w.referrals->OpenDraft(w.As("gp2"), *token).status().code(), Code::kNotFound);
  EXPECT_EQ(w.referrals->OpenDraft(w.As("lw1"), *token).status().code(), Code::kNotFound);
  EXPECT_EQ(w.referrals->OpenDraft(w.As("vcse"), *token).status().code(), Code::kForbidden);
  auto opened = w.referrals->OpenDraft(w.As("gp1"), *token);
  ASSERT_TRUE(opened.ok());
  EXPECT_EQ(*opened, "{\"x\":1}");
}

TEST(Referrals, UsedAndExpiredDraftsArePurged) {
  TestWorld w;
  auto used = w.referrals->CreateDraft(w.As("gpsystem"), "{}");
  auto live = w.referrals->CreateDraft(w.As("gpsystem"), "{}");
  ASSERT_TRUE(used.ok() && live.ok());
  ASSERT_TRUE(w.referrals->OpenDraft(w.As("gp1"), *used).ok());
  auto removed = w.referral_store->PurgeDrafts(testing::kNow + 1);
  ASSERT_TRUE(removed.ok());
  EXPECT_EQ(*removed, 1);  // the used one; the live one stays
  EXPECT_TRUE(w.referrals->OpenDraft(w.As("gp1"), *live).ok());
  auto expired = w.referrals->CreateDraft(w.As("gpsystem"), "{}");
  ASSERT_TRUE(expired.ok());
  EXPECT_EQ(*w.referral_store->PurgeDrafts(testing::kNow + Referrals::kDraftLifetime + 1), 2);
}

}  // namespace
}  // namespace linkway
