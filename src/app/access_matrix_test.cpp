// The access matrix: every route, with what each role may do with a record of its own
// organisation and with one of another, run over a real socket. A route the table does not
// list fails the test, so a new route is denied until someone decides who may call it.
//
// Outcomes: Y served (or refused for its input: 400, 409, 415, 422), S sign in first (401, or a
// redirect to /signin), F forbidden (403), H hidden (404: as if it did not exist), and - where
// there is no "other" record. Columns: nobody signed in, a referrer (gp1, practice P1), a link
// worker (lw1, PCN1), a community organisation (vcse, V1), a commissioner and an administrator
// (both of ICB1). "Own" is a record of P1, PCN1, V1 or ICB1; "other" of P3, PCN2, V2 or ICB2.
// LINKWAY_MATRIX_DUMP=1 prints the table as the server answers it, to review and paste.
#include <gtest/gtest.h>

#include <cstdlib>
#include <map>
#include <set>

#include "auth/secrets.hpp"
#include "support/app_harness.hpp"
#include "support/http_client.hpp"

namespace linkway {
namespace {

using testing::Client;

struct Row {
  const char* route;     // "GET /cases/{id}"
  const char* outcomes;  // six own/other pairs: anonymous, referrer, link worker, vcse,
                         // commissioner, administrator
};

// clang-format off
const Row kMatrix[] = {
#include "app/access_matrix.inc"
};
// clang-format on

const char* const kCallers[] = {"", "gp1", "lw1", "vcse", "commissioner", "admin"};

class AccessMatrix : public testing::ApiServer {
 protected:
  void SetUp() override {
    ApiServer::SetUp();
    Build();
  }

  // Records of both sides: own (P1, PCN1, V1, ICB1) and other (P3, PCN2, V2, ICB2).
  void Build() {
    auto& orgs = *w_.organisations;
    ASSERT_TRUE(orgs.Put({"V2", OrgKind::kVcse, "Other Group", "ICB1", ""}).ok());
    ASSERT_TRUE(orgs.Put({"ICB2", OrgKind::kIcb, "Other ICB", "", ""}).ok());
    ASSERT_TRUE(orgs.Put({"PCN3", OrgKind::kPcn, "Far PCN", "ICB2", ""}).ok());
    ASSERT_TRUE(orgs.Put({"P4", OrgKind::kPractice, "Far Practice", "PCN3", "HR1 2JB"}).ok());
    for (auto [name, role, org] : {std::tuple{"vcse2", Role::kVcse, "V2"},
                                   {"target", Role::kReferrer, "P2"},
                                   {"far", Role::kReferrer, "P4"}}) {
      User u{0, name, name, role, "gp", org, HashPassword("not used here")};
      u.factor_optional = true;
      ASSERT_TRUE(w_.users->AddUser(u).ok());
    }
    Service s;
    s.name = "Riverside walking group";
    s.description = "Weekly walk and tea.";
    s.term_ids = {w_.services->Term("green_nature")->id};
    auto sa = w_.services->Save(w_.As("vcse"), s);
    ASSERT_TRUE(sa.ok()) << sa.status().message();
    s.name = "Hill walking group";
    auto sb = w_.services->Save(w_.As("vcse2"), s);
    ASSERT_TRUE(sb.ok()) << sb.status().message()
                         << (sb.ok() || sb.status().fields().empty()
                                 ? ""
                                 : sb.status().fields()[0].field + " " +
                                       sb.status().fields()[0].message);
    sub_["service"] = {sa->id, sb->id};
    std::int64_t a = ActiveCase("gp1", "P1", "lw1");
    std::int64_t b = ActiveCase("gp3", "P3", "lw2");
    sub_["referral"] = {std::to_string(a), std::to_string(b)};
    auto ka = w_.casework->Connect(w_.As("lw1"), a, "", sub_["service"].first);
    auto kb = w_.casework->Connect(w_.As("lw2"), b, "", sub_["service"].second);
    ASSERT_TRUE(ka.ok()) << ka.status().message();
    ASSERT_TRUE(kb.ok()) << kb.status().message();
    for (auto [who, k] : {std::pair{"lw1", ka->id}, {"lw2", kb->id}}) {
      ASSERT_TRUE(w_.casework->MoveConnection(w_.As(who), k, "agreed", "").ok());
      ASSERT_TRUE(w_.casework->MoveConnection(w_.As(who), k, "sent", "").ok());
    }
    sub_["connection"] = {std::to_string(ka->id), std::to_string(kb->id)};
    std::int64_t fa = ActiveCase("gp1", "P1", "lw1");
    std::int64_t fb = ActiveCase("gp3", "P3", "lw2");
    ASSERT_TRUE(w_.casework->Discharge(w_.As("lw1"), fa, "goals_met", "Settled").ok());
    ASSERT_TRUE(w_.casework->Discharge(w_.As("lw2"), fb, "goals_met", "Settled").ok());
    sub_["feedback"] = {FeedbackId("gp1"), FeedbackId("gp3")};
    ASSERT_TRUE(w_.auth->CreateApiToken("target", "one").ok());
    ASSERT_TRUE(w_.auth->CreateApiToken("far", "other").ok());
    sub_["token"] = {w_.auth->ListApiTokens("target")->front().id,
                     w_.auth->ListApiTokens("far")->front().id};
    sub_["user"] = {std::to_string(w_.users->FindUser("target")->id),
                    std::to_string(w_.users->FindUser("far")->id)};
    sub_["reset"] = {*w_.auth->CreatePasswordReset(w_.users->FindUser("target")->id, 1), ""};
  }

