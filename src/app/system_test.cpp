// Opening a database with every module's tables, on the backend under test: a foreign or newer
// database is refused, one from before per-module versions is upgraded, data survives a
// reopen, and caches hear of changes.
#include "app/system.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <chrono>
#include <condition_variable>
#include <mutex>

#include "support/test_world.hpp"

namespace linkway {
namespace {

using testing::ScratchDb;
using testing::TestWorld;

// Runs `sql` straight on the scratch database, outside Linkway.
void Exec(const ScratchDb& db, const std::string& sql) {
  if (db.postgres()) {
    testing::PgExec(testing::TestPgUrl(), "SET search_path = " + db.schema() + "; " + sql);
    return;
  }
  sqlite3* handle = nullptr;
  sqlite3_open(db.path().c_str(), &handle);
  char* error = nullptr;
  int rc = sqlite3_exec(handle, sql.c_str(), nullptr, nullptr, &error);
  std::string message = error != nullptr ? error : "";
  sqlite3_free(error);
  sqlite3_close(handle);
  if (rc != SQLITE_OK) throw std::runtime_error(message);
}

TEST(System, RefusesForeignAndNewerDatabases) {
  ScratchDb foreign;
  Exec(foreign, "CREATE TABLE accounts (id INTEGER)");
  auto opened = OpenDatabase(foreign.url());
  EXPECT_EQ(opened.status().code(), Code::kInvalid);
  EXPECT_NE(opened.status().message().find("no Linkway schema"), std::string::npos);

  ScratchDb newer;
  { ASSERT_TRUE(OpenDatabase(newer.url()).ok()); }
  Exec(newer, "UPDATE schema_versions SET version = 999 WHERE module = 'referrals'");
  opened = OpenDatabase(newer.url());
  EXPECT_EQ(opened.status().code(), Code::kInvalid);
  EXPECT_NE(opened.status().message().find("newer than this Linkway knows"), std::string::npos);

  ScratchDb unknown;  // a module a newer Linkway added
  { ASSERT_TRUE(OpenDatabase(unknown.url()).ok()); }
  Exec(unknown, "INSERT INTO schema_versions (module, version) VALUES ('telepathy', 1)");
  EXPECT_EQ(OpenDatabase(unknown.url()).status().code(), Code::kInvalid);

  EXPECT_EQ(OpenDatabase("mysql://x").status().code(), Code::kInvalid);
}

TEST(System, UpgradesADatabaseFromBeforePerModuleVersions) {
  ScratchDb scratch;
  testing::PopulateWorldAt(scratch.url());
  // As an older Linkway left it: one version for every table, and no casework yet.
  for (const char* table : {"feedback",
                            "safeguarding_concerns",
                            "case_notes",
                            "connections",
                            "measure_results",
                            "plan_reviews",
                            "plan_goals",
                            "what_matters",
                            "presence",
                            "contacts",
                            "case_events",
                            "case_holders",
                            "cases",
                            "link_workers",
                            "service_edits",
                            "service_capacity",
                            "attributes",
                            "service_at_locations",
                            "locations",
                            "services",
                            "taxonomy_terms",
                            "taxonomies",
                            "organization_details"}) {
    Exec(scratch, std::string("DROP TABLE ") + table);
  }
  // Nor the postcodes' places.
  Exec(scratch, "ALTER TABLE postcodes DROP COLUMN lat_e6");
  Exec(scratch, "ALTER TABLE postcodes DROP COLUMN lon_e6");
  Exec(scratch, "ALTER TABLE organisations DROP COLUMN areas");
  Exec(scratch, "DROP INDEX postcodes_by_lsoa");
  Exec(scratch, "DROP TABLE local_codes");
  Exec(scratch, "ALTER TABLE referrals DROP COLUMN sex");
  // Nor insight.
  for (const char* trigger :
       {"insight_referral_added", "insight_referral_moved", "insight_signpost_added"}) {
    std::string on =
        scratch.postgres()
            ? (std::string(trigger) == "insight_signpost_added" ? " ON signposts" : " ON referrals")
            : "";
    Exec(scratch, std::string("DROP TRIGGER ") + trigger + on);
  }
  if (scratch.postgres()) Exec(scratch, "DROP FUNCTION linkway_insight_note");
  for (const char* table : {"list_size_parts", "list_sizes", "insight_pending", "activity_counts",
                            "first_contact_waits", "waiting_flows"}) {
    Exec(scratch, std::string("DROP TABLE ") + table);
  }
  // Nor auth's third migration (the throttle by address, idle sessions).
  Exec(scratch, "DROP INDEX sign_in_failures_by_client");
  Exec(scratch, "DROP INDEX sessions_by_expiry");
  Exec(scratch, "ALTER TABLE sign_in_failures DROP COLUMN client");
  Exec(scratch, "ALTER TABLE sessions DROP COLUMN last_seen_at");
  Exec(scratch, "DROP TABLE audit_chain");
  for (const char* column : {"name", "expires_at", "last_used_at", "revoked_at"}) {
    Exec(scratch, std::string("ALTER TABLE api_tokens DROP COLUMN ") + column);
  }
  // Nor auth's sixth (the second factor, and administration).
  for (const char* table : {"second_factors", "recovery_codes", "password_resets"}) {
    Exec(scratch, std::string("DROP TABLE ") + table);
  }
  for (const char* column : {"active", "last_sign_in_at", "factor_optional"}) {
    Exec(scratch, std::string("ALTER TABLE users DROP COLUMN ") + column);
  }
  Exec(scratch, "ALTER TABLE sessions DROP COLUMN stage");
  Exec(scratch,
       "DROP TABLE schema_versions; CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, "
       "applied_at BIGINT NOT NULL DEFAULT 0); INSERT INTO schema_migrations (version) VALUES "
       "(1); INSERT INTO schema_migrations (version) VALUES (2)");
  auto db = OpenDatabase(scratch.url());
  ASSERT_TRUE(db.ok()) << db.status().message() << " " << db.status().detail();
  EXPECT_EQ(Organisations(**db).List()->size(), 7u);
  EXPECT_TRUE(AuthStore(**db).FindUser("gp1").ok());
  // Every module is at its latest version, and the old table is gone.
  auto versions = (*db)->Read([](sql::Connection& c) -> Result<std::string> {
    sql::Query q(c, "SELECT module, version FROM schema_versions ORDER BY module COLLATE \"C\"");
    std::string out;
    while (q.Step()) out += q.Text(0) + "=" + q.Text(1) + " ";
    return out;
  });
  EXPECT_EQ(*versions, "auth=6 casework=3 directory=1 insight=3 reference=4 referrals=3 ");
  ScratchDb newer_legacy;
  { ASSERT_TRUE(OpenDatabase(newer_legacy.url()).ok()); }
  Exec(newer_legacy,
       "DROP TABLE schema_versions; CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY); "
       "INSERT INTO schema_migrations (version) VALUES (999)");
  auto refused = OpenDatabase(newer_legacy.url());
  EXPECT_EQ(refused.status().code(), Code::kInvalid);
  EXPECT_NE(refused.status().message().find("newer than this Linkway knows"), std::string::npos);
}

TEST(System, ReopensWithDataIntact) {
  ScratchDb scratch;
  testing::PopulateWorldAt(scratch.url());
  auto db = OpenDatabase(scratch.url());
  ASSERT_TRUE(db.ok());
  Organisations organisations(**db);
  EXPECT_FALSE(*organisations.IsEmpty());
  EXPECT_EQ(organisations.List(OrgKind::kPractice)->size(), 3u);
  EXPECT_EQ(organisations.List()->size(), 7u);
}

TEST(System, TellsSubscribersWhenOrganisationsChange) {
  TestWorld w;
  std::mutex mutex;
  std::condition_variable changed;
  std::vector<std::string> topics;
  w.database->Subscribe([&](std::string_view topic) {
    std::lock_guard lock(mutex);
    topics.emplace_back(topic);
    changed.notify_all();
  });
  ASSERT_TRUE(w.organisations->Put({"P9", OrgKind::kPractice, "New", "PCN1", ""}).ok());
  std::unique_lock lock(mutex);
  // Other modules' notices may arrive too (the directory's, from its start).
  EXPECT_TRUE(changed.wait_for(lock, std::chrono::seconds(5), [&] {
    return std::find(topics.begin(), topics.end(), kOrganisationsChanged) != topics.end();
  }));
}

}  // namespace
}  // namespace linkway
