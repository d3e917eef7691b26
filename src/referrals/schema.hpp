// The referrals module's tables: referrals, their history and idempotency keys, signposts and
// drafts.
#pragma once

#include "store/schema.hpp"

namespace linkway {

const sql::Schema& ReferralsSchema();

}  // namespace linkway
