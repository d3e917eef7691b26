// The `linkway` subcommands, run as a user would run them.
#include <gtest/gtest.h>

#include <fstream>

#include "server/process.hpp"
#include "support/http_client.hpp"
#include "support/test_world.hpp"

namespace linkway::testing {
namespace {

TEST(Cli, UsersTokensAndOrganisations) {
  ScratchDb scratch;
  const std::string& db = scratch.url();
  { PopulateWorldAt(db); }
  auto orgs = RunLinkway({"org", "list", "--db", db, "--kind", "practice"});
  EXPECT_EQ(orgs.exit_code, 0) << orgs.out;
  EXPECT_EQ(orgs.out,
            "P1\tpractice\tFirst Practice\tPCN1\nP2\tpractice\tSecond Practice\tPCN1\n"
            "P3\tpractice\tThird Practice\tPCN2\n");
  EXPECT_EQ(RunLinkway({"org", "list", "--db", db, "--kind", "shop"}).exit_code, 2);
  // org add: an agency with its area; a bad area is refused naming the field.
  auto agency = RunLinkway({"org", "add", "--db", db, "--code", "FIRE1", "--kind", "agency",
                            "--name", "Fire and Rescue", "--areas", "PCN1"});
  EXPECT_EQ(agency.exit_code, 0) << agency.out;
  EXPECT_EQ(RunLinkway({"org", "list", "--db", db, "--kind", "agency"}).out,
            "FIRE1\tagency\tFire and Rescue\t\n");
  auto bad_area = RunLinkway({"org", "add", "--db", db, "--code", "FIRE2", "--kind", "agency",
                              "--name", "Fire", "--areas", "P1"});
  EXPECT_EQ(bad_area.exit_code, 1);
  EXPECT_NE(bad_area.out.find("areas: P1 is not a PCN or the ICB"), std::string::npos)
      << bad_area.out;

  auto added = RunLinkway({"user", "add", "--db", db, "--username", "nurse1", "--role", "referrer",
                           "--org", "P2", "--profession", "nurse", "--password-stdin"},
                          "a long enough password\n");
  EXPECT_EQ(added.exit_code, 0) << added.out;
  auto again = RunLinkway({"user", "add", "--db", db, "--username", "nurse1", "--role", "referrer",
                           "--org", "P2", "--password-stdin"},
                          "a long enough password\n");
  EXPECT_NE(again.exit_code, 0);
  EXPECT_NE(again.out.find("taken"), std::string::npos) << again.out;
  auto bad_role = RunLinkway({"user", "add", "--db", db, "--username", "x", "--role", "boss",
                              "--org", "P2", "--password-stdin"},
                             "a long enough password\n");
  EXPECT_EQ(bad_role.exit_code, 2);

  auto token = RunLinkway({"token", "create", "--db", db, "--username", "nurse1"});
  ASSERT_EQ(token.exit_code, 0) << token.out;
  std::string value = token.out.substr(0, token.out.find('\n'));
  EXPECT_EQ(value.size(), 64u);

  unsigned short port = FreePort();
  ServeProcess server(db, port);
  Client c("127.0.0.1", port);
  c.SetBearer(value);
  EXPECT_EQ(c.Json("GET", "/api/v1/referrals").status, 200);
  auto signin = c.Send("POST", "/api/v1/session",
                       R"({"username":"nurse1","password":"a long enough password"})",
                       {{"Content-Type", "application/json"}});
  // A user made by the command must set up a second factor (on the web) before signing in.
  EXPECT_EQ(signin.status, 403);
  EXPECT_NE(signin.body.find("second factor"), std::string::npos) << signin.body;

  // Tokens are listed (never the secret) and revoked at once, while the server runs.
  auto list = RunLinkway({"token", "list", "--db", db});
  ASSERT_EQ(list.exit_code, 0) << list.out;
  EXPECT_EQ(list.out.find(value), std::string::npos);
  auto line = list.out.substr(list.out.find('\n') + 1);
  std::string id = line.substr(0, line.find('\t'));
  EXPECT_EQ(id.size(), 12u);
  EXPECT_NE(line.find("nurse1\tintegration\t"), std::string::npos) << list.out;
  EXPECT_NE(line.find("\tlive"), std::string::npos) << list.out;
  auto revoked = RunLinkway({"token", "revoke", "--db", db, "--id", id});
  EXPECT_EQ(revoked.exit_code, 0) << revoked.out;
  EXPECT_EQ(c.Json("GET", "/api/v1/referrals").status, 401);
  EXPECT_EQ(RunLinkway({"token", "revoke", "--db", db, "--id", id}).exit_code, 1);
  EXPECT_NE(RunLinkway({"token", "list", "--db", db}).out.find("revoked"), std::string::npos);
}

// The tamper-evident audit: the server seals its rows; `audit verify` passes, then names a row
// changed by hand.
TEST(Cli, AuditVerifyFindsARowChangedByHand) {
  ScratchDb scratch;
  PopulateWorldAt(scratch.url());
  std::string db = scratch.url();
  {
    ServeProcess server(db, FreePort());
    Client c("127.0.0.1", server.port());
    auto in = c.Json("POST", "/api/v1/session",
                     R"({"username":"gp1","password":"correct horse battery"})");
    ASSERT_EQ(in.status, 200);
    c.SetCookie(CookiePair(in.Header("set-cookie")));
    EXPECT_EQ(c.Json("GET", "/api/v1/referrals").status, 200);  // audited
  }                                                             // stopping seals what was left
  auto intact = RunLinkway({"audit", "verify", "--db", db});
  EXPECT_EQ(intact.exit_code, 0) << intact.out;
  EXPECT_NE(intact.out.find("The audit chain is intact"), std::string::npos) << intact.out;
  auto opened = OpenDatabase(db);
  ASSERT_TRUE(opened.ok());
  Status changed = (*opened)->Write([&](sql::Tx& tx) {
    if (scratch.postgres()) {
      sql::Query(tx, "ALTER TABLE audit DISABLE TRIGGER audit_append_only").Run();
    } else {
      sql::Query(tx, "DROP TRIGGER audit_no_update").Run();
    }
    sql::Query(tx, "UPDATE audit SET username = 'someone' WHERE id = (SELECT MIN(id) FROM audit)")
        .Run();
    return Status::Ok();
  });
  ASSERT_TRUE(changed.ok()) << changed.message();
  auto tampered = RunLinkway({"audit", "verify", "--db", db});
  EXPECT_EQ(tampered.exit_code, 1);
  EXPECT_NE(tampered.out.find("was changed after it was sealed"), std::string::npos)
      << tampered.out;
}

// Insight item 1: list sizes from NHS Digital's file; an unknown practice is reported and the
// known rows are still used.
TEST(Cli, ImportsListSizesReportingUnknownPractices) {
  ScratchDb scratch;
  { PopulateWorldAt(scratch.url()); }
  TempDir dir;
  std::string file = (dir.path() / "sizes.csv").string();
  {
    std::ofstream out(file);
    out << "PUBLICATION,EXTRACT_DATE,TYPE,CODE,POSTCODE,SEX,AGE,NUMBER_OF_PATIENTS\n"
           "GP_PRAC_PAT_LIST,2026-04-01,GP,P1,HR4 7DD,ALL,ALL,8708\n"
           "GP_PRAC_PAT_LIST,2026-04-01,GP,Z99999,HR1 1AA,ALL,ALL,100\n";
  }
  auto run = RunLinkway({"practices", "import-list-sizes", "--db", scratch.url(), file});
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_NE(run.out.find("Stored the list sizes of 1 practices"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("Not used: Z99999"), std::string::npos) << run.out;
  {
    std::ofstream out(file);
    out << "CODE,TOTAL\nP1,5\n";
  }
  auto bad = RunLinkway({"practices", "import-list-sizes", "--db", scratch.url(), file});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.out.find("no column EXTRACT_DATE"), std::string::npos) << bad.out;
}

TEST(Cli, ClearErrors) {
  TempDir dir;
  auto missing = RunLinkway({"org", "list", "--db", (dir.path() / "no/such/dir/x.db").string()});
  EXPECT_NE(missing.exit_code, 0);
  EXPECT_NE(missing.out.find("cannot open the database"), std::string::npos) << missing.out;
  auto bad_listen =
      RunLinkway({"serve", "--db", (dir.path() / "a.db").string(), "--listen", "nowhere"});
  EXPECT_EQ(bad_listen.exit_code, 2);
  EXPECT_NE(bad_listen.out.find("HOST:PORT"), std::string::npos) << bad_listen.out;
  auto url = RunLinkway({"org", "list", "--db", "mysql://x/y"});
  EXPECT_NE(url.out.find("unknown database URL scheme"), std::string::npos) << url.out;
}

}  // namespace
}  // namespace linkway::testing
