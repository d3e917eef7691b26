// Administration on the web: users, organisations and the ODS practice file, throttles and
// tokens, and the audit page, each change audited, within the administrator's own tree.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <sstream>

#include "auth/secrets.hpp"
#include "auth/totp.hpp"
#include "support/app_harness.hpp"

namespace linkway {
namespace {

using testing::Encode;
using testing::Fields;

class AdminPagesTest : public testing::PagesTest {
 protected:
  void SetUp() override { admin_ = SignIn("admin"); }
  http::Response Post(const std::string& path, Fields fields, const Session* as = nullptr) {
    const Session& s = as == nullptr ? admin_ : *as;
    fields.insert(fields.begin(), {"csrf_token", s.csrf});
    return Send("POST", path, s.cookie, Encode(fields));
  }
  std::int64_t Id(const std::string& username) { return w_.users->FindUser(username)->id; }
  // The actions of the audit rows written by the admin.
  std::string AdminAudit() {
    auto rows = w_.audit->List({.user_id = Id("admin")});
    std::string out;
    for (const auto& r : *rows) out += r.action + " ";
    return out;
  }
  Session admin_;
};

TEST_F(AdminPagesTest, OnlyAdministratorsUseThem) {
  EXPECT_EQ(Send("GET", "/admin/users").status, 303);  // sign in first
  for (const char* user : {"gp1", "lw1", "vcse", "commissioner"}) {
    EXPECT_EQ(Send("GET", "/admin/users", SignIn(user).cookie).status, 403) << user;
  }
  auto home = Send("GET", "/", admin_.cookie);
  EXPECT_NE(home.body.find("/admin/users"), std::string::npos);
  EXPECT_EQ(home.body.find("There is nothing for your role"), std::string::npos);
}

TEST_F(AdminPagesTest, CreateAUserWhoSetsTheirPasswordFromAOneTimeLink) {
  auto page = Send("GET", "/admin/users/new", admin_.cookie);
  ASSERT_EQ(page.status, 200);
  // A link worker's role does not fit a practice.
  auto misfit = Post("/admin/users", {{"username", "nia.ward"},
                                      {"display_name", "Nia Ward"},
                                      {"role", "link_worker"},
                                      {"org", "P1"}});
  EXPECT_EQ(misfit.status, 422);
  EXPECT_NE(misfit.body.find("A link worker belongs to a PCN"), std::string::npos);
  auto added = Post("/admin/users", {{"username", "nia.ward"},
                                     {"display_name", "Nia Ward"},
                                     {"role", "link_worker"},
                                     {"org", "PCN1"}});
  ASSERT_EQ(added.status, 201);
  std::smatch link;
  ASSERT_TRUE(std::regex_search(added.body, link, std::regex("/reset-password/([0-9a-f]{64})")));
  auto set = Send("POST", "/reset-password/" + std::string(link[1]), "",
                  Encode({{"password", "Quiet-Harbour-Biscuit-77"}}));
  EXPECT_EQ(set.status, 200);
  auto signed_in = w_.auth->SignIn("nia.ward", "Quiet-Harbour-Biscuit-77");
  ASSERT_TRUE(signed_in.ok());
  EXPECT_EQ(signed_in->stage, SignInStage::kEnrol);  // a real account: a second factor first
  EXPECT_EQ(
      Post("/admin/users",
           {{"username", "nia.ward"}, {"display_name", "Nia"}, {"role", "referrer"}, {"org", "P1"}})
          .status,
      422);  // taken
  auto list = Send("GET", "/admin/users", admin_.cookie);
  EXPECT_NE(list.body.find("nia.ward"), std::string::npos);
  EXPECT_NE(AdminAudit().find("admin.user.create"), std::string::npos);
}

TEST_F(AdminPagesTest, RoleDeactivationAndSecondFactorReset) {
  std::string lw1 = "/admin/users/" + std::to_string(Id("lw1"));
  auto user = Send("GET", lw1, admin_.cookie);
  ASSERT_EQ(user.status, 200);
  EXPECT_NE(user.body.find("Last sign-in"), std::string::npos);
  EXPECT_EQ(Post(lw1 + "/role", {{"role", "vcse"}}).status, 422);  // not at a PCN
  auto before = SignIn("lw1");
  EXPECT_EQ(Post(lw1 + "/role", {{"role", "admin"}}).status, 200);
  // A new role may need a second factor the old did not: the sessions end.
  EXPECT_EQ(Send("GET", "/", before.cookie).status, 303);
  EXPECT_EQ(w_.users->FindUser("lw1")->role, Role::kAdmin);
  ASSERT_EQ(Post(lw1 + "/role", {{"role", "link_worker"}}).status, 200);
  // Deactivating ends the session and the token at once.
  auto session = SignIn("lw1");
  auto token = w_.auth->CreateApiToken("lw1", "case system");
  EXPECT_EQ(Send("GET", "/casework", session.cookie).status, 200);
  EXPECT_EQ(Post(lw1 + "/active", {{"active", "no"}}).status, 200);
  EXPECT_EQ(Send("GET", "/casework", session.cookie).status, 303);
  EXPECT_FALSE(w_.auth->FromBearer(*token).ok());
  EXPECT_NE(Send("GET", "/admin/users", admin_.cookie).body.find("Deactivated"), std::string::npos);
  EXPECT_EQ(Post(lw1 + "/active", {{"active", "yes"}}).status, 200);
  EXPECT_TRUE(w_.auth->SignIn("lw1", testing::kPassword).ok());
  // An administrator cannot deactivate themselves.
  EXPECT_EQ(
      Post("/admin/users/" + std::to_string(Id("admin")) + "/active", {{"active", "no"}}).status,
      422);
  // Second factor reset.
  auto enrolment = w_.auth->BeginEnrolment(Id("lw1"));
  ASSERT_TRUE(
      w_.auth->ConfirmEnrolment(Id("lw1"), totp::CodeAt(enrolment->secret, w_.clock.Now())).ok());
  EXPECT_EQ(Post(lw1 + "/second-factor-reset", {}).status, 200);
  EXPECT_FALSE(w_.users->FindUser("lw1")->has_second_factor);
  // A form without the session's token is refused.
  EXPECT_EQ(Send("POST", lw1 + "/active", admin_.cookie, "active=no").status, 403);
  std::string audit = AdminAudit();
  for (const char* action : {"admin.user.role", "admin.user.deactivate", "admin.user.reactivate",
                             "admin.user.second_factor_reset"}) {
    EXPECT_NE(audit.find(action), std::string::npos) << action;
  }
}

TEST_F(AdminPagesTest, APcnAdministratorSeesOnlyTheirTree) {
  User pcn_admin{
      0, "pcn2.admin", "Pcn Admin", Role::kAdmin, "", "PCN2", HashPassword(testing::kPassword)};
  pcn_admin.factor_optional = true;
  ASSERT_TRUE(w_.users->AddUser(pcn_admin).ok());
  auto pcn2 = SignIn("pcn2.admin");
  auto list = Send("GET", "/admin/users", pcn2.cookie);
  EXPECT_NE(list.body.find("gp3"), std::string::npos);    // P3 is PCN2's
  EXPECT_EQ(list.body.find(">gp1<"), std::string::npos);  // P1 is PCN1's
  // Another tree's user answers as if there were none, for reads and changes alike.
  std::string gp1 = "/admin/users/" + std::to_string(Id("gp1"));
  EXPECT_EQ(Send("GET", gp1, pcn2.cookie).status, 404);
  EXPECT_EQ(Post(gp1 + "/active", {{"active", "no"}}, &pcn2).status, 404);
  EXPECT_TRUE(w_.users->FindUser("gp1")->active);
  EXPECT_EQ(Send("GET", "/admin/organisations/P1", pcn2.cookie).status, 404);
  EXPECT_EQ(Send("GET", "/admin/organisations/P3", pcn2.cookie).status, 200);
  // A PCN's administrator changes only its practices: no new PCN, ICB or agency.
  auto pcn = Post("/admin/organisations",
                  {{"code", "PCN9"}, {"name", "Rogue PCN"}, {"kind", "pcn"}}, &pcn2);
  EXPECT_EQ(pcn.status, 422);
  EXPECT_FALSE(w_.organisations->Get("PCN9").ok());
  EXPECT_EQ(Post("/admin/organisations",
                 {{"code", "P1"}, {"name", "Taken over"}, {"kind", "practice"}, {"parent", "PCN2"}},
                 &pcn2)
                .status,
            422);  // PCN1's practice
  EXPECT_EQ(w_.organisations->Get("P1")->name, "First Practice");
  // Nor its own PCN (made a practice of itself, it would leave the ICB's tree), nor a kind.
  EXPECT_EQ(Post("/admin/organisations",
                 {{"code", "PCN2"}, {"name", "X"}, {"kind", "practice"}, {"parent", "PCN2"}}, &pcn2)
                .status,
            422);
  EXPECT_EQ(w_.organisations->Get("PCN2")->kind, OrgKind::kPcn);
  EXPECT_EQ(
      Post("/admin/organisations", {{"code", "P3"}, {"name", "X"}, {"kind", "vcse"}}, &pcn2).status,
      422);
  // A practice's parent must be a PCN.
  EXPECT_EQ(w_.organisations->Put({"P8", OrgKind::kPractice, "Eighth", "P1", "", ""}).code(),
            Code::kInvalid);
  // The throttles and the code table of others are not theirs.
  for (int i = 0; i < 2; ++i) (void)w_.auth->SignIn("admin", "wrong password", "198.51.100.9");
  for (int i = 0; i < 2; ++i) (void)w_.auth->SignIn("gp3", "wrong password", "198.51.100.9");
  auto security = Send("GET", "/admin/security", pcn2.cookie);
  EXPECT_NE(security.body.find(">gp3<"), std::string::npos);
  EXPECT_EQ(security.body.find(">admin<"), std::string::npos);
  EXPECT_EQ(Post("/admin/throttles/clear", {{"username", "admin"}, {"client", ""}}, &pcn2).status,
            404);
  EXPECT_EQ(
      Post("/admin/throttles/clear", {{"username", ""}, {"client", "198.51.100.9"}}, &pcn2).status,
      404);
  EXPECT_EQ(w_.referrals->ReplaceCodes(w_.As("pcn2.admin"), "x").code(), Code::kForbidden);
}

TEST_F(AdminPagesTest, OrganisationsAndAnAgencyWithItsArea) {
  auto list = Send("GET", "/admin/organisations", admin_.cookie);
  ASSERT_EQ(list.status, 200);
  EXPECT_NE(list.body.find("First Practice"), std::string::npos);
  auto agency =
      Post("/admin/organisations",
           {{"code", "FIRE1"}, {"name", "Fire and Rescue"}, {"kind", "agency"}, {"areas", "pcn1"}});
  EXPECT_EQ(agency.status, 200);
  EXPECT_EQ(w_.organisations->Get("FIRE1")->areas, "PCN1");
  auto bad = Post("/admin/organisations",
                  {{"code", "FIRE2"}, {"name", "Fire"}, {"kind", "agency"}, {"areas", "P1"}});
  EXPECT_EQ(bad.status, 422);
  auto practice = Post("/admin/organisations", {{"code", "P4"},
                                                {"name", "Fourth Practice"},
                                                {"kind", "practice"},
                                                {"parent", "PCN2"},
                                                {"postcode", "hr1 2jb"}});
  EXPECT_EQ(practice.status, 200);
  EXPECT_EQ(w_.organisations->Get("P4")->postcode, "HR1 2JB");
  EXPECT_EQ(Post("/admin/organisations", {{"code", "P5"}, {"name", "No PCN"}, {"kind", "practice"}})
                .status,
            422);
  EXPECT_NE(AdminAudit().find("admin.organisation.create"), std::string::npos);
}

std::string Multipart(const std::vector<std::pair<std::string, std::string>>& parts) {
  std::string body;
  for (const auto& [name, value] : parts) {
    body += "--B0UND\r\nContent-Disposition: form-data; name=\"" + name + "\"" +
            (name == "file" ? "; filename=\"epraccur.csv\"" : "") + "\r\n\r\n" + value + "\r\n";
  }
  return body + "--B0UND--\r\n";
}

TEST_F(AdminPagesTest, TheOdsPracticeFileAddsAndUpdatesPractices) {
  ASSERT_TRUE(
      w_.organisations->Put({"M81026", OrgKind::kPractice, "Old Name", "PCN1", "HR4 9JP", ""})
          .ok());
  std::ifstream in(std::string(LINKWAY_SOURCE_DIR) +
                   "/tests/fixtures/ods/epraccur_2019-12-20_WR_HR_with_header.csv");
  std::stringstream file;
  file << in.rdbuf();
  ASSERT_FALSE(file.str().empty());
  auto send = [&](const std::string& body) {
    http::Request r;
    r.method = "POST";
    r.target = r.path = r.raw_path = "/admin/organisations/import";
    r.headers.emplace("Cookie", admin_.cookie);
    r.headers.emplace("Content-Type", "multipart/form-data; boundary=B0UND");
    r.body = body;
    return app_.Handle(r);
  };
  EXPECT_EQ(Send("GET", "/admin/organisations/import", admin_.cookie).status, 200);
  auto report = send(Multipart(
      {{"csrf_token", admin_.csrf}, {"file", file.str()}, {"pcn", "PCN2"}, {"areas", "HR"}}));
  ASSERT_EQ(report.status, 200) << report.body;
  EXPECT_NE(report.body.find("M81026: name Old Name to Hereford Medical Group"), std::string::npos);
  EXPECT_FALSE(w_.organisations->Get("A91085").ok());  // not a GP practice (setting 0)
  // A row whose code is another kind of organisation here is not taken as a practice.
  ASSERT_TRUE(w_.organisations->Put({"U12345", OrgKind::kPcn, "A PCN", "ICB1", "", ""}).ok());
  auto rogue = send(Multipart({{"csrf_token", admin_.csrf},
                               {"file",
                                "organisation_code,name,postcode,status_code,"
                                "prescribing_setting\nU12345,ROGUE,HR1 2JB,A,4\n"},
                               {"pcn", "PCN2"}}));
  EXPECT_EQ(rogue.status, 200);
  EXPECT_EQ(w_.organisations->Get("U12345")->kind, OrgKind::kPcn);
  auto practices = w_.organisations->List(OrgKind::kPractice);
  EXPECT_GT(practices->size(), 10u);
  for (const auto& p : *practices) {
    if (p.code.size() == 6 && p.code != "M81026") {
      EXPECT_EQ(p.postcode.substr(0, 2), "HR");
    }
  }
  EXPECT_EQ(w_.organisations->Get("M81026")->name, "Hereford Medical Group");
  // Again: nothing changes.
  auto again = send(Multipart(
      {{"csrf_token", admin_.csrf}, {"file", file.str()}, {"pcn", "PCN2"}, {"areas", "HR"}}));
  EXPECT_NE(again.body.find("0 added, 0 updated"), std::string::npos);
  // A bad file says where; a missing token is refused.
  auto bad = send(Multipart({{"csrf_token", admin_.csrf}, {"file", "X1,Name\n"}, {"pcn", ""}}));
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("line 1"), std::string::npos);
  EXPECT_EQ(send(Multipart({{"file", file.str()}})).status, 403);
}

TEST_F(AdminPagesTest, ThrottlesAndTokens) {
  for (int i = 0; i < 3; ++i) (void)w_.auth->SignIn("lw1", "wrong password", "198.51.100.4");
  auto page = Send("GET", "/admin/security", admin_.cookie);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("198.51.100.4"), std::string::npos);
  EXPECT_EQ(
      Post("/admin/throttles/clear", {{"username", "lw1"}, {"client", "198.51.100.4"}}).status,
      200);
  EXPECT_TRUE(w_.auth->Throttles()->empty());
  auto token = w_.auth->CreateApiToken("gpsystem", "EMIS");
  auto id = w_.auth->ListApiTokens("gpsystem")->front().id;
  EXPECT_NE(Send("GET", "/admin/security", admin_.cookie).body.find(id), std::string::npos);
  EXPECT_EQ(Post("/admin/tokens/" + id + "/revoke", {}).status, 200);
  EXPECT_FALSE(w_.auth->FromBearer(*token).ok());
  EXPECT_EQ(Post("/admin/tokens/000000000000/revoke", {}).status, 404);
  std::string audit = AdminAudit();
  EXPECT_NE(audit.find("admin.throttle.clear"), std::string::npos);
  EXPECT_NE(audit.find("admin.token.revoke"), std::string::npos);
}

