// The referrals API over a real socket, wired as `linkway serve` wires it: access by role,
// problem details, idempotency, drafts, signposts and the referral's life.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <set>
#include <thread>

#include "core/text.hpp"
#include "support/app_harness.hpp"

namespace linkway {
namespace {

namespace json = boost::json;
using testing::Client;

constexpr char kReferral[] = R"({"patient": {"nhs_number": "943 476 5919", "given_name": "Ann",
  "family_name": "Smith", "date_of_birth": "1948-03-02", "postcode": "HR4 7DD",
  "phone": "01432 000000"}, "practice": "P1", "reasons": ["loneliness", "money"],
  "consent": {"referral": true, "share_with_link_worker": true}, "urgency": "routine",
  "note": "Lives alone since bereavement; worried about bills."})";

class ApiServer : public testing::ApiServer {
 protected:
  std::int64_t MakeReferral(Client& c) {
    auto r = c.Json("POST", "/api/v1/referrals", kReferral);
    EXPECT_EQ(r.status, 201) << r.body;
    return json::parse(r.body).at("id").as_int64();
  }
};

TEST_F(ApiServer, CreatesAReferralAndReadsItBack) {
  auto gp = As("gp1");
  auto created = gp->Json("POST", "/api/v1/referrals", kReferral);
  ASSERT_EQ(created.status, 201) << created.body;
  auto body = json::parse(created.body);
  EXPECT_EQ(body.at("status").as_string(), "received");
  auto id = body.at("id").as_int64();
  EXPECT_EQ(created.Header("location"), "/api/v1/referrals/" + std::to_string(id));
  auto got = gp->Json("GET", "/api/v1/referrals/" + std::to_string(id));
  ASSERT_EQ(got.status, 200);
  auto referral = json::parse(got.body);
  EXPECT_EQ(referral.at("patient").at("nhs_number").as_string(), "9434765919");
  EXPECT_EQ(referral.at("history").as_array().size(), 1u);
  EXPECT_EQ(got.Header("cache-control"), "no-store");
}

struct AccessCase {
  const char* user;  // "" for nobody
  const char* method;
  const char* target;  // {id} is replaced by a referral made by gp1 at P1
  int status;
};

TEST_F(ApiServer, AccessRulesTable) {
  auto gp = As("gp1");
  std::string id = std::to_string(MakeReferral(*gp));
  const AccessCase cases[] = {
      {"", "GET", "/api/v1/referrals", 401},
      {"", "GET", "/api/v1/referrals/{id}", 401},
      {"", "GET", "/api/v1/signposts", 401},
      {"gp1", "GET", "/api/v1/referrals/{id}", 200},
      {"gp2", "GET", "/api/v1/referrals/{id}", 404},  // as if it did not exist
      {"gp3", "GET", "/api/v1/referrals/{id}", 404},  // as if it did not exist
      {"lw1", "GET", "/api/v1/referrals/{id}", 200},
      {"lw2", "GET", "/api/v1/referrals/{id}", 404},  // as if it did not exist
      {"vcse", "GET", "/api/v1/referrals/{id}", 403},
      {"commissioner", "GET", "/api/v1/referrals/{id}", 403},
      {"admin", "GET", "/api/v1/referrals/{id}", 403},
      {"vcse", "GET", "/api/v1/referrals", 403},
      {"commissioner", "GET", "/api/v1/signposts", 403},
      {"gp1", "GET", "/api/v1/referrals?practice=P2", 403},
      {"gp1", "GET", "/api/v1/referrals?status=nonsense", 400},
      {"gp1", "GET", "/api/v1/referrals?practice=%FF%FE", 422},
      {"lw1", "GET", "/api/v1/referrals?practice=NOPE", 422},
      {"gp1", "GET", "/api/v1/referrals?page=0", 400},
      {"gp1", "GET", "/api/v1/referrals/999999", 404},
      {"gp1", "GET", "/api/v1/referrals/abc", 404},
      {"gp1", "DELETE", "/api/v1/referrals", 405},
      {"gp1", "GET", "/api/v1/nothing", 404},
  };
  std::map<std::string, std::unique_ptr<Client>> clients;
  for (const auto& c : cases) {
    std::string target = c.target;
    if (auto at = target.find("{id}"); at != std::string::npos) target.replace(at, 4, id);
    std::string user = c.user;
    if (!clients.count(user)) {
      clients[user] = user.empty() ? std::make_unique<Client>("127.0.0.1", port_) : As(user);
    }
    auto r = clients[user]->Json(c.method, target);
    EXPECT_EQ(r.status, c.status) << c.user << " " << c.method << " " << target << " " << r.body;
    if (r.status >= 400) {
      EXPECT_EQ(r.Header("content-type"), "application/problem+json") << target;
      EXPECT_EQ(r.body.find("Smith"), std::string::npos);
    }
  }
  // Lists are scoped, not refused, for the roles that have them.
  auto lw2_list = json::parse(clients["lw2"]->Json("GET", "/api/v1/referrals").body);
  EXPECT_EQ(lw2_list.at("total").as_int64(), 0);
  auto lw1_list = json::parse(As("lw1")->Json("GET", "/api/v1/referrals?status=received").body);
  EXPECT_EQ(lw1_list.at("total").as_int64(), 1);
}

