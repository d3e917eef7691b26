#include "referrals/schema.hpp"

namespace linkway {

const EmbeddedFiles& ReferralsMigrations();  // generated from migrations/*.sql

const sql::Schema& ReferralsSchema() {
  static const sql::Schema kSchema{"referrals",
                                   &ReferralsMigrations(),
                                   {{"referrals", {"id"}},
                                    {"referral_events", {"id"}},
                                    {"idempotency_keys", {"user_id", "key"}},
                                    {"signposts", {"id"}},
                                    {"drafts", {"token_hash"}},
                                    {"local_codes", {"id"}}},
                                   {{1, 1}}};
  return kSchema;
}

}  // namespace linkway
