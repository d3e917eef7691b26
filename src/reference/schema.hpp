// The reference module's tables: organisations and postcodes.
#pragma once

#include "store/schema.hpp"

namespace linkway {

const sql::Schema& ReferenceSchema();

}  // namespace linkway
