// The directory module's tables (migrations/0001_directory.sql).
#pragma once

#include "store/schema.hpp"

namespace linkway {

const sql::Schema& DirectorySchema();

}  // namespace linkway
