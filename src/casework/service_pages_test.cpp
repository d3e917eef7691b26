// The pages of connections to directory services, through the router: the link worker's
// choice of a service (capacity shown, a full service not offered), the community
// organisation's inbox and answers, and refusals for other roles.
#include <gtest/gtest.h>

#include <map>

#include "auth/secrets.hpp"
#include "support/app_harness.hpp"

namespace linkway {
namespace {

using testing::Encode;

class ServicePagesTest : public testing::PagesTest {
 protected:
  std::string Listed(const std::string& name, const std::string& capacity = "accepting") {
    Service s;
    s.name = name;
    s.description = "Weekly walk and tea.";
    s.term_ids = {w_.services->Term("green_nature")->id};
    auto saved = w_.services->Save(w_.As("vcse"), s);
    EXPECT_TRUE(saved.ok());
    if (capacity != "accepting") {
      EXPECT_TRUE(w_.services->SetCapacity(w_.As("vcse"), saved->id, capacity, 0).ok());
    }
    return saved->id;
  }
  std::string Contacted() {
    auto created = w_.referrals->CreateReferral(w_.As("gp1"), w_.GoodReferral("P1"));
    std::int64_t id = created->referral.id;
    EXPECT_TRUE(w_.referrals->Move(w_.As("lw1"), id, {ReferralState::kAccepted, "", ""}).ok());
    EXPECT_TRUE(w_.casework->LogContact(w_.As("lw1"), id, {"phone", "2026-11-23", 20, ""}).ok());
    return std::to_string(id);
  }
};

TEST_F(ServicePagesTest, ALinkWorkerChoosesAServiceSeeingItsCapacity) {
  std::string open = Listed("Riverside walking group");
  std::string full = Listed("Hill walking group", "not_accepting");
  std::string id = Contacted();
  auto lw = SignIn("lw1");
  auto page = Send("GET", "/cases/" + id + "/connect?q=walking", lw.cookie);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Riverside walking group"), std::string::npos);
  EXPECT_NE(page.body.find("Accepting referrals"), std::string::npos);
  EXPECT_NE(page.body.find("Not accepting referrals"), std::string::npos);
  // The full service is shown but cannot be chosen.
  EXPECT_NE(page.body.find("Hill walking group"), std::string::npos);
  EXPECT_EQ(page.body.find("value=\"" + full + "\""), std::string::npos);
  EXPECT_NE(page.body.find("value=\"" + open + "\""), std::string::npos);
  auto none =
      Send("POST", "/cases/" + id + "/connect", lw.cookie, Encode({{"csrf_token", lw.csrf}}));
  EXPECT_EQ(none.status, 422);
  EXPECT_NE(none.body.find("Choose a service"), std::string::npos);
  auto refused = Send("POST", "/cases/" + id + "/connect", lw.cookie,
                      Encode({{"csrf_token", lw.csrf}, {"service", full}}));
  EXPECT_EQ(refused.status, 422);
  EXPECT_NE(refused.body.find("is not taking referrals"), std::string::npos);
  auto made = Send("POST", "/cases/" + id + "/connect", lw.cookie,
                   Encode({{"csrf_token", lw.csrf}, {"service", open}}));
  EXPECT_EQ(made.status, 303);
  auto file = w_.casework->Open(w_.As("lw1"), std::stoll(id));
  ASSERT_EQ(file->connections.size(), 1U);
  EXPECT_EQ(file->connections[0].service_id, open);
  EXPECT_EQ(Send("GET", "/cases/" + id + "/connect", SignIn("vcse").cookie).status, 403);
}

TEST_F(ServicePagesTest, TheOrganisationAnswersFromItsInbox) {
  std::string service = Listed("Riverside walking group");
  std::string id = Contacted();
  auto k = w_.casework->Connect(w_.As("lw1"), std::stoll(id), "", service);
  ASSERT_TRUE(w_.casework->MoveConnection(w_.As("lw1"), k->id, "agreed", "").ok());
  ASSERT_TRUE(w_.casework->MoveConnection(w_.As("lw1"), k->id, "sent", "").ok());
  auto vcse = SignIn("vcse");
  EXPECT_EQ(Send("GET", "/", vcse.cookie).Header("Location"), "/connections");
  auto inbox = Send("GET", "/connections", vcse.cookie);
  ASSERT_EQ(inbox.status, 200);
  std::string href = "/connections/" + std::to_string(k->id);
  EXPECT_NE(inbox.body.find(href), std::string::npos);
  auto one = Send("GET", href, vcse.cookie);
  ASSERT_EQ(one.status, 200);
  EXPECT_NE(one.body.find("Accept: we will contact them"), std::string::npos);
  auto no_reason = Send("POST", href + "/answer", vcse.cookie,
                        Encode({{"csrf_token", vcse.csrf}, {"to", "declined"}}));
  EXPECT_EQ(no_reason.status, 422);
  auto accepted = Send("POST", href + "/answer", vcse.cookie,
                       Encode({{"csrf_token", vcse.csrf}, {"to", "accepted"}}));
  EXPECT_EQ(accepted.status, 303);
  auto attended = Send("POST", href + "/answer", vcse.cookie,
                       Encode({{"csrf_token", vcse.csrf}, {"to", "attended"}}));
  EXPECT_EQ(attended.status, 303);
  EXPECT_EQ(w_.casework->Open(w_.As("lw1"), std::stoll(id))->connections[0].state, "attended");
  EXPECT_EQ(Send("GET", "/connections", SignIn("lw1").cookie).status, 403);
  EXPECT_EQ(Send("POST", href + "/answer", vcse.cookie, "to=accepted").status, 403);  // no csrf
}

TEST_F(ServicePagesTest, ThePublicSearchesAndReadsAServiceWithoutSigningIn) {
  std::string service = Listed("Riverside walking group");
  ASSERT_TRUE(w_.postcodes
                  ->Put({{"HR1 2JB", "E01014010", 3, "C1", "Urban city and town",
                          GeoPoint{52.0567, -2.7150}}})
                  .ok());
  auto search = Send("GET", "/directory?q=walking");
  ASSERT_EQ(search.status, 200);
  EXPECT_NE(search.body.find("1 service found"), std::string::npos);
  EXPECT_NE(search.body.find("/directory/services/" + service), std::string::npos);
  auto bad = Send("GET", "/directory?q=walking&postcode=ZZ1+1ZZ");
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("not a postcode we know"), std::string::npos);
  auto page = Send("GET", "/directory/services/" + service);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Riverside walking group"), std::string::npos);
  EXPECT_NE(page.body.find("How this service answers referrals"), std::string::npos);
  EXPECT_EQ(Send("GET", "/directory/services/nope").status, 404);
}

TEST_F(ServicePagesTest, TheOrganisationEditsItsListingAndCapacity) {
  std::string service = Listed("Riverside walking group");
  auto vcse = SignIn("vcse");
  auto mine = Send("GET", "/directory/mine", vcse.cookie);
  ASSERT_EQ(mine.status, 200);
  EXPECT_NE(mine.body.find("Riverside walking group"), std::string::npos);
  auto weeks =
      Send("POST", "/directory/services/" + service + "/capacity", vcse.cookie,
           Encode({{"csrf_token", vcse.csrf}, {"capacity", "waiting_list"}, {"wait_weeks", ""}}));
  EXPECT_EQ(weeks.status, 422);
  auto set =
      Send("POST", "/directory/services/" + service + "/capacity", vcse.cookie,
           Encode({{"csrf_token", vcse.csrf}, {"capacity", "waiting_list"}, {"wait_weeks", "6"}}));
  EXPECT_EQ(set.status, 303);
  EXPECT_EQ(w_.services->Get(service)->capacity.wait_weeks, 6);
  auto bad = Send("POST", "/directory/services/" + service + "/edit", vcse.cookie,
                  Encode({{"csrf_token", vcse.csrf}, {"name", ""}, {"opens", "9am"}}));
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("There is a problem"), std::string::npos);
  auto good = Send("POST", "/directory/services/" + service + "/edit", vcse.cookie,
                   Encode({{"csrf_token", vcse.csrf},
                           {"name", "Riverside walks"},
                           {"description", "A walk."},
                           {"category", "green_nature"},
                           {"day", "TU"},
                           {"opens", "10:00"},
                           {"closes", "11:30"},
                           {"assured", "yes"}}));
  EXPECT_EQ(good.status, 303);
  EXPECT_EQ(w_.services->Get(service)->name, "Riverside walks");
  auto edit = Send("GET", "/directory/services/" + service + "/edit", vcse.cookie);
  EXPECT_NE(edit.body.find("Changes to this listing"), std::string::npos);
  EXPECT_NE(edit.body.find("Changed name"), std::string::npos);
  EXPECT_EQ(Send("GET", "/directory/services/" + service + "/edit", SignIn("lw1").cookie).status,
            403);
}

