#include "auth/auth.hpp"

#include <gtest/gtest.h>

#include "auth/secrets.hpp"
#include "support/test_world.hpp"

namespace linkway {
namespace {

using testing::TestWorld;

TEST(Secrets, PasswordsAreArgon2id) {
  std::string hash = HashPassword("correct horse battery");
  EXPECT_EQ(hash.rfind("$argon2id$", 0), 0u);
  EXPECT_TRUE(VerifyPassword(hash, "correct horse battery"));
  EXPECT_FALSE(VerifyPassword(hash, "correct horse batterz"));
  EXPECT_FALSE(VerifyPassword("", "x"));
}

TEST(Secrets, TokensAre256BitsAndHashed) {
  std::string a = RandomToken();
  EXPECT_EQ(a.size(), 64u);
  EXPECT_NE(a, RandomToken());
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Auth, SessionsAreStoredOnlyAsHashesAndExpire) {
  TestWorld w;
  auto signed_in = w.auth->SignIn("gp1", testing::kPassword);
  ASSERT_TRUE(signed_in.ok());
  EXPECT_EQ(signed_in->principal.org_code, "P1");
  EXPECT_EQ(signed_in->principal.pcn_code, "PCN1");
  EXPECT_EQ(signed_in->principal.csrf_token.size(), 64u);
  EXPECT_FALSE(w.users->GetSession(signed_in->session_token, testing::kNow).ok());
  auto back = w.auth->FromSession(signed_in->session_token);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->csrf_token, signed_in->principal.csrf_token);
  w.clock.Set(testing::kNow + Auth::kSessionLifetime + 1);
  EXPECT_EQ(w.auth->FromSession(signed_in->session_token).status().code(), Code::kUnauthenticated);
}

TEST(Auth, WrongPasswordAndUnknownUserLookTheSame) {
  TestWorld w;
  auto wrong = w.auth->SignIn("gp1", "nope");
  auto unknown = w.auth->SignIn("nobody", "nope");
  EXPECT_EQ(wrong.status().code(), Code::kUnauthenticated);
  EXPECT_EQ(wrong.status().message(), unknown.status().message());
}

TEST(Auth, RepeatedFailuresLockTheUsernameForAWhile) {
  TestWorld w;
  for (int i = 0; i < Auth::kMaxFailures; ++i) {
    EXPECT_EQ(w.auth->SignIn("gp1", "guess").status().code(), Code::kUnauthenticated);
  }
  // Even the right password is not tried while locked out.
  EXPECT_EQ(w.auth->SignIn("gp1", testing::kPassword).status().code(), Code::kRateLimited);
  EXPECT_TRUE(w.auth->SignIn("gp2", testing::kPassword).ok());  // others are unaffected
  w.clock.Set(testing::kNow + Auth::kFailureWindow);
  EXPECT_TRUE(w.auth->SignIn("gp1", testing::kPassword).ok());
}

TEST(Auth, AddUserChecksItsInput) {
  TestWorld w;
  auto bad = w.auth->AddUser({"bad name!", "", Role::kReferrer, "wizard", "P1", "short"});
  ASSERT_EQ(bad.status().code(), Code::kInvalid);
  EXPECT_EQ(bad.status().fields().size(), 3u);
  auto no_org = w.auth->AddUser({"new.user", "", Role::kReferrer, "gp", "NOPE", "long enough pw"});
  EXPECT_EQ(no_org.status().code(), Code::kInvalid);
  auto ok =
      w.auth->AddUser({"new.user", "New User", Role::kReferrer, "gp", "P2", "long enough pw"});
  ASSERT_TRUE(ok.ok());
  EXPECT_TRUE(w.auth->SignIn("new.user", "long enough pw").ok());
  auto token = w.auth->CreateApiToken("new.user");
  ASSERT_TRUE(token.ok());
  EXPECT_EQ(w.auth->FromBearer(*token)->username, "new.user");
  std::string altered = *token;
  altered[0] = altered[0] == '0' ? '1' : '0';
  EXPECT_EQ(w.auth->FromBearer(altered).status().code(), Code::kUnauthenticated);
}

}  // namespace
}  // namespace linkway
