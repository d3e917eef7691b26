// The demo's casework trail: what a link worker would have recorded by each step of a seeded
// referral (contacts, what matters, a plan, ONS4 and UCLA at baseline and follow-up with a
// plausible change, connections with attendance), written inside the step's own write, and
// presence schedules and capacities for every link worker, one PCN over capacity.
// Thread safety: none; one seeding run at a time.
#pragma once

#include <string>
#include <vector>

#include "app/seed_history.hpp"
#include "app/seed_random.hpp"
#include "casework/casework.hpp"
#include "reference/organisations.hpp"

namespace linkway::demo {

// The casework for one step: call it as ReferralStore::After inside WriteLife. `vcses` are the
// community organisations people are connected to.
class CaseTrail {
 public:
  CaseTrail(Casework& casework, std::vector<Organisation> vcses, SeedRandom& random)
      : casework_(casework), vcses_(std::move(vcses)), random_(random) {}

  // `link_worker` acts every step but a withdrawal.
  Status Step(sql::Tx& tx, const Actor& link_worker, const Referral& before, const Referral& after,
              const ReferralEvent& event);

 private:
  Casework& casework_;
  std::vector<Organisation> vcses_;
  SeedRandom& random_;
};

// Presence (two to four sessions a week at their PCN's practices) and contact details for every
// link worker, and capacities: `over_pcn`'s link worker is set below what they hold this year.
Status SeedLinkWorkers(sql::Database& db, const std::vector<Actor>& link_workers,
                       const std::vector<Organisation>& practices, const std::string& over_pcn,
                       UnixSeconds now, SeedRandom& random);

}  // namespace linkway::demo
