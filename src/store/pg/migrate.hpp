// Versioned schema migrations for PostgreSQL, applied in one transaction under an advisory
// lock so that instances starting together apply each migration once.
// Thread safety: one call per connection.
#pragma once

#include "core/status.hpp"
#include "store/pg/conn.hpp"

namespace linkway::pg {

// The newest schema version this binary knows.
int LatestVersion();

// Brings the current schema (search_path) up to LatestVersion(). kInvalid for a schema that
// holds tables but no Linkway version table, or a version newer than this binary knows.
Status Migrate(Conn& conn);

}  // namespace linkway::pg
