// The insight module's tables: practices' registered list sizes.
#pragma once

#include "store/schema.hpp"

namespace linkway {

const sql::Schema& InsightSchema();

}  // namespace linkway
