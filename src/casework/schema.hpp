// The casework module's tables (migrations/0001_casework.sql).
#pragma once

#include "store/schema.hpp"

namespace linkway {

const sql::Schema& CaseworkSchema();

}  // namespace linkway
