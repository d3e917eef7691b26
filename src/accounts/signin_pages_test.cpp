// Signing in and out on the pages: back to the page asked for (a GP system's draft link
// included), the double-submit token on the sign-in form, and a sign-out that needs the
// session's token and ends the session at once.
#include <gtest/gtest.h>

#include "accounts/accounts.hpp"
#include "support/app_harness.hpp"

namespace linkway {
namespace {

using testing::Encode;
using testing::Fields;
using PagesTest = testing::PagesTest;

TEST_F(PagesTest, SignInReturnsToTheDraftLink) {
  auto token = w_.referrals->CreateDraft(w_.As("gpsystem"), R"({"patient":{"given_name":"Ann"}})");
  ASSERT_TRUE(token.ok());
  std::string link = "/referrals/new?draft=" + *token;
  auto bounced = Send("GET", link);
  ASSERT_EQ(bounced.Header("Location"), "/signin?next=" + http::UrlEncode(link));
  auto form = Send("GET", bounced.Header("Location"));
  std::string csrf = form.Header("Set-Cookie");
  csrf = csrf.substr(std::string("lw_csrf=").size(), 64);
  EXPECT_NE(form.body.find("name=\"next\" value=\"/referrals/new?draft=" + *token),
            std::string::npos);
  Fields fields = {
      {"csrf_token", csrf}, {"username", "gp1"}, {"password", testing::kPassword}, {"next", link}};
  auto signed_in = Send("POST", "/signin", "lw_csrf=" + csrf, Encode(fields));
  ASSERT_EQ(signed_in.status, 303);
  EXPECT_EQ(signed_in.Header("Location"), link);
  // Only paths on this site: anything else goes home.
  for (const char* next : {"//evil.example/x", "https://evil.example/", "/\\evil.example"}) {
    fields.back().second = next;
    EXPECT_EQ(Send("POST", "/signin", "lw_csrf=" + csrf, Encode(fields)).Header("Location"), "/")
        << next;
  }
}

// Hardening finding 14: the form's cookie lasted as long as the browser, the API's 12 hours.
TEST_F(PagesTest, FormAndApiSignInGiveTheSameCookie) {
  auto form = Send("GET", "/signin");
  std::string csrf = form.Header("Set-Cookie").substr(std::string("lw_csrf=").size(), 64);
  Fields fields = {{"csrf_token", csrf}, {"username", "gp1"}, {"password", testing::kPassword}};
  auto page = Send("POST", "/signin", "lw_csrf=" + csrf, Encode(fields));
  ASSERT_EQ(page.status, 303);
  std::string from_form;
  for (const auto& [name, value] : page.headers) {
    if (name == "Set-Cookie" && value.rfind("lw_session=", 0) == 0) from_form = value;
  }
  std::string from_api = SessionCookie("x", false);
  auto attributes = [](const std::string& cookie) { return cookie.substr(cookie.find(';')); };
  ASSERT_FALSE(from_form.empty());
  EXPECT_EQ(attributes(from_form), attributes(from_api));
  EXPECT_NE(from_api.find("Max-Age=43200"), std::string::npos);
}

TEST_F(PagesTest, SignInFormRefusesOversizedFields) {
  auto form = Send("GET", "/signin");
  std::string csrf = form.Header("Set-Cookie").substr(std::string("lw_csrf=").size(), 64);
  Fields fields = {{"csrf_token", csrf}, {"username", std::string(100, 'a')}, {"password", "x"}};
  auto page = Send("POST", "/signin", "lw_csrf=" + csrf, Encode(fields));
  EXPECT_EQ(page.status, 422);
  EXPECT_NE(page.body.find("The username is at most 64 characters"), std::string::npos);
  fields[1].second = std::string(9000, 'a');
  EXPECT_EQ(Send("POST", "/signin", "lw_csrf=" + csrf, Encode(fields)).status, 413);
  EXPECT_TRUE(w_.auth->Throttles()->empty());
}

TEST_F(PagesTest, SignInUsesDoubleSubmitToken) {
  auto form = Send("GET", "/signin");
  ASSERT_EQ(form.status, 200);
  std::string set_cookie = form.Header("Set-Cookie");
  ASSERT_EQ(set_cookie.rfind("lw_csrf=", 0), 0u) << set_cookie;
  EXPECT_NE(set_cookie.find("HttpOnly; SameSite=Lax; Path=/"), std::string::npos);
  std::string token = set_cookie.substr(8, 64);
  EXPECT_NE(form.body.find("value=\"" + token + "\""), std::string::npos);

  Fields good = {{"csrf_token", token}, {"username", "gp1"}, {"password", testing::kPassword}};
  EXPECT_EQ(Send("POST", "/signin", "lw_csrf=" + std::string(64, 'a'), Encode(good)).status, 403);

  Fields wrong = {{"csrf_token", token}, {"username", "gp1"}, {"password", "nope"}};
  auto refused = Send("POST", "/signin", "lw_csrf=" + token, Encode(wrong));
  EXPECT_EQ(refused.status, 422);
  EXPECT_NE(refused.body.find("Enter a correct username and password"), std::string::npos);

  auto ok = Send("POST", "/signin", "lw_csrf=" + token, Encode(good));
  EXPECT_EQ(ok.status, 303);
  EXPECT_EQ(ok.Header("Location"), "/");
  EXPECT_EQ(ok.Header("Set-Cookie").rfind("lw_session=", 0), 0u);
}

TEST_F(PagesTest, SignOutNeedsTokenAndEndsSession) {
  Session gp = SignIn("gp1");
  EXPECT_EQ(Send("POST", "/signout", gp.cookie, "csrf_token=wrong").status, 403);
  auto out = Send("POST", "/signout", gp.cookie, "csrf_token=" + gp.csrf);
  EXPECT_EQ(out.status, 303);
  EXPECT_NE(out.Header("Set-Cookie").find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(Send("GET", "/referrals", gp.cookie).Header("Location"), "/signin?next=%2Freferrals");
}

TEST_F(PagesTest, ASignOutThatCannotEndTheSessionSaysSo) {
  Session gp = SignIn("gp1");
  w_.database->Close();
  auto out = Send("POST", "/signout", gp.cookie, Encode({{"csrf_token", gp.csrf}}));
  EXPECT_EQ(out.status, 503);
  EXPECT_NE(out.body.find("You are still signed in"), std::string::npos);
  EXPECT_EQ(out.Header("Set-Cookie"), "");
}

}  // namespace
}  // namespace linkway
