#include "auth/auth.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <thread>

#include "auth/password_policy.hpp"
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

// Hardening finding 3: five wrong passwords from anywhere locked the right one out for 15
// minutes. Now a username is slowed down only from the address that failed, and slowed, not
// locked.
TEST(Auth, FailuresSlowDownTheirOwnAddressWithoutLockingTheUserOut) {
  TestWorld w;
  const std::string stranger = "203.0.113.9";
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(w.auth->SignIn("gp1", "guess", stranger).status().code(), Code::kUnauthenticated);
  }
  auto slowed = w.auth->SignIn("gp1", testing::kPassword, stranger);
  EXPECT_EQ(slowed.status().code(), Code::kRateLimited);  // not even the right one is tried
  EXPECT_EQ(slowed.status().retry_after(), 1);
  // The user, elsewhere, signs in at once.
  EXPECT_TRUE(w.auth->SignIn("gp1", testing::kPassword, "198.51.100.7").ok());
  // The stranger waits 1 s, then 2, then 4: slowed, never shut out for long.
  w.clock.Set(testing::kNow + 1);
  EXPECT_EQ(w.auth->SignIn("gp1", "guess", stranger).status().code(), Code::kUnauthenticated);
  EXPECT_EQ(w.auth->SignIn("gp1", "guess", stranger).status().retry_after(), 2);
  w.clock.Set(testing::kNow + 3);
  EXPECT_EQ(w.auth->SignIn("gp1", "guess", stranger).status().code(), Code::kUnauthenticated);
  EXPECT_EQ(w.auth->SignIn("gp1", "guess", stranger).status().retry_after(), 4);
  // The window passes and everything is forgotten.
  w.clock.Set(testing::kNow + 3 + 15 * 60);
  EXPECT_TRUE(w.auth->SignIn("gp1", testing::kPassword, stranger).ok());
}

// Hardening finding 1: random usernames went round the per-username limit.
TEST(Auth, OneAddressTryingManyUsernamesIsSlowedDown) {
  TestWorld w;
  ThrottleRules rules;
  const std::string attacker = "192.0.2.1";
  for (int i = 0; i < rules.client_free; ++i) {
    EXPECT_EQ(w.auth->SignIn("random" + std::to_string(i), "guess", attacker).status().code(),
              Code::kUnauthenticated);
  }
  auto slowed = w.auth->SignIn("gp1", testing::kPassword, attacker);
  EXPECT_EQ(slowed.status().code(), Code::kRateLimited);
  EXPECT_GT(slowed.status().retry_after(), 0);
  EXPECT_TRUE(w.auth->SignIn("gp1", testing::kPassword, "192.0.2.2").ok());
  // An administrator sees who is slowed down, and clears it.
  auto throttles = w.auth->Throttles();
  ASSERT_TRUE(throttles.ok());
  EXPECT_EQ(throttles->size(), static_cast<std::size_t>(rules.client_free));
  EXPECT_EQ(throttles->front().client, attacker);
  ASSERT_TRUE(w.users->ClearThrottle("", attacker).ok());
  EXPECT_TRUE(w.auth->Throttles()->empty());
  EXPECT_TRUE(w.auth->SignIn("gp1", testing::kPassword, attacker).ok());
}

// Hardening finding 2: a failed sign-in stored the username as typed, a megabyte of it.
TEST(Auth, SignInFieldsAreSizedBeforeAnythingIsStored) {
  TestWorld w;
  auto big = w.auth->SignIn(std::string(1024 * 1024, 'a'), "guess", "192.0.2.1");
  ASSERT_EQ(big.status().code(), Code::kInvalid);
  EXPECT_EQ(big.status().fields().at(0).field, "username");
  auto long_password = w.auth->SignIn("gp1", std::string(2000, 'p'), "192.0.2.1");
  EXPECT_EQ(long_password.status().code(), Code::kInvalid);
  EXPECT_TRUE(w.auth->Throttles()->empty());  // nothing was recorded
}

TEST(Auth, OldFailuresAndEndedSessionsArePurged) {
  TestWorld w;
  EXPECT_FALSE(w.auth->SignIn("gp1", "guess", "192.0.2.1").ok());
  auto idle = w.auth->SignIn("gp2", testing::kPassword);
  ASSERT_TRUE(idle.ok());
  w.clock.Set(testing::kNow + 31 * 60);
  auto live = w.auth->SignIn("gp3", testing::kPassword);
  ASSERT_TRUE(live.ok());
  auto purged = w.auth->Purge();
  ASSERT_TRUE(purged.ok());
  EXPECT_EQ(purged->sign_in_failures, 1);
  EXPECT_EQ(purged->sessions, 1);  // gp2's, unused for 31 minutes
  EXPECT_TRUE(w.auth->FromSession(live->session_token).ok());
}

