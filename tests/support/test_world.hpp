// A small world for tests: a fresh store (SQLite, or PostgreSQL under LINKWAY_TEST_PG; see
// scratch_db.hpp) with an ICB, two PCNs, three practices
// and one user of each role, a fixed clock, the shipped code table, Auth and Casework.
// Thread safety: as the objects it holds.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "auth/auth.hpp"
#include "core/codes.hpp"
#include "service/casework.hpp"
#include "store/store.hpp"
#include "support/scratch_db.hpp"

namespace linkway::testing {

inline constexpr char kPassword[] = "correct horse battery";
// 2026-11-24T10:00:00Z
inline constexpr UnixSeconds kNow = 1795514400;

struct TestWorld {
  // Practices: P1 and P2 in PCN1, P3 in PCN2.
  // Users: "gp1" (referrer, P1), "gp2" (referrer, P2), "gp3" (referrer, P3), "lw1" (link
  // worker, PCN1), "lw2" (link worker, PCN2), "vcse", "commissioner", "admin", and "gpsystem"
  // (referrer, P1, for bearer tokens). All with password kPassword.
  TestWorld();
  ~TestWorld();

  Principal As(const std::string& username);
  ReferralInput GoodReferral(const std::string& practice = "P1") const;

  ScratchDb db;
  const TempDir& dir = db.dir();
  std::string db_path = db.path();  // the SQLite file; empty on PostgreSQL
  FixedClock clock{kNow};
  std::unique_ptr<Store> store;
  CodeTable codes;
  std::unique_ptr<Auth> auth;
  std::unique_ptr<Casework> casework;
};

// Adds the world's organisations and users to an empty store.
void PopulateWorld(Store& store);

}  // namespace linkway::testing