// Hardening findings 4 and 7: a list wrote one audit row with a scope string, a refusal none,
// and another practice's referral answered 403 where an unknown id answered 404.
TEST_F(ApiServer, ListsAuditEveryRecordShownAndRefusalsAreAuditedToo) {
  auto gp = As("gp1");
  std::int64_t first = MakeReferral(*gp);
  std::int64_t second = MakeReferral(*gp);
  ASSERT_EQ(gp->Json("GET", "/api/v1/referrals").status, 200);
  for (std::int64_t id : {first, second}) {
    auto rows = w_.audit->List({.record_type = "referral", .record_id = std::to_string(id)});
    bool listed = false;
    for (const auto& row : *rows) listed |= row.action == "referral.list" && row.username == "gp1";
    EXPECT_TRUE(listed) << id;
  }
  auto other = As("gp3");
  auto refused = other->Json("GET", "/api/v1/referrals/" + std::to_string(first));
  EXPECT_EQ(refused.status, 404);
  auto unknown = other->Json("GET", "/api/v1/referrals/999999");
  EXPECT_EQ(json::parse(refused.body).at("detail"), json::parse(unknown.body).at("detail"));
  auto rows = w_.audit->List({.record_type = "referral", .record_id = std::to_string(first)});
  EXPECT_EQ(rows->front().action, "referral.read.refused");
  EXPECT_EQ(rows->front().username, "gp3");
  auto moved =
      As("lw2")->Json("POST", "/api/v1/referrals/" + std::to_string(first) + "/transitions",
                      R"({"to":"accepted"})");
  EXPECT_EQ(moved.status, 404) << moved.body;
  rows = w_.audit->List({.record_type = "referral", .record_id = std::to_string(first)});
  EXPECT_EQ(rows->front().action, "referral.transition.refused");
  // Audit text holds only validated values.
  EXPECT_EQ(gp->Json("GET", "/api/v1/referrals?practice=%FF%FE").status, 422);
  auto all = w_.audit->List({.limit = 1000});
  ASSERT_TRUE(all.ok());
  for (const auto& row : *all) {
    EXPECT_TRUE(IsStorableText(row.record_id, false)) << row.record_id;
  }
}