// Hardening finding 14: a session lasted 12 hours however long it sat unused.
TEST(Auth, SessionsEndAfterThirtyMinutesUnused) {
  TestWorld w;
  auto signed_in = w.auth->SignIn("gp1", testing::kPassword);
  ASSERT_TRUE(signed_in.ok());
  for (int i = 1; i <= 4; ++i) {  // in use every 25 minutes: it lives on
    w.clock.Set(testing::kNow + i * 25 * 60);
    EXPECT_TRUE(w.auth->FromSession(signed_in->session_token).ok()) << i;
  }
  w.clock.Set(testing::kNow + 4 * 25 * 60 + 31 * 60);
  EXPECT_EQ(w.auth->FromSession(signed_in->session_token).status().code(), Code::kUnauthenticated);
}

// Hardening finding 1: each check takes 64 MiB and 64 ran at once.
TEST(PasswordGate, BoundsChecksAtOnceAndTurnsAwayBeyondTheQueue) {
  EXPECT_EQ(PasswordGate::RunningFromMemory(std::size_t{1} << 30), 2);
  EXPECT_EQ(PasswordGate::RunningFromMemory(std::size_t{64} << 30), 4);
  EXPECT_EQ(PasswordGate::RunningFromMemory(std::size_t{256} << 20), 1);
  PasswordGate gate({.running = 2, .waiting = 1, .wait = std::chrono::milliseconds(30000)});
  auto a = gate.Enter();
  auto b = std::make_unique<std::optional<PasswordGate::Ticket>>(gate.Enter());
  ASSERT_TRUE(a && b->has_value());
  bool got = false;
  std::thread waiter([&] { got = gate.Enter().has_value(); });  // waits its turn
  // While it waits, the queue is full: the next is turned away at once.
  while (gate.Waiting() == 0) std::this_thread::yield();
  EXPECT_FALSE(gate.Enter().has_value());
  b.reset();  // a place frees: the waiter gets it
  waiter.join();
  EXPECT_TRUE(got);
  PasswordGate quick({.running = 1, .waiting = 1, .wait = std::chrono::milliseconds(1)});
  auto only = quick.Enter();
  EXPECT_FALSE(quick.Enter().has_value());  // waited, and the wait ran out
}

TEST(Auth, SignInAnswersBusyWhenTheChecksAreFull) {
  TestWorld w;
  Auth auth(*w.users, *w.organisations, w.clock,
            {.checks = {.running = 1, .waiting = 0, .wait = std::chrono::milliseconds(1)}});
  auto held = auth.gate().Enter();
  ASSERT_TRUE(held.has_value());
  auto busy = auth.SignIn("gp1", testing::kPassword);
  EXPECT_EQ(busy.status().code(), Code::kUnavailable);
  EXPECT_EQ(busy.status().retry_after(), 5);
  held.reset();
  EXPECT_TRUE(auth.SignIn("gp1", testing::kPassword).ok());
}

// Hardening finding 8: length was the only rule; "aaaaaaaaaa" and ten spaces were taken.
TEST(PasswordPolicy, DenyListRepetitionAndContextWords) {
  EXPECT_EQ(PasswordProblem("short", {}), "must be at least 10 characters");
  EXPECT_EQ(PasswordProblem("          ", {}), "must not be only spaces");
  EXPECT_TRUE(PasswordProblem("aaaaaaaaaa", {}).has_value());
  EXPECT_TRUE(PasswordProblem("password123", {}).has_value());   // common
  EXPECT_TRUE(PasswordProblem("qwertyuiop", {}).has_value());    // common
  EXPECT_TRUE(PasswordProblem("1234567890", {}).has_value());    // systematic
  EXPECT_TRUE(PasswordProblem("linkway2026!", {}).has_value());  // the product's name
  auto own = PasswordProblem("Sarah.Jones-99x", {"sarah.jones", "P1", "Hereford Medical Group"});
  ASSERT_TRUE(own.has_value());
  EXPECT_NE(own->find("sarah"), std::string::npos);
  EXPECT_TRUE(PasswordProblem("hereford-surgery-7q", {"x", "Hereford Medical Group"}));
  EXPECT_EQ(PasswordProblem("correct horse battery staple", {"gp1", "P1"}), std::nullopt);
  EXPECT_EQ(PasswordProblem("Tq7!vbZ2#kLm", {"gp1"}), std::nullopt);
  EXPECT_TRUE(PasswordProblem("password1234", {}).has_value());  // a common word with digits
  EXPECT_TRUE(PasswordProblem("!!sunshine2026", {}).has_value());
  for (const char* good : {"orchard lantern 42", "a long enough password", "river-kettle-moss-9"}) {
    EXPECT_EQ(PasswordProblem(good, {"gp1"}), std::nullopt) << good;
  }
}

TEST(Auth, AddUserRefusesWeakPasswords) {
  TestWorld w;
  for (const char* weak : {"aaaaaaaaaa", "          ", "password1234", "new.user.pw2026"}) {
    auto added = w.auth->AddUser({"new.user", "", Role::kReferrer, "gp", "P2", weak});
    ASSERT_EQ(added.status().code(), Code::kInvalid) << weak;
    EXPECT_EQ(added.status().fields().at(0).field, "password") << weak;
  }
}

