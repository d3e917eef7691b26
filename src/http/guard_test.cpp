// Route guards, as a table: each request against each route's needs, and the answer.
#include "http/guard.hpp"

#include <gtest/gtest.h>

namespace linkway::http {
namespace {

Request Make(std::optional<Role> role, std::string body = "", std::string type = "") {
  Request r;
  r.method = "POST";
  r.target = r.path = "/x";
  r.body = std::move(body);
  if (!type.empty()) r.headers["Content-Type"] = type;
  if (role) {
    Principal p;
    p.role = *role;
    p.csrf_token = "secret-token";
    r.principal = p;
  }
  return r;
}

// Hardening finding 11: "application/jsonfoo" was taken as JSON.
TEST(Guard, JsonMeansExactlyApplicationJson) {
  EXPECT_TRUE(IsJsonMediaType("application/json"));
  EXPECT_TRUE(IsJsonMediaType("application/json; charset=utf-8"));
  EXPECT_TRUE(IsJsonMediaType("Application/JSON"));
  EXPECT_FALSE(IsJsonMediaType("application/jsonfoo"));
  EXPECT_FALSE(IsJsonMediaType("application/json-patch+json"));
  EXPECT_FALSE(IsJsonMediaType("text/plain"));
  EXPECT_FALSE(IsJsonMediaType(""));
}

TEST(Guard, ChecksEachNeedInOrder) {
  struct Case {
    std::string what;
    Needs needs;
    Request request;
    int status;
  };
  const Needs referrers{.roles = {Role::kReferrer}, .refusal = "referrers only"};
  const Case cases[] = {
      {"anyone may", {.signed_in = false}, Make(std::nullopt), 200},
      {"sign in first", {}, Make(std::nullopt), 401},
      {"any signed-in role", {}, Make(Role::kVcse), 200},
      {"a role the route does not serve", referrers, Make(Role::kVcse), 403},
      {"the role it serves", referrers, Make(Role::kReferrer), 200},
      {"a form without the session's token", {.csrf = true}, Make(Role::kReferrer, "a=1"), 403},
      {"a form with another token", {.csrf = true}, Make(Role::kReferrer, "csrf_token=guess"), 403},
      {"a form with the session's token",
       {.csrf = true},
       Make(Role::kReferrer, "csrf_token=secret-token"),
       200},
      {"JSON sent as a form", {.json = true}, Make(Role::kReferrer, "{}", "text/plain"), 415},
      {"JSON that is not an object",
       {.json = true},
       Make(Role::kReferrer, "[1]", "application/json"),
       400},
      {"broken JSON", {.json = true}, Make(Role::kReferrer, "{", "application/json"), 400},
      {"a JSON object", {.json = true}, Make(Role::kReferrer, "{}", "application/json"), 200},
      {"a body over the route's limit", {.body_limit = 4}, Make(Role::kReferrer, "12345"), 413},
      // The size is checked first: an oversized anonymous post is refused for its size.
      {"size before sign-in", {.body_limit = 4}, Make(std::nullopt, "12345"), 413},
  };
  for (const auto& c : cases) {
    Handler guarded = GuardApi(c.needs, [](Request&) { return Response::Json(200, "{}"); });
    Request request = c.request;
    Response r = guarded(request);
    EXPECT_EQ(r.status, c.status) << c.what;
    if (c.status != 200) {
      EXPECT_EQ(r.Header("Content-Type"), "application/problem+json") << c.what;
    }
  }
}

TEST(Guard, JsonHandlersGetTheParsedBodyAndRoleRefusalsSayWhy) {
  Handler handler = GuardJson({}, [](Request&, const boost::json::object& body) {
    return Response::Json(200, boost::json::serialize(body.at("a")));
  });
  Request ok = Make(Role::kReferrer, R"({"a":[1,2]})", "application/json");
  EXPECT_EQ(handler(ok).body, "[1,2]");
  Handler refused =
      GuardApi({.roles = {Role::kAdmin}, .refusal = "only administrators manage users"},
               [](Request&) { return Response::Json(200, "{}"); });
  Request vcse = Make(Role::kVcse);
  EXPECT_NE(refused(vcse).body.find("only administrators manage users"), std::string::npos);
}

}  // namespace
}  // namespace linkway::http
