// UK postcode normalisation. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include <optional>

#include "core/geo.hpp"
#include "core/status.hpp"

namespace linkway {

// Open data about a postcode, for the demo and for equity figures.
struct PostcodeInfo {
  std::string postcode;
  std::string lsoa11;
  int imd_decile = 0;  // 1 = most deprived; 0 = unknown
  std::string ruc11_code;
  std::string ruc11_name;
  std::optional<GeoPoint> place;  // the postcode's centre, when known
};

// The 2011 rural-urban class's name for its code ("C1" -> "Urban city and town"), or "" for a
// code that is not one.
std::string_view RuralUrbanName(std::string_view code);

// Returns the postcode in upper case with one space before the inward code ("hr47dd" ->
// "HR4 7DD"), or kInvalid when it does not have the shape of a UK postcode.
Result<std::string> ParsePostcode(std::string_view text);

}  // namespace linkway
