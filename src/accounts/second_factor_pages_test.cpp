// The second factor on the pages: a user who must have one sets it up straight after the
// password, then signs in with password and code; the API takes the code in the same request;
// a password reset link works once.
#include <gtest/gtest.h>

#include <regex>

#include "accounts/accounts.hpp"
#include "auth/totp.hpp"
#include "support/app_harness.hpp"

namespace linkway {
namespace {

using testing::Encode;
using testing::Fields;
using PagesTest = testing::PagesTest;

constexpr const char* kNewPassword = "Tr1cky-Meadow-Lantern-42";

std::string SessionFrom(const http::Response& response) {
  for (const auto& [name, value] : response.headers) {
    if (name == "Set-Cookie" && value.rfind("lw_session=", 0) == 0) {
      return value.substr(0, value.find(';'));
    }
  }
  return "";
}

std::string Csrf(const std::string& body) {
  std::smatch m;
  if (!std::regex_search(body, m, std::regex("name=\"csrf_token\" value=\"([0-9a-f]{64})\""))) {
    return "";
  }
  return m[1];
}

class SecondFactorPagesTest : public PagesTest {
 protected:
  void SetUp() override {
    auto user =
        w_.auth->AddUser({"newlw", "Nia Ward", Role::kLinkWorker, "", "PCN1", kNewPassword});
    ASSERT_TRUE(user.ok()) << user.status().message();
  }
  // Password only: the sign-in's redirect and its (waiting) session cookie.
  http::Response Password() {
    auto form = Send("GET", "/signin");
    std::string csrf = form.Header("Set-Cookie").substr(std::string("lw_csrf=").size(), 64);
    Fields fields = {{"csrf_token", csrf}, {"username", "newlw"}, {"password", kNewPassword}};
    return Send("POST", "/signin", "lw_csrf=" + csrf, Encode(fields));
  }
};

TEST_F(SecondFactorPagesTest, SetUpAfterThePasswordThenSignInWithACode) {
  auto first = Password();
  ASSERT_EQ(first.status, 303);
  EXPECT_EQ(first.Header("Location"), "/account/second-factor");
  std::string waiting = SessionFrom(first);
  // Not signed in yet: the inbox sends them to sign in.
  EXPECT_EQ(Send("GET", "/casework", waiting).status, 303);
  auto enrol = Send("GET", "/account/second-factor", waiting);
  ASSERT_EQ(enrol.status, 200);
  EXPECT_NE(enrol.body.find("<svg"), std::string::npos);  // the QR code, drawn on the server
  std::int64_t id = w_.users->FindUser("newlw")->id;
  auto secret = w_.users->GetSecondFactor(id)->secret;
  // The key is shown for typing too, in groups of four.
  EXPECT_NE(enrol.body.find(secret.substr(0, 4) + " " + secret.substr(4, 4)), std::string::npos);
  std::string csrf = Csrf(enrol.body);
  auto wrong = Send("POST", "/account/second-factor", waiting,
                    Encode({{"csrf_token", csrf}, {"code", "000000"}}));
  EXPECT_EQ(wrong.status, 422);
  EXPECT_NE(wrong.body.find("The code is not right"), std::string::npos);
  EXPECT_EQ(w_.users->GetSecondFactor(id)->secret, secret);  // the same QR code again
  auto done = Send("POST", "/account/second-factor", waiting,
                   Encode({{"csrf_token", csrf}, {"code", totp::CodeAt(secret, w_.clock.Now())}}));
  ASSERT_EQ(done.status, 200);
  EXPECT_NE(done.body.find("Save your recovery codes"), std::string::npos);
  std::string full = SessionFrom(done);
  ASSERT_FALSE(full.empty());
  EXPECT_NE(full, waiting);
  EXPECT_EQ(Send("GET", "/casework", full).status, 200);
  EXPECT_EQ(Send("GET", "/casework", waiting).status, 303);  // the waiting session ended

  // Next sign-in: password, then the code page.
  w_.clock.Set(testing::kNow + 60);
  auto again = Password();
  ASSERT_EQ(again.status, 303);
  EXPECT_EQ(again.Header("Location"), "/signin/code?next=%2F");
  std::string pending = SessionFrom(again);
  auto code_page = Send("GET", "/signin/code?next=%2F", pending);
  ASSERT_EQ(code_page.status, 200);
  std::string code_csrf = Csrf(code_page.body);
  auto bad = Send("POST", "/signin/code", pending,
                  Encode({{"csrf_token", code_csrf}, {"code", "123456"}, {"next", "/casework"}}));
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(
      Send("POST", "/signin/code", pending, Encode({{"csrf_token", "f00"}, {"code", "123456"}}))
          .status,
      403);
  auto in = Send("POST", "/signin/code", pending,
                 Encode({{"csrf_token", code_csrf},
                         {"code", totp::CodeAt(secret, w_.clock.Now())},
                         {"next", "/casework"}}));
  ASSERT_EQ(in.status, 303);
  EXPECT_EQ(in.Header("Location"), "/casework");
  EXPECT_EQ(Send("GET", "/casework", SessionFrom(in)).status, 200);
  // Signed in, the page shows the factor and the recovery codes left.
  auto status = Send("GET", "/account/second-factor", SessionFrom(in));
  EXPECT_NE(status.body.find("10 unused recovery codes"), std::string::npos);
}

TEST_F(SecondFactorPagesTest, TheApiTakesTheCodeInTheSameRequest) {
  std::int64_t id = w_.users->FindUser("newlw")->id;
  auto body = [](const std::string& code) {
    std::string out = std::string(R"({"username":"newlw","password":")") + kNewPassword + "\"";
    if (!code.empty()) out += R"(,"code":")" + code + "\"";
    return out + "}";
  };
  auto send = [&](const std::string& b) {
    http::Request r;
    r.method = "POST";
    r.target = r.path = r.raw_path = "/api/v1/session";
    r.headers.emplace("Content-Type", "application/json");
    r.body = b;
    return app_.Handle(r);
  };
  EXPECT_EQ(send(body("")).status, 403);  // must set one up on the web first
  auto enrolment = w_.auth->BeginEnrolment(id);
  ASSERT_TRUE(w_.auth->ConfirmEnrolment(id, totp::CodeAt(enrolment->secret, w_.clock.Now())).ok());
  EXPECT_EQ(send(body("")).status, 401);
  EXPECT_EQ(send(body("999999")).status, 401);
  w_.clock.Set(testing::kNow + 60);
  auto in = send(body(totp::CodeAt(enrolment->secret, w_.clock.Now())));
  EXPECT_EQ(in.status, 200) << in.body;
}

TEST_F(SecondFactorPagesTest, APasswordResetLinkSetsAPasswordOnce) {
  std::int64_t id = w_.users->FindUser("newlw")->id;
  auto link = w_.auth->CreatePasswordReset(id, w_.users->FindUser("admin")->id);
  std::string path = "/reset-password/" + *link;
  auto form = Send("GET", path);
  ASSERT_EQ(form.status, 200);
  EXPECT_NE(form.body.find("newlw"), std::string::npos);
  auto weak = Send("POST", path, "", Encode({{"password", "newlw12345"}}));
  EXPECT_EQ(weak.status, 422);
  auto set = Send("POST", path, "", Encode({{"password", "Quiet-Harbour-Biscuit-77"}}));
  EXPECT_EQ(set.status, 200);
  EXPECT_EQ(Send("GET", path).status, 404);
  EXPECT_EQ(Send("GET", "/reset-password/nonsense").status, 404);
}

// Every signed-in role finds its work on the home page, and the way to its second factor.
TEST_F(PagesTest, EveryRoleHasAHomeWithItsWork) {
  for (const char* user : {"gp1", "lw1", "vcse", "commissioner", "admin"}) {
    auto home = Send("GET", "/", SignIn(user).cookie);
    if (home.status == 303) home = Send("GET", home.Header("Location"), SignIn(user).cookie);
    EXPECT_EQ(home.status, 200) << user;
    EXPECT_EQ(home.body.find("There is nothing for your role"), std::string::npos) << user;
  }
  auto commissioner = Send("GET", "/", SignIn("commissioner").cookie);
  EXPECT_NE(commissioner.body.find("/account/second-factor"), std::string::npos);
}

}  // namespace
}  // namespace linkway
