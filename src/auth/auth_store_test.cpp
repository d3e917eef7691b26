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

TEST(AuthStore, SignInAttemptsAreLimitedInAWindow) {
  TestWorld w;
  UnixSeconds t = testing::kNow;
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(*w.users->TakeSignInAttempt("gp1", t + i, t - 900, 3));
  EXPECT_FALSE(*w.users->TakeSignInAttempt("gp1", t + 5, t - 900, 3));
  EXPECT_TRUE(*w.users->TakeSignInAttempt("other", t + 5, t - 900, 3));  // per username
  // Attempts before the window are forgotten.
  EXPECT_TRUE(*w.users->TakeSignInAttempt("gp1", t + 1000, t + 1, 3));
  ASSERT_TRUE(w.users->ClearSignInFailures("gp1").ok());
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(*w.users->TakeSignInAttempt("gp1", t + 1001, t, 3));
}

TEST(AuthStore, ABurstOfSignInAttemptsCannotPassTheLimit) {
  TestWorld w;
  std::atomic<int> allowed{0};
  std::vector<std::thread> threads;
  threads.reserve(20);
  for (int i = 0; i < 20; ++i) {
    threads.emplace_back([&] {
      auto r = w.users->TakeSignInAttempt("gp1", testing::kNow, testing::kNow - 900, 5);
      if (r.ok() && *r) ++allowed;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(allowed, 5);
}

}  // namespace
}  // namespace linkway
