// Versioned migrations for SQLite: the numbered .sql files in migrations/, compiled into the
// binary, applied in order, each in its own transaction, recorded in schema_migrations.
// Not thread-safe: run once at open, before other connections.
#pragma once

#include "store/sqlite/db.hpp"

namespace linkway::sqlite {

// The highest migration this binary knows.
int LatestVersion();

// Applies what is missing. kInvalid when the file holds tables but no Linkway schema (a
// foreign database) or a schema newer than this binary knows.
Status Migrate(Db& db);

}  // namespace linkway::sqlite