TEST_F(AdminPagesTest, TheAuditAnswersWhoHasSeenAPersonAndWhatAUserDid) {
  auto referral = w_.referrals->CreateReferral(w_.As("gp1"), w_.GoodReferral("P1"));
  ASSERT_TRUE(referral.ok());
  std::string id = std::to_string(referral->referral.id);
  ASSERT_TRUE(w_.referrals->GetReferral(w_.As("lw1"), referral->referral.id).ok());
  auto bad = Post("/admin/audit/person", {{"nhs_number", "1234567890"}});
  EXPECT_EQ(bad.status, 422);
  auto found = Post("/admin/audit/person", {{"nhs_number", "943 476 5919"}, {"format", "page"}});
  ASSERT_EQ(found.status, 200);
  EXPECT_NE(found.body.find("lw1"), std::string::npos);
  EXPECT_NE(found.body.find("referral.read"), std::string::npos);
  EXPECT_NE(found.body.find("referral.create"), std::string::npos);
  auto csv = Post("/admin/audit/person", {{"nhs_number", "9434765919"}, {"format", "csv"}});
  EXPECT_EQ(csv.Header("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_NE(csv.body.find("\"lw1\",\"link_worker\",\"referral.read\",\"referral\",\"" + id),
            std::string::npos)
      << csv.body;
  // The search itself is audited, naming the referral found (not the NHS number).
  auto searches = w_.audit->List({.record_type = "referral", .record_id = id});
  ASSERT_TRUE(searches.ok());
  bool audited = false;
  for (const auto& r : *searches) audited = audited || r.action == "audit.person";
  EXPECT_TRUE(audited);
  auto all = w_.audit->List({});
  ASSERT_TRUE(all.ok());
  for (const auto& r : *all) EXPECT_EQ(r.record_id.find("9434765919"), std::string::npos);
  auto user = Send("GET", "/admin/audit/user?username=lw1&format=page", admin_.cookie);
  ASSERT_EQ(user.status, 200);
  EXPECT_NE(user.body.find("referral.read"), std::string::npos);
  auto user_csv = Send("GET", "/admin/audit/user?username=lw1&format=csv", admin_.cookie);
  EXPECT_NE(user_csv.Header("Content-Disposition").find("audit-lw1.csv"), std::string::npos);
  EXPECT_EQ(Send("GET", "/admin/audit/user?username=nobody", admin_.cookie).status, 422);
  EXPECT_NE(AdminAudit().find("audit.user"), std::string::npos);
}

