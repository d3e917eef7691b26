// The auth module's tables: users, sessions, bearer tokens, the audit trail and sign-in
// attempts.
#pragma once

#include "store/schema.hpp"

namespace linkway {

const sql::Schema& AuthSchema();

}  // namespace linkway