  std::int64_t ActiveCase(const char* gp, const char* practice, const char* lw) {
    auto created = w_.referrals->CreateReferral(w_.As(gp), w_.GoodReferral(practice));
    EXPECT_TRUE(created.ok()) << created.status().message();
    if (!created.ok()) return 0;
    std::int64_t id = created->referral.id;
    EXPECT_TRUE(w_.referrals->Move(w_.As(lw), id, {ReferralState::kAccepted, "", ""}).ok());
    EXPECT_TRUE(w_.casework->LogContact(w_.As(lw), id, {"phone", "2026-11-23", 20, ""}).ok());
    PlanInput plan{{{"Join a walking group", "physical_health", "2027-01-31", "not_started"}},
                   "2027-01-05"};
    EXPECT_TRUE(w_.casework->SavePlan(w_.As(lw), id, plan).ok());
    return id;
  }

  std::string FeedbackId(const char* gp) {
    auto list = w_.casework->ListFeedback(w_.As(gp), 1);
    return std::to_string(list->items.front().id);
  }

  // The route's pattern with its placeholders filled for the own (0) or other (1) record;
  // "" when the route has no other.
  std::string Path(const std::string& pattern, int side) {
    std::string key;
    if (pattern.find("{id}") != std::string::npos) {
      if (pattern.rfind("/api/hsds", 0) == 0) {
        key = "service";
        if (side == 1) return "";
      } else if (pattern.find("/connections/") != std::string::npos) {
        key = "connection";
      } else if (pattern.find("/services/") != std::string::npos) {
        key = "service";
      } else if (pattern.find("/feedback/") != std::string::npos) {
        key = "feedback";
      } else if (pattern.find("/admin/users/") != std::string::npos) {
        key = "user";
      } else if (pattern.find("/admin/tokens/") != std::string::npos) {
        key = "token";
      } else {
        key = "referral";
      }
    }
    std::map<std::string, std::pair<std::string, std::string>> named = {
        {"{username}", {"lw1", "lw2"}},
        {"{token}", sub_["reset"]},
    };
    if (pattern.find("/practices/{code}") != std::string::npos) named["{code}"] = {"P1", "P3"};
    if (pattern.find("/pcns/{code}") != std::string::npos) named["{code}"] = {"PCN1", "PCN2"};
    if (pattern.find("/digest/{code}") != std::string::npos) named["{code}"] = {"P1", "P3"};
    if (pattern.find("/organisations/{code}") != std::string::npos) {
      named["{code}"] = {"P2", "P4"};
    }
    if (!key.empty()) named["{id}"] = sub_[key];
    std::string path = pattern;
    bool any = false;
    for (const auto& [holder, values] : named) {
      std::size_t at = path.find(holder);
      if (at == std::string::npos) continue;
      any = true;
      const std::string& value = side == 0 ? values.first : values.second;
      if (value.empty()) return "";
      path.replace(at, holder.size(), value);
    }
    if (side == 1 && !any) return "";
    return path;
  }