// Hardening finding 6: `user add` took a link worker attached to a practice, who then saw the
// whole PCN.
TEST(Auth, RoleMustFitTheOrganisationKind) {
  TestWorld w;
  struct Case {
    Role role;
    const char* org;
    bool fits;
  };
  const Case cases[] = {
      {Role::kLinkWorker, "P1", false},    {Role::kLinkWorker, "PCN1", true},
      {Role::kLinkWorker, "ICB1", false},  {Role::kVcse, "P1", false},
      {Role::kVcse, "V1", true},           {Role::kCommissioner, "PCN1", false},
      {Role::kCommissioner, "ICB1", true}, {Role::kAdmin, "P1", false},
      {Role::kAdmin, "ICB1", true},        {Role::kReferrer, "V1", false},
      {Role::kReferrer, "P1", true},       {Role::kReferrer, "PCN1", true},
      {Role::kReferrer, "ICB1", true},
  };
  int n = 0;
  for (const auto& c : cases) {
    auto added = w.auth->AddUser({"user" + std::to_string(n++), "", c.role, "", c.org, ""});
    EXPECT_EQ(added.ok(), c.fits) << ToString(c.role) << " at " << c.org;
    if (!c.fits) {
      EXPECT_EQ(added.status().fields().at(0).field, "role");
    }
  }
}

// Hardening finding 9: tokens never expired and could not be revoked.
TEST(Auth, TokensExpireRecordTheirUseAndCanBeRevoked) {
  TestWorld w;
  auto token = w.auth->CreateApiToken("gpsystem", "EMIS integration", 30);
  ASSERT_TRUE(token.ok());
  auto listed = w.auth->ListApiTokens("gpsystem");
  ASSERT_EQ(listed->size(), 1u);
  const ApiTokenInfo info = listed->front();
  EXPECT_EQ(info.name, "EMIS integration");
  EXPECT_EQ(info.expires_at, testing::kNow + 30 * 86400);
  EXPECT_EQ(info.last_used_at, 0);
  EXPECT_EQ(info.id.size(), 12u);
  EXPECT_EQ(token->find(info.id), std::string::npos);  // the id is not part of the secret
  w.clock.Set(testing::kNow + 100);
  EXPECT_TRUE(w.auth->FromBearer(*token).ok());
  EXPECT_EQ(w.auth->ListApiTokens("gpsystem")->front().last_used_at, testing::kNow + 100);
  w.clock.Set(testing::kNow + 30 * 86400);
  EXPECT_EQ(w.auth->FromBearer(*token).status().code(), Code::kUnauthenticated);  // expired
  auto other = w.auth->CreateApiToken("gpsystem", "", 90);
  ASSERT_TRUE(other.ok());
  EXPECT_TRUE(w.auth->FromBearer(*other).ok());
  std::string other_id = w.auth->ListApiTokens("gpsystem")->front().id;
  ASSERT_TRUE(w.auth->RevokeApiToken(other_id).ok());
  EXPECT_EQ(w.auth->FromBearer(*other).status().code(), Code::kUnauthenticated);
  EXPECT_EQ(w.auth->RevokeApiToken(other_id).code(), Code::kNotFound);  // once
  EXPECT_NE(w.auth->ListApiTokens("gpsystem")->front().revoked_at, 0);
  EXPECT_EQ(w.auth->CreateApiToken("gpsystem", "x", 0).status().code(), Code::kInvalid);
  EXPECT_EQ(w.auth->CreateApiToken("gpsystem", "x", 367).status().code(), Code::kInvalid);
}

TEST(Auth, AddUserChecksItsInput) {
  TestWorld w;
  auto bad = w.auth->AddUser({"bad name!", "", Role::kReferrer, "wizard", "P1", "short"});
  ASSERT_EQ(bad.status().code(), Code::kInvalid);
  EXPECT_EQ(bad.status().fields().size(), 3u);
  auto no_org =
      w.auth->AddUser({"new.user", "", Role::kReferrer, "gp", "NOPE", "orchard lantern 42"});
  EXPECT_EQ(no_org.status().code(), Code::kInvalid);
  auto ok =
      w.auth->AddUser({"new.user", "New User", Role::kReferrer, "gp", "P2", "orchard lantern 42"});
  ASSERT_TRUE(ok.ok());
  EXPECT_TRUE(w.auth->SignIn("new.user", "orchard lantern 42").ok());
  auto token = w.auth->CreateApiToken("new.user");
  ASSERT_TRUE(token.ok());
  EXPECT_EQ(w.auth->FromBearer(*token)->username, "new.user");
  std::string altered = *token;
  altered[0] = altered[0] == '0' ? '1' : '0';
  EXPECT_EQ(w.auth->FromBearer(altered).status().code(), Code::kUnauthenticated);
}

}  // namespace
}  // namespace linkway
