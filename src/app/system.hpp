// Every module over one database, wired together as `linkway serve`, the commands, the tests and
// the benchmarks use them. Wiring only: each part is its module's.
// Thread safety: construct on one thread; the parts are then safe to use from any.
#pragma once

#include <memory>
#include <span>
#include <string>

#include "auth/audit.hpp"
#include "auth/auth.hpp"
#include "auth/auth_store.hpp"
#include "casework/casework.hpp"
#include "casework/measures.hpp"
#include "core/clock.hpp"
#include "directory/directory.hpp"
#include "insight/insight.hpp"
#include "reference/org_directory.hpp"
#include "reference/organisations.hpp"
#include "reference/postcodes.hpp"
#include "referrals/codes.hpp"
#include "referrals/referral_store.hpp"
#include "referrals/referrals.hpp"
#include "store/database.hpp"
#include "store/schema.hpp"

namespace linkway {

// Every module's tables, in the order they are migrated and copied.
std::span<const sql::Schema> AllSchemas();

// Opens `url` (see sql::Open) and applies every module's migrations.
Result<std::unique_ptr<sql::Database>> OpenDatabase(const std::string& url,
                                                    const sql::Options& options = {});

struct System {
  System(sql::Database& database, const Clock& clock, const CodeTable& codes,
         AuthOptions auth_options = {});
  System(const System&) = delete;
  System& operator=(const System&) = delete;

  sql::Database& db;
  Organisations organisations;
  Postcodes postcodes;
  OrgDirectory directory;
  AuthStore auth_store;
  Auth auth;
  AuditTrail audit;
  // The community service directory; Start() builds its search index (the server, the seed
  // and the tests call it before use).
  ServiceDirectory services;
  ReferralStore referral_store;
  Referrals referrals;
  // The built-in measures until the server loads a deployer's folder too (before serving).
  MeasureSet measures;
  Casework casework;
  Insight insight;
};

}  // namespace linkway
