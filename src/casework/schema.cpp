#include "casework/schema.hpp"

namespace linkway {

const EmbeddedFiles& CaseworkMigrations();  // generated from migrations/*.sql

const sql::Schema& CaseworkSchema() {
  static const sql::Schema kSchema{"casework",
                                   &CaseworkMigrations(),
                                   {{"link_workers", {"user_id"}},
                                    {"cases", {"referral_id"}},
                                    {"case_holders", {"id"}},
                                    {"case_events", {"id"}},
                                    {"contacts", {"id"}},
                                    {"presence", {"id"}},
                                    {"what_matters", {"referral_id", "domain"}},
                                    {"plan_goals", {"id"}},
                                    {"plan_reviews", {"id"}},
                                    {"measure_results", {"id"}},
                                    {"connections", {"id"}},
                                    {"case_notes", {"id"}},
                                    {"safeguarding_concerns", {"id"}},
                                    {"feedback", {"id"}}},
                                   {}};
  return kSchema;
}

}  // namespace linkway