TEST_F(AdminPagesTest, TheLocalCodeTableIsShownAndReplacedFromAFile) {
  auto page = Send("GET", "/admin/codes", admin_.cookie);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("LW001"), std::string::npos);
  EXPECT_NE(page.body.find("the deployment"), std::string::npos);
  std::ifstream in(std::string(LINKWAY_SOURCE_DIR) + "/data/codes/local_codes.csv");
  std::stringstream file;
  file << in.rdbuf();
  std::string replaced = file.str();
  replaced.replace(replaced.find("LW001"), 5, "XYZ99");
  auto send = [&](const std::string& csv) {
    http::Request r;
    r.method = "POST";
    r.target = r.path = r.raw_path = "/admin/codes";
    r.headers.emplace("Cookie", admin_.cookie);
    r.headers.emplace("Content-Type", "multipart/form-data; boundary=B0UND");
    r.body = Multipart({{"csrf_token", admin_.csrf}, {"file", csv}});
    return app_.Handle(r);
  };
  // A bad file says which line, and changes nothing.
  auto bad = send("event,system,code,display\nreferral.nonsense,x,y,z\n");
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("line"), std::string::npos);
  EXPECT_EQ(send(replaced).status, 200);
  auto referral = w_.referrals->CreateReferral(w_.As("gp1"), w_.GoodReferral("P1"));
  ASSERT_TRUE(referral.ok());
  auto events = w_.referral_store->Events(referral->referral.id);
  EXPECT_EQ(events->front().code, "XYZ99");
  auto after = Send("GET", "/admin/codes", admin_.cookie);
  EXPECT_NE(after.body.find("Replaced by admin"), std::string::npos);
  EXPECT_NE(AdminAudit().find("codes.replace"), std::string::npos);
  // Another instance on the same database (a new Referrals) uses the stored table.
  Referrals again(*w_.referral_store, w_.system->directory, *w_.users, w_.clock, w_.codes);
  EXPECT_EQ(again.codes().Current()->ForState(ReferralState::kReceived).code, "XYZ99");
}

}  // namespace
}  // namespace linkway