// Who may open what: the public pages for everyone; the organisation's pages for its own users
// (an admin may edit any listing); another organisation's service or connection answers as if it
// did not exist.
TEST_F(ServicePagesTest, EveryRoleOnTheDirectoryAndConnectionPages) {
  ASSERT_TRUE(w_.organisations->Put({"V2", OrgKind::kVcse, "Other Group", "ICB1", ""}).ok());
  User other;
  other.username = "vcse2";
  other.display_name = "User vcse2";
  other.role = Role::kVcse;
  other.org_code = "V2";
  other.password_hash = HashPassword(testing::kPassword);
  other.factor_optional = true;  // like the world's other test accounts
  ASSERT_TRUE(w_.users->AddUser(other).ok());
  std::string service = Listed("Riverside walking group");
  std::string id = Contacted();
  auto k = w_.casework->Connect(w_.As("lw1"), std::stoll(id), "", service);
  ASSERT_TRUE(w_.casework->MoveConnection(w_.As("lw1"), k->id, "agreed", "").ok());
  ASSERT_TRUE(w_.casework->MoveConnection(w_.As("lw1"), k->id, "sent", "").ok());
  std::string connection = "/connections/" + std::to_string(k->id);
  std::string edit = "/directory/services/" + service + "/edit";
  // "" is nobody signed in.
  const std::vector<std::string> users = {"",     "gp1",   "lw1",          "lw2",
                                          "vcse", "vcse2", "commissioner", "admin"};
  // Expected status for each user, in the order of `users`.
  const std::vector<std::pair<std::string, std::vector<int>>> table = {
      {"/directory", {200, 200, 200, 200, 200, 200, 200, 200}},
      {"/directory/services/" + service, {200, 200, 200, 200, 200, 200, 200, 200}},
      {"/self-referral", {200, 200, 200, 200, 200, 200, 200, 200}},
      {"/api/hsds/services/" + service, {200, 200, 200, 200, 200, 200, 200, 200}},
      {"/directory/mine", {303, 403, 403, 403, 200, 200, 403, 403}},
      {edit, {303, 403, 403, 403, 200, 404, 403, 200}},
      {"/connections", {303, 403, 403, 403, 200, 200, 403, 403}},
      {connection, {303, 403, 403, 403, 200, 404, 403, 403}},
      {"/cases/" + id + "/connect", {303, 403, 200, 404, 403, 403, 403, 403}},
  };
  std::map<std::string, std::string> cookies;
  for (const auto& u : users) cookies[u] = u.empty() ? "" : SignIn(u).cookie;
  for (const auto& [target, expected] : table) {
    for (std::size_t i = 0; i < users.size(); ++i) {
      EXPECT_EQ(Send("GET", target, cookies[users[i]]).status, expected[i])
          << "GET " << target << " as " << (users[i].empty() ? "nobody" : users[i]);
    }
  }
  // Writes to another organisation's service or connection are refused as not found.
  auto vcse2 = SignIn("vcse2");
  EXPECT_EQ(Send("POST", "/directory/services/" + service + "/capacity", vcse2.cookie,
                 Encode({{"csrf_token", vcse2.csrf}, {"capacity", "not_accepting"}}))
                .status,
            404);
  EXPECT_EQ(Send("POST", connection + "/answer", vcse2.cookie,
                 Encode({{"csrf_token", vcse2.csrf}, {"to", "accepted"}}))
                .status,
            404);
  EXPECT_EQ(w_.services->Get(service)->capacity.state, "accepting");
  // The other organisation's inbox does not list it.
  EXPECT_EQ(Send("GET", "/connections", vcse2.cookie).body.find(connection), std::string::npos);
}

}  // namespace
}  // namespace linkway
