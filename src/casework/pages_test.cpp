// The casework pages through the router, as a browser sends them: the lists, the case page,
// its forms (errors shown on the form, values kept, nothing saved), feedback and presence.
#include <gtest/gtest.h>

#include "support/app_harness.hpp"

namespace linkway {
namespace {

using testing::Encode;

class CaseworkPagesTest : public testing::PagesTest {
 protected:
  std::string Accepted() {
    auto created = w_.referrals->CreateReferral(w_.As("gp1"), w_.GoodReferral("P1"));
    EXPECT_TRUE(created.ok());
    std::int64_t id = created->referral.id;
    EXPECT_TRUE(w_.referrals->Move(w_.As("lw1"), id, {ReferralState::kAccepted, "", ""}).ok());
    return std::to_string(id);
  }
};

TEST_F(CaseworkPagesTest, ALinkWorkerSeesTheWaitingListAndCaseload) {
  std::string id = Accepted();
  auto lw = SignIn("lw1");
  auto home = Send("GET", "/", lw.cookie);
  EXPECT_EQ(home.Header("Location"), "/casework");
  auto page = Send("GET", "/casework", lw.cookie);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Waiting list: First PCN"), std::string::npos);
  EXPECT_NE(page.body.find("/cases/" + id), std::string::npos);
  EXPECT_NE(page.body.find("Load against capacity"), std::string::npos);
  auto caseload = Send("GET", "/casework/caseload", lw.cookie);
  ASSERT_EQ(caseload.status, 200);
  EXPECT_NE(caseload.body.find("Nobody is on the caseload."), std::string::npos);
  EXPECT_EQ(Send("GET", "/casework", SignIn("gp1").cookie).status, 403);
}

TEST_F(CaseworkPagesTest, TheCasePageAndItsFormsWork) {
  std::string id = Accepted();
  auto lw = SignIn("lw1");
  auto page = Send("GET", "/cases/" + id, lw.cookie);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Log a contact"), std::string::npos);
  auto form = Send("GET", "/cases/" + id + "/contact", lw.cookie);
  ASSERT_EQ(form.status, 200);
  auto bad = Send(
      "POST", "/cases/" + id + "/contact", lw.cookie,
      Encode(
          {{"csrf_token", lw.csrf}, {"kind", "phone"}, {"date", "2030-01-01"}, {"minutes", "20"}}));
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("There is a problem"), std::string::npos);
  EXPECT_NE(bad.body.find("Date must not be in the future"), std::string::npos);
  EXPECT_NE(bad.body.find("value=\"2030-01-01\""), std::string::npos);  // kept
  auto good = Send(
      "POST", "/cases/" + id + "/contact", lw.cookie,
      Encode(
          {{"csrf_token", lw.csrf}, {"kind", "phone"}, {"date", "2026-11-24"}, {"minutes", "20"}}));
  EXPECT_EQ(good.status, 303);
  auto plan = Send("POST", "/cases/" + id + "/plan", lw.cookie,
                   Encode({{"csrf_token", lw.csrf},
                           {"goals[0].text", "Join the choir"},
                           {"goals[0].domain", "loneliness"},
                           {"goals[0].target_date", "2027-01-01"},
                           {"goals[0].status", "not_started"},
                           {"goals[1].text", ""},
                           {"goals[1].domain", ""},
                           {"goals[1].target_date", ""},
                           {"goals[1].status", "not_started"},
                           {"goals[2].text", ""},
                           {"goals[2].domain", "money"},
                           {"goals[2].target_date", "2027-01-01"},
                           {"goals[2].status", "not_started"},
                           {"review_date", "2027-01-05"}}));
  EXPECT_EQ(plan.status, 422);
  // The error names the row the person filled in, not its place among the goals given.
  EXPECT_NE(plan.body.find("#goals-2-text"), std::string::npos) << plan.body;
  EXPECT_TRUE(w_.casework->GetPlan(w_.As("lw1"), std::stoll(id))->goals.empty());
  EXPECT_EQ(Send("POST", "/cases/" + id + "/note", lw.cookie, "text=x").status, 403);  // no csrf
  EXPECT_EQ(Send("GET", "/cases/" + id, SignIn("lw2").cookie).status, 404);
  auto measure = Send("GET", "/cases/" + id + "/measure?measure=ucla3", lw.cookie);
  ASSERT_EQ(measure.status, 200);
  EXPECT_NE(measure.body.find("How often do you feel left out?"), std::string::npos);
}

TEST_F(CaseworkPagesTest, AReferrerReadsFeedbackAndSeesTheirLinkWorker) {
  std::string id = Accepted();
  auto me = w_.As("lw1");
  std::int64_t n = std::stoll(id);
  ASSERT_TRUE(w_.casework->LogContact(me, n, {"phone", "2026-11-24", 20, ""}).ok());
  ASSERT_TRUE(
      w_.casework
          ->SavePlan(me, n,
                     {{{"Walk weekly", "physical_health", "2027-01-01", "achieved"}}, "2027-01-05"})
          .ok());
  ASSERT_TRUE(w_.casework->Discharge(me, n, "goals_met", "Walking weekly").ok());
  ASSERT_TRUE(w_.casework->SetPresence(me, "lw1", {{3, "morning", "P1", ""}}).ok());
  auto gp = SignIn("gp1");
  auto list = Send("GET", "/feedback", gp.cookie);
  ASSERT_EQ(list.status, 200);
  EXPECT_NE(list.body.find("Unread"), std::string::npos);
  auto fid = w_.casework->ListFeedback(w_.As("gp1"), 1)->items.at(0).id;
  auto letter = Send("GET", "/feedback/" + std::to_string(fid), gp.cookie);
  ASSERT_EQ(letter.status, 200);
  EXPECT_NE(letter.body.find("Walking weekly"), std::string::npos);
  EXPECT_NE(letter.body.find("What happened"), std::string::npos);
  auto practice = Send("GET", "/practices/P1/link-worker", gp.cookie);
  ASSERT_EQ(practice.status, 200);
  EXPECT_NE(practice.body.find("User lw1"), std::string::npos);
  EXPECT_NE(practice.body.find("Wednesday"), std::string::npos);
  EXPECT_EQ(Send("GET", "/feedback/" + std::to_string(fid), SignIn("gp3").cookie).status, 404);
}

TEST_F(CaseworkPagesTest, ALinkWorkerSetsTheirPresenceAndCapacity) {
  auto lw = SignIn("lw1");
  ASSERT_EQ(Send("GET", "/link-workers/lw1", lw.cookie).status, 200);
  auto saved = Send("POST", "/link-workers/lw1/presence", lw.cookie,
                    Encode({{"csrf_token", lw.csrf}, {"presence-2-afternoon", "P2"}}));
  EXPECT_EQ(saved.status, 303);
  EXPECT_EQ(w_.casework->GetPresence(w_.As("lw1"), "lw1")->size(), 1u);
  auto bad = Send("POST", "/link-workers/lw1/settings", lw.cookie,
                  Encode({{"csrf_token", lw.csrf}, {"capacity", "0"}, {"email", "nope"}}));
  EXPECT_EQ(bad.status, 422);
  auto good = Send("POST", "/link-workers/lw1/settings", lw.cookie,
                   Encode({{"csrf_token", lw.csrf}, {"capacity", "200"}, {"email", "a@nhs.net"}}));
  EXPECT_EQ(good.status, 303);
  EXPECT_EQ(w_.casework->GetLinkWorker(w_.As("lw1"), "lw1")->capacity, 200);
}

}  // namespace
}  // namespace linkway
