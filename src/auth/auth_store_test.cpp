// The auth module's storage on the backend under test: principals, unique usernames and the
// shared sign-in throttle.
#include "auth/auth_store.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "support/test_world.hpp"

namespace linkway {
namespace {

using testing::TestWorld;

TEST(AuthStore, LoadsAPrincipalWithTheirOrganisation) {
  TestWorld w;
  auto gp = w.users->LoadPrincipal(w.users->FindUser("gp3")->id);
  ASSERT_TRUE(gp.ok());
  EXPECT_EQ(gp->role, Role::kReferrer);
  EXPECT_EQ(gp->org_name, "Third Practice");
  EXPECT_EQ(gp->pcn_code, "PCN2");
  auto lw = w.users->LoadPrincipal(w.users->FindUser("lw1")->id);
  EXPECT_EQ(lw->org_kind, OrgKind::kPcn);
  EXPECT_EQ(lw->pcn_code, "PCN1");
  EXPECT_EQ(w.users->LoadPrincipal(w.users->FindUser("vcse")->id)->pcn_code, "");
  EXPECT_EQ(w.users->LoadPrincipal(99999).status().code(), Code::kNotFound);
}

TEST(AuthStore, UsernamesAreUnique) {
  TestWorld w;
  User u;
  u.username = "gp1";
  u.display_name = "Again";
  u.org_code = "P1";
  EXPECT_EQ(w.users->AddUser(u).status().code(), Code::kConflict);
  u.username = "new";
  u.org_code = "NOPE";
  EXPECT_EQ(w.users->AddUser(u).status().code(), Code::kInvalid);
}

TEST(AuthStore, SignInAttemptsSlowDownInAWindow) {
  TestWorld w;
  UnixSeconds t = testing::kNow;
  ThrottleRules rules{
      .window = 900, .pair_free = 3, .pair_most = 8, .client_free = 5, .client_most = 8};
  for (int i = 0; i < 3; ++i) EXPECT_EQ(*w.users->TakeSignInAttempt("gp1", "a", t, rules), 0);
  EXPECT_EQ(*w.users->TakeSignInAttempt("gp1", "a", t, rules), 1);  // wait 1 s: nothing written
  EXPECT_EQ(*w.users->TakeSignInAttempt("gp1", "b", t, rules), 0);  // per address
  EXPECT_EQ(*w.users->TakeSignInAttempt("other", "a", t, rules), 0);
  EXPECT_EQ(*w.users->TakeSignInAttempt("gp1", "a", t + 1, rules), 0);
  EXPECT_EQ(*w.users->TakeSignInAttempt("gp1", "a", t + 1, rules), 2);
  // From "a" five in all now: the address itself is slowed, for any username.
  EXPECT_EQ(*w.users->TakeSignInAttempt("third", "a", t + 1, rules), 1);
  // The delay stops doubling at pair_most.
  for (UnixSeconds at = t + 3; at < t + 40; ++at)
    (void)w.users->TakeSignInAttempt("gp1", "b", at, rules);
  auto wait = w.users->TakeSignInAttempt("gp1", "b", t + 40, rules);
  EXPECT_LE(*wait, 8);
  // Attempts before the window are forgotten; a success clears the pair.
  EXPECT_EQ(*w.users->TakeSignInAttempt("gp1", "a", t + 1000, rules), 0);
  ASSERT_TRUE(w.users->ClearSignInFailures("gp1", "a").ok());
  for (int i = 0; i < 3; ++i)
    EXPECT_EQ(*w.users->TakeSignInAttempt("gp1", "a", t + 1001, rules), 0);
}

TEST(AuthStore, ABurstOfSignInAttemptsCannotPassTheLimit) {
  TestWorld w;
  std::atomic<int> allowed{0};
  std::vector<std::thread> threads;
  threads.reserve(20);
  for (int i = 0; i < 20; ++i) {
    threads.emplace_back([&] {
      auto r = w.users->TakeSignInAttempt("gp1", "192.0.2.1", testing::kNow, ThrottleRules{});
      if (r.ok() && *r == 0) ++allowed;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(allowed, 5);
}

}  // namespace
}  // namespace linkway
