// The casework API over a real socket: a case worked from acceptance to feedback, the lists,
// problem details for bad input, and access by role.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "support/app_harness.hpp"

namespace linkway {
namespace {

namespace json = boost::json;
using testing::Client;

constexpr char kReferral[] = R"({"patient": {"nhs_number": "943 476 5919", "given_name": "Ann",
  "family_name": "Smith", "date_of_birth": "1948-03-02", "postcode": "HR4 7DD",
  "phone": "01432 000000"}, "practice": "P1", "reasons": ["loneliness"],
  "consent": {"referral": true, "share_with_link_worker": true}, "urgency": "routine"})";

class CaseworkApi : public testing::ApiServer {
 protected:
  std::string Accepted() {
    auto gp = As("gp1");
    auto r = gp->Json("POST", "/api/v1/referrals", kReferral);
    EXPECT_EQ(r.status, 201) << r.body;
    std::string id = std::to_string(json::parse(r.body).at("id").as_int64());
    auto lw = As("lw1");
    auto a = lw->Json("POST", "/api/v1/referrals/" + id + "/transitions", R"({"to": "accepted"})");
    EXPECT_EQ(a.status, 200) << a.body;
    return id;
  }
  static std::string FieldError(const std::string& body, const std::string& field) {
    auto v = json::parse(body);
    for (const auto& e : v.at("errors").as_array()) {
      if (e.at("field").as_string() == field) return std::string(e.at("message").as_string());
    }
    return "";
  }
};

TEST_F(CaseworkApi, ACaseFromAcceptanceToFeedback) {
  std::string id = Accepted();
  auto lw = As("lw1");
  auto waiting = lw->Json("GET", "/api/v1/waiting-list?pcn=PCN1");
  ASSERT_EQ(waiting.status, 200) << waiting.body;
  auto list = json::parse(waiting.body);
  ASSERT_EQ(list.at("total").as_int64(), 1);
  EXPECT_EQ(list.at("items").at(0).at("link_worker").as_string(), "lw1");
  EXPECT_EQ(list.at("items").at(0).at("days_waiting").as_int64(), 0);

  std::string base = "/api/v1/referrals/" + id;
  EXPECT_EQ(lw->Json("POST", base + "/contacts",
                     R"({"kind": "phone", "date": "2026-11-24", "minutes": 30})")
                .status,
            201);
  EXPECT_EQ(lw->Json("PUT", base + "/what-matters",
                     R"({"domains": {"loneliness": "Misses the choir"}, "intensity": "light"})")
                .status,
            200);
  auto plan = lw->Json("PUT", base + "/plan",
                       R"({"goals": [{"text": "Rejoin a choir", "domain": "loneliness",
      "target_date": "2027-02-01", "status": "in_progress"}, {"text": "Walk twice a week",
      "domain": "physical_health", "target_date": "2027-01-15"}], "review_date": "2027-01-10"})");
  ASSERT_EQ(plan.status, 200) << plan.body;
  EXPECT_EQ(json::parse(lw->Json("GET", base + "/plan").body).at("goals").as_array().size(), 2u);
  auto measures = json::parse(lw->Json("GET", "/api/v1/measures").body);
  EXPECT_EQ(measures.at("items").as_array().size(), 2u);
  auto ons = lw->Json("POST", base + "/measures",
                      R"({"measure": "ons4", "timepoint": "baseline", "answers": {"satisfied": 3,
      "worthwhile": 4, "happy": 3, "anxious": 7}})");
  ASSERT_EQ(ons.status, 201) << ons.body;
  EXPECT_EQ(json::parse(ons.body).at("scores").as_array().size(), 4u);
  auto k = lw->Json("POST", base + "/connections", R"({"organisation": "V1"})");
  ASSERT_EQ(k.status, 201) << k.body;
  std::string kid = std::to_string(json::parse(k.body).at("id").as_int64());
  for (const char* to : {"agreed", "sent", "attended"}) {
    auto moved = lw->Json("POST", "/api/v1/connections/" + kid + "/transitions",
                          std::string(R"({"to": ")") + to + "\"}");
    ASSERT_EQ(moved.status, 200) << moved.body;
  }
  EXPECT_EQ(
      lw->Json("POST", base + "/notes", R"({"text": "Enjoying the choir", "shareable": true})")
          .status,
      201);
  auto closed =
      lw->Json("POST", base + "/discharge",
               R"({"outcome": "goals_met", "summary": "Back in a choir, walking weekly"})");
  ASSERT_EQ(closed.status, 200) << closed.body;

  auto gp = As("gp1");
  auto feedback = gp->Json("GET", "/api/v1/feedback");
  ASSERT_EQ(feedback.status, 200) << feedback.body;
  auto fl = json::parse(feedback.body);
  EXPECT_EQ(fl.at("unread").as_int64(), 1);
  ASSERT_EQ(fl.at("items").as_array().size(), 1u);
  EXPECT_EQ(fl.at("items").at(0).at("referral_id").as_int64(), std::stoll(id));
  std::string fid = std::to_string(fl.at("items").at(0).at("id").as_int64());
  auto one = gp->Json("GET", "/api/v1/feedback/" + fid);
  ASSERT_EQ(one.status, 200);
  EXPECT_NE(one.body.find("Back in a choir"), std::string::npos);
  EXPECT_EQ(json::parse(gp->Json("GET", "/api/v1/feedback").body).at("unread").as_int64(), 0);
  auto notes = json::parse(gp->Json("GET", base + "/notes").body);
  EXPECT_EQ(notes.at("items").as_array().size(), 1u);
}