  // One call as `caller`, with a new session of their own, as a browser or script would send it.
  char Outcome(const std::string& method, const std::string& path, const char* caller) {
    Client c("127.0.0.1", port_);
    std::map<std::string, std::string> headers;
    std::string body;
    std::string csrf;
    if (*caller != '\0') {
      std::string token = RandomToken();
      csrf = RandomToken();
      UnixSeconds now = w_.clock.Now();
      EXPECT_TRUE(w_.users
                      ->PutSession({Sha256Hex(token), w_.users->FindUser(caller)->id, csrf, now,
                                    now + Auth::kSessionLifetime})
                      .ok());
      headers["Cookie"] = std::string(kSessionCookieName) + "=" + token;
    }
    if (method != "GET") {
      if (path.rfind("/api/", 0) == 0) {
        body = "{}";
        headers["Content-Type"] = "application/json";
        headers["X-CSRF-Token"] = csrf;
      } else {
        body = "csrf_token=" + csrf;
        headers["Content-Type"] = "application/x-www-form-urlencoded";
      }
    }
    auto r = c.Send(method, path, body, headers);
    if (r.status == 401 || (r.status == 303 && r.Header("location").rfind("/signin", 0) == 0)) {
      return 'S';
    }
    if (r.status == 403) return 'F';
    if (r.status == 404) return 'H';
    if (r.status == 0 || r.status >= 500) return '!';
    return 'Y';
  }

  static constexpr const char* kSessionCookieName = "lw_session";
  std::map<std::string, std::pair<std::string, std::string>> sub_;
};

TEST_F(AccessMatrix, EveryRouteIsListed) {
  std::set<std::string> listed;
  for (const auto& row : kMatrix) listed.insert(row.route);
  for (const auto& route : app_.router.Routes()) {
    EXPECT_EQ(listed.count(route), 1u) << route << " is not in the access matrix "
                                       << "(src/app/access_matrix.inc): decide who may call it";
  }
  std::set<std::string> routes;
  for (const auto& route : app_.router.Routes()) routes.insert(route);
  for (const auto& row : kMatrix) {
    EXPECT_EQ(routes.count(row.route), 1u) << row.route << " is listed but is not a route";
  }
}

TEST_F(AccessMatrix, EveryRoleGetsWhatTheTableSays) {
  bool dump = std::getenv("LINKWAY_MATRIX_DUMP") != nullptr;
  std::map<std::string, std::string> expected;
  for (const auto& row : kMatrix) expected[row.route] = row.outcomes;
  // Routes that end sessions or change who may sign in run last.
  std::vector<std::string> routes = app_.router.Routes();
  std::stable_partition(routes.begin(), routes.end(), [](const std::string& r) {
    return r.find("signout") == std::string::npos && r.find("DELETE /api/v1/session") != 0;
  });
  for (const auto& route : routes) {
    std::string method = route.substr(0, route.find(' '));
    std::string pattern = route.substr(route.find(' ') + 1);
    std::string got;
    for (const char* caller : kCallers) {
      if (!got.empty()) got += ' ';
      for (int side = 0; side < 2; ++side) {
        std::string path = Path(pattern, side);
        got += path.empty() ? '-' : Outcome(method, path, caller);
      }
    }
    if (dump) {
      std::printf("    {\"%s\", \"%s\"},\n", route.c_str(), got.c_str());
      continue;
    }
    auto want = expected.find(route);
    if (want == expected.end()) continue;  // EveryRouteIsListed says so
    EXPECT_EQ(got, want->second) << route;
  }
}

}  // namespace
}  // namespace linkway