TEST_F(ApiServer, BearerTokensWorkOnEveryRoute) {
  auto token = w_.auth->CreateApiToken("gpsystem");
  ASSERT_TRUE(token.ok());
  EXPECT_EQ(token->size(), 64u);  // 256 bits
  Client c("127.0.0.1", port_);
  c.SetBearer(*token);
  EXPECT_EQ(c.Json("POST", "/api/v1/referrals", kReferral).status, 201);
  EXPECT_EQ(c.Json("GET", "/api/v1/referrals").status, 200);
  EXPECT_EQ(
      c.Json("POST", "/api/v1/signposts", R"({"service":"Men's Shed","reasons":["loneliness"]})")
          .status,
      201);
  EXPECT_EQ(c.Json("GET", "/api/v1/signposts").status, 200);
  Client wrong("127.0.0.1", port_);
  wrong.SetBearer("0000");
  EXPECT_EQ(wrong.Json("GET", "/api/v1/referrals").status, 401);
  // Only the hash is stored.
  auto rows = w_.users->FindApiToken(*token);
  EXPECT_FALSE(rows.ok());
}

TEST_F(ApiServer, TextThatCannotBeStoredIsRefusedAlikeOnEveryBackend) {
  auto gp = As("gp1");
  std::string nul = kReferral;
  nul.replace(nul.find("\"Ann\""), 5, R"("A\u0000nn")");
  auto r = gp->Json("POST", "/api/v1/referrals", nul);
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_NE(r.body.find("\"field\":\"patient.given_name\""), std::string::npos) << r.body;
  std::string control = kReferral;
  control.replace(control.find("\"Ann\""), 5, R"("A\u0007nn")");
  EXPECT_EQ(gp->Json("POST", "/api/v1/referrals", control).status, 422);
  EXPECT_EQ(w_.referral_store->List({})->total, 0);
}

// Hardening finding 10: a reason quoted back cut at 40 bytes split a character, and the 422
// body was not valid UTF-8.
TEST_F(ApiServer, ErrorBodiesAreValidUtf8WhereverTextIsCut) {
  auto gp = As("gp1");
  std::string bad = kReferral;
  std::string reason = std::string(39, 'x') + "\u00e9t\u00e9";  // é straddles byte 40
  bad.replace(bad.find("\"money\""), 7, "\"" + reason + "\"");
  auto r = gp->Json("POST", "/api/v1/referrals", bad);
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_TRUE(IsStorableText(r.body, true)) << r.body;
  EXPECT_NE(r.body.find("'" + std::string(39, 'x') + "' is not a reason code"), std::string::npos)
      << r.body;
}

TEST_F(ApiServer, ProblemDetailsNameEveryBadField) {
  auto gp = As("gp1");
  std::string bad = kReferral;
  bad.replace(bad.find("943 476 5919"), 12, "1234567890");
  bad.replace(bad.find("1948-03-02"), 10, "1948-02-30");
  auto r = gp->Json("POST", "/api/v1/referrals", bad);
  ASSERT_EQ(r.status, 422);
  auto body = json::parse(r.body);
  EXPECT_EQ(body.at("status").as_int64(), 422);
  std::set<std::string> fields;
  for (const auto& e : body.at("errors").as_array()) {
    fields.insert(std::string(e.at("field").as_string()) + ": " +
                  std::string(e.at("message").as_string()));
  }
  EXPECT_TRUE(fields.count("patient.nhs_number: check digit does not match"));
  EXPECT_TRUE(fields.count("patient.date_of_birth: must be a real date written YYYY-MM-DD"));
  EXPECT_EQ(r.body.find("1234567890"), std::string::npos);  // no patient data echoed

  EXPECT_EQ(gp->Json("POST", "/api/v1/referrals", "{not json").status, 400);
  EXPECT_EQ(gp->Json("POST", "/api/v1/referrals", "[1]").status, 400);
  EXPECT_EQ(gp->Send("POST", "/api/v1/referrals", kReferral, {{"Cookie", ""}}).status, 401);
  auto typed = gp->Json("POST", "/api/v1/referrals", R"({"patient": 5, "reasons": "money"})");
  EXPECT_EQ(typed.status, 422);
  EXPECT_NE(typed.body.find("\"field\":\"patient\""), std::string::npos);
  EXPECT_NE(typed.body.find("must be an array of strings"), std::string::npos);
}

TEST_F(ApiServer, IdempotencyKeyMakesOneReferral) {
  auto gp = As("gp1");
  auto first = gp->Json("POST", "/api/v1/referrals", kReferral, {{"Idempotency-Key", "abc-1"}});
  auto again = gp->Json("POST", "/api/v1/referrals", kReferral, {{"Idempotency-Key", "abc-1"}});
  ASSERT_EQ(first.status, 201);
  ASSERT_EQ(again.status, 201);
  EXPECT_EQ(json::parse(first.body).at("id"), json::parse(again.body).at("id"));
  EXPECT_EQ(again.Header("idempotent-replayed"), "true");
  std::string other = kReferral;
  other.replace(other.find("routine"), 7, "urgent");
  auto clash = gp->Json("POST", "/api/v1/referrals", other, {{"Idempotency-Key", "abc-1"}});
  EXPECT_EQ(clash.status, 409);
  EXPECT_NE(clash.body.find("different request body"), std::string::npos);
  auto list = json::parse(gp->Json("GET", "/api/v1/referrals").body);
  EXPECT_EQ(list.at("total").as_int64(), 1);
  // Concurrent retries with one key still make one referral.
  // (Signed in one after another: sign-ins in progress count against the throttle.)
  std::vector<std::unique_ptr<Client>> clients;
  for (int i = 0; i < 8; ++i) clients.push_back(As("gp1"));
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&, i] {
      EXPECT_EQ(clients[i]
                    ->Json("POST", "/api/v1/referrals", kReferral, {{"Idempotency-Key", "race"}})
                    .status,
                201);
    });
  }
  for (auto& t : threads) t.join();
  list = json::parse(gp->Json("GET", "/api/v1/referrals").body);
  EXPECT_EQ(list.at("total").as_int64(), 2);
}