TEST_F(CaseworkApi, BadInputGetsFieldErrorsAndNothingIsSaved) {
  std::string id = Accepted();
  auto lw = As("lw1");
  std::string base = "/api/v1/referrals/" + id;
  auto contact = lw->Json("POST", base + "/contacts",
                          R"({"kind": "telepathy", "date": "2027-01-01", "minutes": "lots"})");
  EXPECT_EQ(contact.status, 422) << contact.body;
  EXPECT_EQ(FieldError(contact.body, "minutes"), "must be a whole number");
  auto plan = lw->Json("PUT", base + "/plan",
                       R"({"goals": [{"text": "A", "domain": "money", "target_date": "2027-01-01"},
      {"text": "", "domain": "money", "target_date": "2027-01-01"}], "review_date": "2027-01-10"})");
  EXPECT_EQ(plan.status, 422);
  EXPECT_EQ(FieldError(plan.body, "goals[1].text"), "is required");
  EXPECT_EQ(json::parse(lw->Json("GET", base + "/plan").body).at("goals").as_array().size(), 0u);
  auto score =
      lw->Json("POST", base + "/measures",
               R"({"measure": "ucla3", "timepoint": "baseline", "answers": {"isolated": 4}})");
  EXPECT_EQ(score.status, 422);
  EXPECT_EQ(FieldError(score.body, "answers.isolated"), "must be from 1 to 3");
  auto assign = As("admin")->Json("POST", "/api/v1/assignments",
                                  R"({"referrals": [)" + id + R"(], "link_worker": "lw2"})");
  EXPECT_EQ(assign.status, 422);
  EXPECT_EQ(FieldError(assign.body, "link_worker"), "is not a link worker in the case's PCN");
}

TEST_F(CaseworkApi, AccessByRoleAndOrganisation) {
  std::string id = Accepted();
  std::string base = "/api/v1/referrals/" + id;
  struct Case {
    const char* user;
    const char* method;
    std::string target;
    const char* body;
    int status;
  };
  const Case cases[] = {
      {"lw2", "GET", "/api/v1/cases/" + id, "", 404},
      {"lw2", "POST", base + "/notes", R"({"text": "x"})", 404},
      {"gp1", "GET", "/api/v1/cases/" + id, "", 403},
      {"gp1", "GET", "/api/v1/waiting-list", "", 403},
      {"vcse", "GET", "/api/v1/caseload", "", 403},
      {"commissioner", "GET", "/api/v1/feedback", "", 403},
      {"lw1", "GET", "/api/v1/feedback", "", 403},
      {"gp3", "GET", base + "/notes", "", 404},
      {"lw2", "GET", "/api/v1/waiting-list?pcn=PCN1", "", 403},
      {"lw1", "POST", base + "/assign", R"({"link_worker": "lw3"})", 403},
      {"admin", "POST", base + "/assign", R"({"link_worker": "lw3"})", 200},
      {"lw1", "GET", "/api/v1/cases/" + id, "", 200},
      {"gp1", "GET", "/api/v1/practices/P1/link-worker", "", 200},
      {"lw1", "PUT", "/api/v1/link-workers/lw1/presence",
       R"({"sessions": [{"weekday": 1, "session": "morning", "practice": "P1"}]})", 200},
      {"lw1", "PUT", "/api/v1/link-workers/lw3/presence", R"({"sessions": []})", 403},
      {"", "GET", "/api/v1/waiting-list", "", 401},
      {"", "GET", "/api/v1/measures", "", 401},
      {"vcse", "GET", "/api/v1/measures", "", 200},
      {"gp1", "GET", "/api/v1/pcns/PCN1/load", "", 403},
      {"lw1", "GET", "/api/v1/pcns/PCN1/load", "", 200},
      {"lw2", "GET", "/api/v1/pcns/PCN1/load", "", 403},
      {"admin", "GET", "/api/v1/pcns/PCN1/load", "", 200},
      {"vcse", "GET", "/api/v1/link-workers/lw1", "", 404},
      {"gp3", "GET", "/api/v1/link-workers/lw1", "", 404},
      {"gp1", "GET", "/api/v1/link-workers/lw1", "", 200},
      {"vcse", "GET", "/api/v1/practices/P1/link-worker", "", 404},
      {"commissioner", "POST", base + "/discharge", R"({"outcome": "goals_met", "summary": "x"})",
       403},
      {"lw2", "POST", base + "/discharge", R"({"outcome": "goals_met", "summary": "x"})", 404},
      {"gp1", "PUT", "/api/v1/link-workers/lw1/settings", R"({"capacity": 10})", 403},
      {"lw3", "PUT", "/api/v1/link-workers/lw1/settings", R"({"capacity": 10})", 403},
      {"gp1", "GET", "/api/v1/feedback/1", "", 404},
  };
  for (const auto& c : cases) {
    auto client =
        std::string(c.user).empty() ? std::make_unique<Client>("127.0.0.1", port_) : As(c.user);
    auto r = client->Json(c.method, c.target, c.body);
    EXPECT_EQ(r.status, c.status) << c.user << " " << c.method << " " << c.target << " " << r.body;
  }
  auto practice = json::parse(As("gp1")->Json("GET", "/api/v1/practices/P1/link-worker").body);
  EXPECT_EQ(practice.at("link_workers").at(0).at("username").as_string(), "lw1");
}

}  // namespace
}  // namespace linkway
