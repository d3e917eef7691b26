// UK postcode normalisation. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/status.hpp"

namespace linkway {

// Returns the postcode in upper case with one space before the inward code ("hr47dd" ->
// "HR4 7DD"), or kInvalid when it does not have the shape of a UK postcode.
Result<std::string> ParsePostcode(std::string_view text);

}  // namespace linkway
