// The page frame: every failed Status becomes the page the one status table calls for (no 4xx
// turns into a 500 page), page refusals, and the home page's cards and landings by role.
#include "web/pages.hpp"

#include <gtest/gtest.h>

#include "web/view.hpp"

namespace linkway::web {
namespace {

http::Request SignedIn(Role role) {
  http::Request r;
  r.method = "GET";
  r.target = r.path = "/somewhere";
  Principal p;
  p.username = "u";
  p.display_name = "U";
  p.role = role;
  p.csrf_token = "t";
  r.principal = p;
  return r;
}

TEST(Frame, StatusPagesFollowTheOneStatusTable) {
  struct Case {
    Status status;
    int http;
    std::string shows;  // text the page must hold
  };
  const Case cases[] = {
      {Status::Invalid("the practice is closed"), 422, "The practice is closed."},
      {Status::NotFound("no such thing"), 404, "Page not found"},
      {Status::Conflict("it moved on"), 409, "It moved on."},
      {Status::Forbidden("no"), 403, "does not allow this"},
      {Status(Code::kTooLarge, "over the limit"), 413, "Over the limit."},
      {Status(Code::kRateLimited, "slow down"), 429, "Slow down."},
      {Status::Unavailable("down"), 503, "unavailable"},
      {Status::Internal("a bug, with detail"), 500, "there is a problem with the service"},
  };
  auto request = SignedIn(Role::kReferrer);
  for (const auto& c : cases) {
    auto page = StatusPage(request, c.status);
    EXPECT_EQ(page.status, c.http) << c.status.message();
    EXPECT_NE(page.body.find(c.shows), std::string::npos) << c.status.message();
    EXPECT_EQ(page.Header("Cache-Control"), "no-store");
  }
  // Internal detail never reaches the page.
  auto internal = StatusPage(request, Status::Internal("x").WithDetail("SQLITE_CORRUPT in t"));
  EXPECT_EQ(internal.body.find("SQLITE"), std::string::npos);
  // Nobody signed in: sign in first, back to the page afterwards.
  http::Request anonymous;
  anonymous.method = "GET";
  anonymous.target = anonymous.path = "/referrals";
  auto signin = StatusPage(anonymous, Status::Unauthenticated("sign in"));
  EXPECT_EQ(signin.status, 303);
  EXPECT_EQ(signin.Header("Location"), "/signin?next=%2Freferrals");
}

TEST(Frame, PageRefusalsAreWholePages) {
  auto request = SignedIn(Role::kVcse);
  EXPECT_EQ(PageRefusal(request, http::Refusal::kRole, "Your role cannot do this.").status, 403);
  auto expired = PageRefusal(request, http::Refusal::kCsrf, "");
  EXPECT_EQ(expired.status, 403);
  EXPECT_NE(expired.body.find("This form has expired"), std::string::npos);
  EXPECT_EQ(PageRefusal(request, http::Refusal::kTooLarge, "too big").status, 413);
  http::Request anonymous;
  anonymous.method = "POST";
  anonymous.target = anonymous.path = "/referrals";
  EXPECT_EQ(PageRefusal(anonymous, http::Refusal::kNotSignedIn, "").Header("Location"), "/signin");
}

TEST(Frame, HomeShowsEachRoleItsCardsAndNavigation) {
  AddHomeCards("figures", [](const Principal& who) -> std::vector<HomeCard> {
    if (who.role != Role::kCommissioner) return {};
    return {{"/figures", "See the figures", "Activity across the area"}};
  });
  AddNavLink(Role::kCommissioner, "/figures", "Figures");
  SetLanding(Role::kAdmin, "/users");
  http::Router router;
  RegisterFrame(router);
  auto commissioner = SignedIn(Role::kCommissioner);
  commissioner.path = commissioner.target = "/";
  auto home = router.Handle(commissioner);
  EXPECT_EQ(home.status, 200);
  EXPECT_NE(home.body.find("See the figures"), std::string::npos);
  EXPECT_NE(home.body.find("href=\"/figures\""), std::string::npos);  // card and navigation
  auto vcse = SignedIn(Role::kVcse);
  vcse.path = vcse.target = "/";
  EXPECT_NE(router.Handle(vcse).body.find("There is nothing for your role"), std::string::npos);
  auto admin = SignedIn(Role::kAdmin);
  admin.path = admin.target = "/";
  EXPECT_EQ(router.Handle(admin).Header("Location"), "/users");
}

}  // namespace
}  // namespace linkway::web
