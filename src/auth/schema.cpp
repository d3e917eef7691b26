#include "auth/schema.hpp"

namespace linkway {

const EmbeddedFiles& AuthMigrations();  // generated from migrations/*.sql

const sql::Schema& AuthSchema() {
  static const sql::Schema kSchema{"auth",
                                   &AuthMigrations(),
                                   {{"users", {"id"}},
                                    {"sessions", {"token_hash"}},
                                    {"api_tokens", {"token_hash"}},
                                    {"audit", {"id"}},
                                    {"audit_chain", {"id"}},
                                    {"sign_in_failures", {"id"}},
                                    {"second_factors", {"user_id"}},
                                    {"recovery_codes", {"code_hash"}},
                                    {"password_resets", {"token_hash"}}},
                                   {{1, 1}, {2, 2}}};
  return kSchema;
}

}  // namespace linkway
