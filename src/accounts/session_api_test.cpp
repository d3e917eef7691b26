// The session API over a real socket: signing in sets a safe cookie (Secure behind TLS only
// from a trusted proxy), and signing out ends the session at once, for every instance.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "support/app_harness.hpp"

namespace linkway {
namespace {

namespace json = boost::json;
using testing::ApiServer;
using testing::Client;

TEST_F(ApiServer, SignInSetsASafeCookie) {
  Client c("127.0.0.1", port_);
  auto bad = c.Json("POST", "/api/v1/session", R"({"username":"gp1","password":"wrong"})");
  EXPECT_EQ(bad.status, 401);
  EXPECT_EQ(bad.Header("content-type"), "application/problem+json");
  auto ok = c.Json("POST", "/api/v1/session",
                   std::string(R"({"username":"gp1","password":")") + testing::kPassword + "\"}");
  ASSERT_EQ(ok.status, 200);
  std::string cookie = ok.Header("set-cookie");
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Lax"), std::string::npos);
  EXPECT_EQ(cookie.find("Secure"), std::string::npos);  // plain HTTP here
  EXPECT_EQ(json::parse(ok.body).at("role").as_string(), "referrer");
}

TEST_F(ApiServer, CookieIsSecureBehindTlsOnlyFromATrustedProxy) {
  std::string body = std::string(R"({"username":"gp1","password":")") + testing::kPassword + "\"}";
  std::map<std::string, std::string> headers = {{"Content-Type", "application/json"},
                                                {"X-Forwarded-Proto", "https"}};
  Client direct("127.0.0.1", port_);
  auto untrusted = direct.Send("POST", "/api/v1/session", body, headers);
  EXPECT_EQ(untrusted.Header("set-cookie").find("Secure"), std::string::npos);

  http::ServerOptions options;
  options.port = 0;
  options.trust_forwarded_proto = true;
  http::Server proxied(options, [this](http::Request& r) { return app_.Handle(r); });
  Client via_proxy("127.0.0.1", proxied.Start());
  auto trusted = via_proxy.Send("POST", "/api/v1/session", body, headers);
  EXPECT_NE(trusted.Header("set-cookie").find("; Secure"), std::string::npos);
  // Hardening finding 14: HSTS behind TLS, and only there.
  EXPECT_EQ(trusted.Header("strict-transport-security"), "max-age=31536000; includeSubDomains");
  EXPECT_EQ(untrusted.Header("strict-transport-security"), "");
  proxied.Stop();
}

// Hardening finding 2: a megabyte username was stored with each failed sign-in.
TEST_F(ApiServer, SignInFieldsAreBoundedBeforeAnythingIsStored) {
  Client c("127.0.0.1", port_);
  std::string huge = R"({"username":")" + std::string(1024 * 1024, 'a') + R"(","password":"x"})";
  EXPECT_EQ(c.Json("POST", "/api/v1/session", huge).status, 413);
  auto long_name = c.Json("POST", "/api/v1/session",
                          R"({"username":")" + std::string(100, 'a') + R"(","password":"x"})");
  ASSERT_EQ(long_name.status, 422) << long_name.body;
  EXPECT_EQ(json::parse(long_name.body).at("errors").at(0).at("field"), "username");
  EXPECT_TRUE(w_.auth->Throttles()->empty());
}

// Hardening finding 3: the answer says how long to wait, and the wait is short.
TEST_F(ApiServer, ASlowedSignInSaysWhenToTryAgain) {
  Client c("127.0.0.1", port_);
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(c.Json("POST", "/api/v1/session", R"({"username":"gp1","password":"no"})").status,
              401);
  }
  auto slowed = c.Json("POST", "/api/v1/session", R"({"username":"gp1","password":"no"})");
  EXPECT_EQ(slowed.status, 429);
  EXPECT_EQ(slowed.Header("retry-after"), "1");
  auto throttles = w_.auth->Throttles();
  ASSERT_EQ(throttles->size(), 1u);
  EXPECT_EQ(throttles->front().client, "127.0.0.1");  // the address it came from
}

// Hardening finding 11: cookie-authenticated JSON writes rested on SameSite=Lax alone.
TEST_F(ApiServer, CookieWritesNeedTheCsrfTokenOrThisSitesOrigin) {
  Client c("127.0.0.1", port_);
  auto in = c.Json("POST", "/api/v1/session",
                   std::string(R"({"username":"gp1","password":")") + testing::kPassword + "\"}");
  ASSERT_EQ(in.status, 200);
  std::string csrf(json::parse(in.body).at("csrf_token").as_string());
  c.SetCookie(testing::CookiePair(in.Header("set-cookie")));
  const std::string body = R"({"service":"Men's Shed","reasons":["loneliness"]})";
  auto bare = c.Json("POST", "/api/v1/signposts", body);
  EXPECT_EQ(bare.status, 403) << bare.body;
  EXPECT_EQ(c.Json("POST", "/api/v1/signposts", body, {{"Origin", "http://evil.example"}}).status,
            403);
  EXPECT_EQ(
      c.Json("POST", "/api/v1/signposts", body, {{"X-CSRF-Token", std::string(64, 'a')}}).status,
      403);
  EXPECT_EQ(c.Json("POST", "/api/v1/signposts", body, {{"X-CSRF-Token", csrf}}).status, 201);
  std::string host = "127.0.0.1:" + std::to_string(port_);
  EXPECT_EQ(
      c.Json("POST", "/api/v1/signposts", body, {{"Origin", "http://" + host}, {"Host", host}})
          .status,
      201);
  EXPECT_EQ(c.Json("GET", "/api/v1/signposts").status, 200);  // reads need neither
  // The media type is matched exactly.
  auto foo = c.Send("POST", "/api/v1/signposts", body,
                    {{"Content-Type", "application/jsonfoo"},
                     {"X-CSRF-Token", csrf},
                     {"Cookie", testing::CookiePair(in.Header("set-cookie"))}});
  EXPECT_EQ(foo.status, 415);
}

TEST_F(ApiServer, SignOutEndsTheSession) {
  auto gp = As("gp1");
  EXPECT_EQ(gp->Json("GET", "/api/v1/referrals").status, 200);
  EXPECT_EQ(gp->Json("DELETE", "/api/v1/session").status, 204);
  EXPECT_EQ(gp->Json("GET", "/api/v1/referrals").status, 401);
}

TEST_F(ApiServer, ASignOutThatCannotEndTheSessionSaysSo) {
  auto gp = As("gp1");
  w_.database->Close();  // from here every write is refused, as when the database is down
  auto out = gp->Json("DELETE", "/api/v1/session");
  EXPECT_EQ(out.status, 503) << out.body;
  EXPECT_EQ(out.Header("content-type"), "application/problem+json");
  EXPECT_EQ(out.Header("set-cookie"), "");  // not cleared: the session has not ended
}

}  // namespace
}  // namespace linkway
