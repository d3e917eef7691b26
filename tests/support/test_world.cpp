#include "support/test_world.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

#include "auth/secrets.hpp"
#include "core/embedded.hpp"

namespace linkway {
const EmbeddedFiles& DefaultCodeFiles();
}

namespace linkway::testing {

void PopulateWorld(System& system) {
  const Organisation orgs[] = {
      {"ICB1", OrgKind::kIcb, "Test ICB", "", ""},
      {"PCN1", OrgKind::kPcn, "First PCN", "ICB1", ""},
      {"PCN2", OrgKind::kPcn, "Second PCN", "ICB1", ""},
      {"P1", OrgKind::kPractice, "First Practice", "PCN1", "HR4 7DD"},
      {"P2", OrgKind::kPractice, "Second Practice", "PCN1", "HR1 2JB"},
      {"P3", OrgKind::kPractice, "Third Practice", "PCN2", "HR9 5AB"},
      {"V1", OrgKind::kVcse, "Community Group", "ICB1", ""},
  };
  for (const auto& o : orgs) {
    if (!system.organisations.Put(o).ok()) throw std::runtime_error("cannot add organisation");
  }
  // One argon2id hash for every test user keeps test worlds quick to build.
  static const std::string kHash = HashPassword(kPassword);
  struct U {
    const char* name;
    Role role;
    const char* profession;
    const char* org;
  };
  const U users[] = {
      {"gp1", Role::kReferrer, "gp", "P1"},
      {"gp2", Role::kReferrer, "nurse", "P2"},
      {"gp3", Role::kReferrer, "gp", "P3"},
      {"lw1", Role::kLinkWorker, "link_worker", "PCN1"},
      {"lw2", Role::kLinkWorker, "link_worker", "PCN2"},
      {"lw3", Role::kLinkWorker, "link_worker", "PCN1"},
      {"vcse", Role::kVcse, "", "V1"},
      {"commissioner", Role::kCommissioner, "", "ICB1"},
      {"admin", Role::kAdmin, "", "ICB1"},
      {"gpsystem", Role::kReferrer, "gp", "P1"},
  };
  for (const auto& u : users) {
    User user;
    user.username = u.name;
    user.display_name = std::string("User ") + u.name;
    user.role = u.role;
    user.profession = u.profession;
    user.org_code = u.org;
    user.password_hash = kHash;
    user.factor_optional = true;  // tests of the second factor make users who need one
    if (!system.auth_store.AddUser(user).ok()) throw std::runtime_error("cannot add user");
  }
}

void PopulateWorldAt(const std::string& url) {
  auto db = OpenDatabase(url);
  if (!db.ok()) throw std::runtime_error(db.status().message());
  FixedClock clock(kNow);
  CodeTable codes;
  System system(**db, clock, codes);
  PopulateWorld(system);
}

TestWorld::TestWorld() {
  auto opened = OpenDatabase(db.url());
  if (!opened.ok()) throw std::runtime_error(opened.status().message());
  database = std::move(opened).value();
  auto table = CodeTable::Parse(DefaultCodeFiles().at("local_codes.csv"));
  if (!table.ok()) throw std::runtime_error(table.status().message());
  codes = std::move(table).value();
  system = std::make_unique<System>(*database, clock, codes);
  PopulateWorld(*system);
  if (Status s = system->services.Start(); !s.ok()) throw std::runtime_error(s.message());
  organisations = &system->organisations;
  postcodes = &system->postcodes;
  users = &system->auth_store;
  casework = &system->casework;
  services = &system->services;
  auth = &system->auth;
  audit = &system->audit;
  referral_store = &system->referral_store;
  referrals = &system->referrals;
}

TestWorld::~TestWorld() = default;

Principal TestWorld::As(const std::string& username) {
  auto user = users->FindUser(username);
  if (!user.ok()) throw std::runtime_error("no test user " + username);
  auto principal = auth->PrincipalFor(*user);
  if (!principal.ok()) throw std::runtime_error(principal.status().message());
  return *principal;
}

ReferralInput TestWorld::GoodReferral(const std::string& practice) const {
  ReferralInput in;
  in.patient = {"943 476 5919", "Ann", "Smith", "1948-03-02", "HR4 7DD", "01432 000000"};
  in.practice = practice;
  in.reasons = {"loneliness", "money"};
  in.consent_referral = true;
  in.consent_share = true;
  in.urgency = "routine";
  in.note = "Lives alone since bereavement; worried about bills.";
  return in;
}

}  // namespace linkway::testing
