// Places on the earth and the distance between them. Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string_view>

#include "core/status.hpp"

namespace linkway {

// WGS84 latitude and longitude in degrees, as the ONS postcode lookup gives them.
struct GeoPoint {
  double lat = 0;
  double lon = 0;
  bool operator==(const GeoPoint&) const = default;
};

inline constexpr double kMetresPerMile = 1609.344;

// The great-circle distance in miles (haversine, mean earth radius).
double DistanceMiles(GeoPoint a, GeoPoint b);

// A latitude and longitude written as decimal degrees ("52.06", "-2.71"): nullopt when both are
// empty, kInvalid naming what is wrong when one is missing, not a number or out of range.
Result<std::optional<GeoPoint>> ParsePlace(std::string_view lat, std::string_view lon);

// The smallest latitude and longitude box holding every point within `miles` of `centre`.
struct GeoBox {
  double min_lat, max_lat, min_lon, max_lon;
  bool Holds(GeoPoint p) const {
    return p.lat >= min_lat && p.lat <= max_lat && p.lon >= min_lon && p.lon <= max_lon;
  }
};
GeoBox BoxAround(GeoPoint centre, double miles);

}  // namespace linkway
