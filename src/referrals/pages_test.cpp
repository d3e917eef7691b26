// The referral pages through the router and the front door, without a socket: the referral
// form and its errors, the referral's life on the details page, drafts, signposting, the home
// page and access by role.
#include <gtest/gtest.h>

#include "support/app_harness.hpp"

namespace linkway {
namespace {

using testing::Encode;
using testing::Fields;

Fields GoodReferral(const std::string& csrf) {
  return {{"csrf_token", csrf},
          {"idempotency_key", "0123456789abcdef"},
          {"nhs_number", "943 476 5919"},
          {"given_name", "Ann"},
          {"family_name", "Smith"},
          {"dob_day", "2"},
          {"dob_month", "3"},
          {"dob_year", "1948"},
          {"phone", "01432 000000"},
          {"reasons", "loneliness"},
          {"reasons", "money"},
          {"consent_referral", "yes"},
          {"consent_share", "yes"},
          {"urgency", "routine"},
          {"practice", "P1"},
          {"note", "Prefers <mornings>"}};
}

class PagesTest : public testing::PagesTest {
 protected:
  // Makes a referral as gp1 through the form and returns its id.
  std::string MakeReferral() {
    Session gp = SignIn("gp1");
    auto r = Send("POST", "/referrals", gp.cookie, Encode(GoodReferral(gp.csrf)));
    EXPECT_EQ(r.status, 303) << r.body;
    std::string location = r.Header("Location");
    return location.substr(std::string("/referrals/").size(),
                           location.find('?') - std::string("/referrals/").size());
  }
};

TEST_F(PagesTest, PagesNeedSignIn) {
  EXPECT_EQ(Send("GET", "/").Header("Location"), "/signin");
  for (const char* path :
       {"/referrals", "/referrals/new", "/referrals/1", "/signposts", "/signposts/new"}) {
    auto r = Send("GET", path);
    EXPECT_EQ(r.status, 303) << path;
    EXPECT_EQ(r.Header("Location"), "/signin?next=" + http::UrlEncode(path)) << path;
  }
}

TEST_F(PagesTest, HomeByRole) {
  auto home = Send("GET", "/", SignIn("gp1").cookie);
  EXPECT_EQ(home.status, 200);
  EXPECT_NE(home.body.find("Make a referral"), std::string::npos);
  EXPECT_NE(home.body.find("<html lang=\"en\">"), std::string::npos);
  auto inbox = Send("GET", "/", SignIn("lw1").cookie);
  EXPECT_EQ(inbox.status, 303);
  EXPECT_EQ(inbox.Header("Location"), "/casework");  // the waiting list (casework's landing)
}

TEST_F(PagesTest, EmptyReferralShowsEveryError) {
  Session gp = SignIn("gp1");
  EXPECT_EQ(Send("POST", "/referrals", gp.cookie, "nhs_number=1").status, 403);  // no csrf
  auto r = Send("POST", "/referrals", gp.cookie, Encode({{"csrf_token", gp.csrf}}));
  EXPECT_EQ(r.status, 422);
  for (const char* text :
       {"There is a problem", "href=\"#nhs_number\"", "Enter the person&apos;s NHS number",
        "href=\"#dob_day\"", "href=\"#reasons\"", "href=\"#consent_referral\"",
        "href=\"#consent_share\"", "<title>Error: Make a referral - Linkway</title>"}) {
    EXPECT_NE(r.body.find(text), std::string::npos) << text;
  }
}

TEST_F(PagesTest, PartDateNamesWhatIsMissing) {
  Session gp = SignIn("gp1");
  Fields fields = GoodReferral(gp.csrf);
  for (auto& [name, value] : fields)
    if (name == "dob_day") value.clear();
  auto r = Send("POST", "/referrals", gp.cookie, Encode(fields));
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.body.find("Date of birth must include a day"), std::string::npos);
  EXPECT_NE(r.body.find("value=\"1948\""), std::string::npos);  // values kept
}

TEST_F(PagesTest, ReferralIsCreatedOnceAndEscaped) {
  Session gp = SignIn("gp1");
  std::string body = Encode(GoodReferral(gp.csrf));
  auto first = Send("POST", "/referrals", gp.cookie, body);
  auto again = Send("POST", "/referrals", gp.cookie, body);
  ASSERT_EQ(first.status, 303);
  EXPECT_EQ(first.Header("Location"), again.Header("Location"));
  EXPECT_EQ(first.Header("Location").find("Smith"), std::string::npos);
  auto shown = Send("GET", first.Header("Location"), gp.cookie);
  EXPECT_EQ(shown.status, 200);
  EXPECT_NE(shown.body.find("Referral sent"), std::string::npos);
  EXPECT_NE(shown.body.find("943 476 5919"), std::string::npos);
  EXPECT_NE(shown.body.find("Prefers &lt;mornings&gt;"), std::string::npos);
  EXPECT_EQ(shown.body.find("<mornings>"), std::string::npos);
}

TEST_F(PagesTest, FormPostsWithoutTheSessionCsrfTokenAreRefused) {
  Session gp = SignIn("gp1");
  Session other = SignIn("gp2");
  for (const std::string& token : {std::string(), other.csrf, gp.csrf + "0"}) {
    auto r = Send("POST", "/referrals", gp.cookie, Encode(GoodReferral(token)));
    EXPECT_EQ(r.status, 403) << token;
    Fields signpost = {{"csrf_token", token}, {"service", "Men's Shed"}, {"reasons", "money"}};
    EXPECT_EQ(Send("POST", "/signposts", gp.cookie, Encode(signpost)).status, 403) << token;
  }
  EXPECT_EQ(w_.referral_store->List({})->total, 0);
  std::string id = MakeReferral();
  Session lw = SignIn("lw1");
  Fields accept = {{"csrf_token", gp.csrf}, {"to", "accepted"}};
  EXPECT_EQ(Send("POST", "/referrals/" + id + "/transitions", lw.cookie, Encode(accept)).status,
            403);
  EXPECT_EQ(w_.referral_store->Get(std::stoll(id))->state, ReferralState::kReceived);
}

TEST_F(PagesTest, LinkWorkerAcceptsFromInbox) {
  std::string id = MakeReferral();
  Session lw = SignIn("lw1");
  auto inbox = Send("GET", "/referrals", lw.cookie);
  EXPECT_EQ(inbox.status, 200);
  EXPECT_NE(inbox.body.find("href=\"/referrals/" + id + "\""), std::string::npos);
  EXPECT_EQ(Send("GET", "/referrals", SignIn("lw2").cookie).body.find("/referrals/" + id + "\""),
            std::string::npos);

  Fields decline = {{"csrf_token", lw.csrf}, {"to", "declined"}, {"reason", ""}};
  auto invalid = Send("POST", "/referrals/" + id + "/transitions", lw.cookie, Encode(decline));
  EXPECT_EQ(invalid.status, 422);
  EXPECT_NE(invalid.body.find("href=\"#reason-declined\""), std::string::npos);

  Fields accept = {{"csrf_token", lw.csrf}, {"to", "accepted"}};
  auto moved = Send("POST", "/referrals/" + id + "/transitions", lw.cookie, Encode(accept));
  EXPECT_EQ(moved.status, 303);
  EXPECT_EQ(moved.Header("Location"), "/referrals/" + id);
  auto page = Send("GET", "/referrals/" + id, lw.cookie);
  EXPECT_NE(page.body.find(">Accepted</strong>"), std::string::npos);
  EXPECT_NE(page.body.find("871731000000106"), std::string::npos);

  auto conflict = Send("POST", "/referrals/" + id + "/transitions", lw.cookie, Encode(accept));
  EXPECT_EQ(conflict.status, 409);
  EXPECT_NE(conflict.body.find("accepted"), std::string::npos);
}

TEST_F(PagesTest, ReferrerMayOnlyWithdraw) {
  std::string id = MakeReferral();
  Session gp = SignIn("gp1");
  auto page = Send("GET", "/referrals/" + id, gp.cookie);
  EXPECT_NE(page.body.find("Withdraw referral"), std::string::npos);
  EXPECT_EQ(page.body.find("Accept referral"), std::string::npos);
  Fields accept = {{"csrf_token", gp.csrf}, {"to", "accepted"}};
  EXPECT_EQ(Send("POST", "/referrals/" + id + "/transitions", gp.cookie, Encode(accept)).status,
            403);
  EXPECT_EQ(Send("GET", "/referrals/" + id, SignIn("gp3").cookie).status, 404);
}

TEST_F(PagesTest, DraftOpensOnce) {
  auto token = w_.referrals->CreateDraft(
      w_.As("gpsystem"),
      R"({"patient":{"nhs_number":"9434765919","given_name":"Ann","family_name":"Smith",)"
      R"("date_of_birth":"1948-03-02","phone":"01432 000000"},"reasons":["money"]})");
  ASSERT_TRUE(token.ok());
  Session gp = SignIn("gp1");
  auto form = Send("GET", "/referrals/new?draft=" + *token, gp.cookie);
  EXPECT_EQ(form.status, 200);
  EXPECT_NE(form.body.find("value=\"Ann\""), std::string::npos);
  EXPECT_NE(form.body.find("id=\"dob_month\" name=\"dob_month\""), std::string::npos);
  auto again = Send("GET", "/referrals/new?draft=" + *token, gp.cookie);
  EXPECT_EQ(again.status, 404);
  EXPECT_NE(again.body.find("expired or was already used"), std::string::npos);
}

TEST_F(PagesTest, SignpostingIsOneAction) {
  Session gp = SignIn("gp1");
  Fields fields = {{"csrf_token", gp.csrf}, {"service", "Community Larder"}, {"reasons", "money"}};
  auto r = Send("POST", "/signposts", gp.cookie, Encode(fields));
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.Header("Location"), "/signposts?recorded=1");
  auto list = Send("GET", "/signposts?recorded=1", gp.cookie);
  EXPECT_NE(list.body.find("Signposting recorded"), std::string::npos);
  EXPECT_NE(list.body.find("Community Larder"), std::string::npos);
  auto empty = Send("POST", "/signposts", gp.cookie, Encode({{"csrf_token", gp.csrf}}));
  EXPECT_EQ(empty.status, 422);
  EXPECT_NE(empty.body.find("href=\"#service\""), std::string::npos);
}

TEST_F(PagesTest, RolesWithoutAccessGetForbidden) {
  Session vcse = SignIn("vcse");
  for (const char* path : {"/referrals/new", "/referrals", "/signposts/new", "/signposts"}) {
    EXPECT_EQ(Send("GET", path, vcse.cookie).status, 403) << path;
  }
}

}  // namespace
}  // namespace linkway
