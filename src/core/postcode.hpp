// UK postcode normalisation. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/status.hpp"

namespace linkway {

// Open data about a postcode, for the demo and for equity figures.
struct PostcodeInfo {
  std::string postcode;
  std::string lsoa11;
  int imd_decile = 0;  // 1 = most deprived; 0 = unknown
  std::string ruc11_code;
  std::string ruc11_name;
};

// Returns the postcode in upper case with one space before the inward code ("hr47dd" ->
// "HR4 7DD"), or kInvalid when it does not have the shape of a UK postcode.
Result<std::string> ParsePostcode(std::string_view text);

}  // namespace linkway