TEST_F(ApiServer, TransitionsFollowTheLife) {
  auto gp = As("gp1");
  auto lw = As("lw1");
  std::string path = "/api/v1/referrals/" + std::to_string(MakeReferral(*gp)) + "/transitions";
  auto illegal = lw->Json("POST", path, R"({"to":"closed","outcome":"goals_met"})");
  EXPECT_EQ(illegal.status, 409);
  EXPECT_NE(illegal.body.find("is received"), std::string::npos);
  EXPECT_EQ(gp->Json("POST", path, R"({"to":"accepted"})").status, 403);
  EXPECT_EQ(lw->Json("POST", path, R"({"to":"declined"})").status, 422);
  EXPECT_EQ(lw->Json("POST", path, R"({"to":"lost"})").status, 422);
  auto accepted = lw->Json("POST", path, R"({"to":"accepted"})");
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  EXPECT_EQ(json::parse(accepted.body).at("status").as_string(), "accepted");
  for (const char* step : {R"({"to":"contacted"})", R"({"to":"active"})",
                           R"({"to":"closed","outcome":"goals_met","reason":"Walking group"})"}) {
    EXPECT_EQ(lw->Json("POST", path, step).status, 200) << step;
  }
  auto again = lw->Json("POST", path, R"({"to":"active"})");
  EXPECT_EQ(again.status, 409);
  EXPECT_NE(again.body.find("closed is final"), std::string::npos);
}

TEST_F(ApiServer, SignpostsInOneAction) {
  auto gp = As("gp1");
  auto r = gp->Json("POST", "/api/v1/signposts",
                    R"({"service":"Hereford Men's Shed","reasons":["loneliness"]})");
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(json::parse(r.body).at("code").at("code").as_string(), "LW010");
  EXPECT_EQ(gp->Json("POST", "/api/v1/signposts", R"({"reasons":[]})").status, 422);
  auto list = json::parse(As("lw1")->Json("GET", "/api/v1/signposts").body);
  EXPECT_EQ(list.at("total").as_int64(), 1);
}

TEST_F(ApiServer, DraftsGiveAOneTimeLinkWithoutPatientData) {
  auto token = w_.auth->CreateApiToken("gpsystem");
  Client system("127.0.0.1", port_);
  system.SetBearer(*token);
  auto r = system.Json("POST", "/api/v1/referral-drafts", kReferral);
  ASSERT_EQ(r.status, 201) << r.body;
  std::string url(json::parse(r.body).at("url").as_string());
  EXPECT_EQ(url.rfind("/referrals/new?draft=", 0), 0u);
  EXPECT_EQ(url.find("9434765919"), std::string::npos);
  EXPECT_EQ(url.find("Smith"), std::string::npos);
  EXPECT_EQ(w_.referrals->OpenDraft(w_.As("gp1"), url.substr(url.find('=') + 1)).ok(), true);
}

}  // namespace
}  // namespace linkway
