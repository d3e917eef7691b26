// The second factor (TOTP and recovery codes), and the changes administrators make to users.
#include <gtest/gtest.h>

#include "auth/auth.hpp"
#include "auth/totp.hpp"
#include "support/test_world.hpp"

namespace linkway {
namespace {

using testing::TestWorld;

// A link worker of a real deployment: the factor is required.
User AddRequired(TestWorld& w, const std::string& name = "newlw", Role role = Role::kLinkWorker) {
  auto user = w.auth->AddUser({name, "New Worker", role, "", "PCN1", "Tr1cky-Meadow-Lantern-42"});
  EXPECT_TRUE(user.ok()) << user.status().message();
  return *user;
}

TEST(Totp, CodesMatchRfc6238) {
  // RFC 6238 appendix B: the SHA-1 secret "12345678901234567890", base32.
  const std::string secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
  EXPECT_EQ(totp::CodeAt(secret, 59), "287082");
  EXPECT_EQ(totp::CodeAt(secret, 1111111109), "081804");
  EXPECT_EQ(totp::Check(secret, "081804", 1111111109), 1111111109 / 30);
  EXPECT_EQ(totp::Check(secret, "081804", 1111111109 + 30), 1111111109 / 30);  // a step late
  EXPECT_FALSE(totp::Check(secret, "081804", 1111111109 + 90));
  EXPECT_FALSE(totp::Check(secret, "08180", 1111111109));
  EXPECT_FALSE(totp::Check(secret, "abcdef", 1111111109));
  std::string fresh = totp::NewSecret();
  EXPECT_EQ(fresh.size(), 32u);
  EXPECT_NE(fresh, totp::NewSecret());
  EXPECT_EQ(totp::Uri("Linkway", "a b", "XYZ"),
            "otpauth://totp/Linkway:a%20b?secret=XYZ&issuer=Linkway&algorithm=SHA1&digits=6&"
            "period=30");
}

TEST(SecondFactor, RequiredForRolesSeeingPatientDataUnlessADemoAccount) {
  TestWorld w;
  User lw = AddRequired(w);
  EXPECT_TRUE(w.auth->FactorRequired(lw));
  auto commissioner = w.auth->AddUser(
      {"newcomm", "New Commissioner", Role::kCommissioner, "", "ICB1", "Tr1cky-Meadow-Lantern-42"});
  ASSERT_TRUE(commissioner.ok());
  EXPECT_FALSE(w.auth->FactorRequired(*commissioner));
  EXPECT_FALSE(w.auth->FactorRequired(*w.users->FindUser("lw1")));  // a demo (test) account
  // A deployer may require it for every role.
  Auth strict(*w.users, *w.organisations, w.clock, AuthOptions{.factor_for_all = true});
  EXPECT_TRUE(strict.FactorRequired(*commissioner));
}

TEST(SecondFactor, EnrolThenSignInWithACodeThatWorksOnce) {
  TestWorld w;
  User lw = AddRequired(w);
  // Before enrolling, the password alone gives a session that must enrol, and is not signed in.
  auto first = w.auth->SignIn("newlw", "Tr1cky-Meadow-Lantern-42");
  ASSERT_TRUE(first.ok()) << first.status().message();
  EXPECT_EQ(first->stage, SignInStage::kEnrol);
  EXPECT_EQ(w.auth->FromSession(first->session_token).status().code(), Code::kUnauthenticated);
  EXPECT_EQ(w.auth->Pending(first->session_token)->stage, SignInStage::kEnrol);
  auto enrolment = w.auth->BeginEnrolment(lw.id);
  ASSERT_TRUE(enrolment.ok());
  EXPECT_NE(enrolment->uri.find("secret=" + enrolment->secret), std::string::npos);
  EXPECT_EQ(w.auth->ConfirmEnrolment(lw.id, "000000").status().code(), Code::kInvalid);
  auto codes = w.auth->ConfirmEnrolment(lw.id, totp::CodeAt(enrolment->secret, testing::kNow));
  ASSERT_TRUE(codes.ok()) << codes.status().message();
  EXPECT_EQ(codes->size(), 10u);
  EXPECT_EQ(*w.auth->RecoveryCodesLeft(lw.id), 10);
  // Recovery codes are stored only as hashes.
  auto stored = w.database->Read([&](sql::Connection& c) -> Result<std::string> {
    sql::Query q(c, "SELECT code_hash FROM recovery_codes LIMIT 1");
    q.Step();
    return q.Text(0);
  });
  for (const auto& code : *codes) EXPECT_EQ(stored->find(code), std::string::npos);
  auto done = w.auth->FinishEnrolment(first->session_token);
  ASSERT_TRUE(done.ok()) << done.status().message();
  EXPECT_TRUE(w.auth->FromSession(done->session_token).ok());
  EXPECT_FALSE(w.auth->Pending(first->session_token).ok());  // the waiting session ended
  EXPECT_EQ(w.auth->BeginEnrolment(lw.id).status().code(), Code::kConflict);

  // Next time, the password leads to the code step.
  w.clock.Set(testing::kNow + 120);
  auto again = w.auth->SignIn("newlw", "Tr1cky-Meadow-Lantern-42");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->stage, SignInStage::kCode);
  EXPECT_FALSE(w.auth->FromSession(again->session_token).ok());
  EXPECT_EQ(w.auth->CompleteSignIn(again->session_token, "123456").status().code(),
            Code::kUnauthenticated);
  std::string code = totp::CodeAt(enrolment->secret, w.clock.Now());
  auto in = w.auth->CompleteSignIn(again->session_token, code);
  ASSERT_TRUE(in.ok()) << in.status().message();
  EXPECT_TRUE(w.auth->FromSession(in->session_token).ok());
  EXPECT_EQ(w.users->FindUser("newlw")->last_sign_in_at, w.clock.Now());
  // The same code cannot be used again, even within its 30 seconds.
  auto third = w.auth->SignIn("newlw", "Tr1cky-Meadow-Lantern-42");
  EXPECT_EQ(w.auth->CompleteSignIn(third->session_token, code).status().code(),
            Code::kUnauthenticated);
  // A recovery code works once, typed in any case and without its dash.
  std::string recovery = (*codes)[3];
  std::string typed;
  for (char c : recovery) {
    if (c != '-') typed += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  EXPECT_TRUE(w.auth->CompleteSignIn(third->session_token, typed).ok());
  auto fourth = w.auth->SignIn("newlw", "Tr1cky-Meadow-Lantern-42");
  EXPECT_FALSE(w.auth->CompleteSignIn(fourth->session_token, recovery).ok());
  EXPECT_EQ(*w.auth->RecoveryCodesLeft(lw.id), 9);
}

TEST(SecondFactor, WaitingSignInsExpireAndWrongCodesAreSlowedDown) {
  TestWorld w;
  User lw = AddRequired(w);
  auto enrolment = w.auth->BeginEnrolment(lw.id);
  ASSERT_TRUE(w.auth->ConfirmEnrolment(lw.id, totp::CodeAt(enrolment->secret, testing::kNow)).ok());
  auto waiting = w.auth->SignIn("newlw", "Tr1cky-Meadow-Lantern-42", "198.51.100.7");
  ASSERT_EQ(waiting->stage, SignInStage::kCode);
  Code last = Code::kOk;
  for (int i = 0; i < 8 && last != Code::kRateLimited; ++i) {
    last = w.auth->CompleteSignIn(waiting->session_token, "111111", "198.51.100.7").status().code();
  }
  EXPECT_EQ(last, Code::kRateLimited);
  // Guesses from many addresses slow the account down too.
  auto elsewhere = w.auth->SignIn("newlw", "Tr1cky-Meadow-Lantern-42", "203.0.113.50");
  Code spread = Code::kOk;
  for (int i = 0; i < 8 && spread != Code::kRateLimited; ++i) {
    std::string address = "203.0.113." + std::to_string(60 + i);
    spread = w.auth->CompleteSignIn(elsewhere->session_token, "111111", address).status().code();
  }
  EXPECT_EQ(spread, Code::kRateLimited);
  w.clock.Set(testing::kNow + Auth::kPendingLifetime + 1);
  EXPECT_EQ(
      w.auth->CompleteSignIn(waiting->session_token, totp::CodeAt(enrolment->secret, w.clock.Now()))
          .status()
          .code(),
      Code::kUnauthenticated);
}

TEST(SecondFactor, AnAdministratorResetEndsSessionsAndLetsTheUserEnrolAgain) {
  TestWorld w;
  User lw = AddRequired(w);
  auto enrolment = w.auth->BeginEnrolment(lw.id);
  ASSERT_TRUE(w.auth->ConfirmEnrolment(lw.id, totp::CodeAt(enrolment->secret, testing::kNow)).ok());
  ASSERT_TRUE(w.auth->ResetSecondFactor(lw.id).ok());
  EXPECT_FALSE(w.users->FindUser("newlw")->has_second_factor);
  auto signed_in = w.auth->SignIn("newlw", "Tr1cky-Meadow-Lantern-42");
  EXPECT_EQ(signed_in->stage, SignInStage::kEnrol);
  EXPECT_TRUE(w.auth->BeginEnrolment(lw.id).ok());
}

TEST(Administration, DeactivatingEndsSessionsAndTokensAtOnce) {
  TestWorld w;
  auto session = w.auth->SignIn("lw1", testing::kPassword);
  auto token = w.auth->CreateApiToken("lw1", "test");
  ASSERT_TRUE(w.auth->FromSession(session->session_token).ok());
  ASSERT_TRUE(w.auth->FromBearer(*token).ok());
  std::int64_t id = w.users->FindUser("lw1")->id;
  ASSERT_TRUE(w.auth->SetActive(id, false).ok());
  EXPECT_EQ(w.auth->FromSession(session->session_token).status().code(), Code::kUnauthenticated);
  EXPECT_EQ(w.auth->FromBearer(*token).status().code(), Code::kUnauthenticated);
  EXPECT_EQ(w.auth->SignIn("lw1", testing::kPassword).status().code(), Code::kUnauthenticated);
  ASSERT_TRUE(w.auth->SetActive(id, true).ok());
  EXPECT_TRUE(w.auth->SignIn("lw1", testing::kPassword).ok());
  EXPECT_FALSE(w.auth->FromBearer(*token).ok());  // a revoked token stays revoked
}

TEST(Administration, RoleChangesFollowTheOrganisationRules) {
  TestWorld w;
  std::int64_t gp = w.users->FindUser("gp1")->id;
  EXPECT_EQ(w.auth->ChangeRole(gp, Role::kLinkWorker).code(), Code::kInvalid);
  std::int64_t lw = w.users->FindUser("lw1")->id;
  ASSERT_TRUE(w.auth->ChangeRole(lw, Role::kAdmin).ok());
  EXPECT_EQ(w.users->FindUser("lw1")->role, Role::kAdmin);
}

TEST(Administration, APasswordResetLinkWorksOnceWithinADay) {
  TestWorld w;
  std::int64_t lw = w.users->FindUser("lw1")->id;
  std::int64_t admin = w.users->FindUser("admin")->id;
  auto session = w.auth->SignIn("lw1", testing::kPassword);
  auto link = w.auth->CreatePasswordReset(lw, admin);
  ASSERT_TRUE(link.ok());
  EXPECT_EQ(w.auth->PasswordResetUser(*link)->username, "lw1");
  EXPECT_EQ(w.auth->ResetPassword(*link, "password123").code(), Code::kInvalid);  // policy
  ASSERT_TRUE(w.auth->ResetPassword(*link, "Quiet-Harbour-Biscuit-77").ok());
  EXPECT_FALSE(w.auth->FromSession(session->session_token).ok());  // sessions ended
  EXPECT_TRUE(w.auth->SignIn("lw1", "Quiet-Harbour-Biscuit-77").ok());
  EXPECT_EQ(w.auth->ResetPassword(*link, "Another-Quiet-Harbour-88").code(), Code::kNotFound);
  auto late = w.auth->CreatePasswordReset(lw, admin);
  w.clock.Set(testing::kNow + Auth::kResetLifetime + 1);
  EXPECT_EQ(w.auth->PasswordResetUser(*late).status().code(), Code::kNotFound);
}

}  // namespace
}  // namespace linkway
