// A small world for tests: a fresh database (SQLite, or PostgreSQL under LINKWAY_TEST_PG; see
// scratch_db.hpp) with every module's tables, an ICB, two PCNs, three practices and one user of
// each role, a fixed clock, the shipped code table, and every module wired as in `linkway
// serve` (app/system.hpp).
// Thread safety: as the objects it holds.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "app/system.hpp"
#include "support/scratch_db.hpp"

namespace linkway::testing {

inline constexpr char kPassword[] = "correct horse battery";
// 2026-11-24T10:00:00Z
inline constexpr UnixSeconds kNow = 1795514400;

struct TestWorld {
  // Practices: P1 and P2 in PCN1, P3 in PCN2.
  // Users: "gp1" (referrer, P1), "gp2" (referrer, P2), "gp3" (referrer, P3), "lw1" (link
  // worker, PCN1), "lw2" (link worker, PCN2), "lw3" (link worker, PCN1), "vcse",
  // "commissioner", "admin", and "gpsystem"
  // (referrer, P1, for bearer tokens). All with password kPassword.
  TestWorld();
  ~TestWorld();

  Principal As(const std::string& username);
  ReferralInput GoodReferral(const std::string& practice = "P1") const;

  ScratchDb db;
  const TempDir& dir = db.dir();
  std::string db_path = db.path();  // the SQLite file; empty on PostgreSQL
  FixedClock clock{kNow};
  std::unique_ptr<sql::Database> database;
  CodeTable codes;
  std::unique_ptr<System> system;
  // The parts of `system` the tests use most.
  Organisations* organisations = nullptr;
  Postcodes* postcodes = nullptr;
  AuthStore* users = nullptr;
  Auth* auth = nullptr;
  AuditTrail* audit = nullptr;
  ReferralStore* referral_store = nullptr;
  Referrals* referrals = nullptr;
  Casework* casework = nullptr;
  ServiceDirectory* services = nullptr;
};

// Adds the world's organisations and users to an empty database.
void PopulateWorld(System& system);
// Opens `url` with every module's tables and adds the world to it. Throws when it cannot.
void PopulateWorldAt(const std::string& url);

}  // namespace linkway::testing
