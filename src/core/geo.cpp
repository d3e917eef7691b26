#include "core/geo.hpp"

#include <charconv>
#include <cmath>
#include <numbers>
#include <string>

namespace linkway {
namespace {

constexpr double kEarthRadiusMiles = 3958.7613;
constexpr double kRadians = std::numbers::pi / 180.0;

std::optional<double> ParseDegrees(std::string_view text) {
  double value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

}  // namespace

double DistanceMiles(GeoPoint a, GeoPoint b) {
  double dlat = (b.lat - a.lat) * kRadians;
  double dlon = (b.lon - a.lon) * kRadians;
  double h = std::sin(dlat / 2) * std::sin(dlat / 2) + std::cos(a.lat * kRadians) *
                                                           std::cos(b.lat * kRadians) *
                                                           std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kEarthRadiusMiles * std::asin(std::min(1.0, std::sqrt(h)));
}

Result<std::optional<GeoPoint>> ParsePlace(std::string_view lat, std::string_view lon) {
  if (lat.empty() && lon.empty()) return std::optional<GeoPoint>();
  if (lat.empty() || lon.empty()) {
    return Status::Invalid("a latitude needs a longitude, and a longitude a latitude");
  }
  auto la = ParseDegrees(lat);
  auto lo = ParseDegrees(lon);
  if (!la || *la < -90 || *la > 90) {
    return Status::Invalid("the latitude must be a number of degrees from -90 to 90");
  }
  if (!lo || *lo < -180 || *lo > 180) {
    return Status::Invalid("the longitude must be a number of degrees from -180 to 180");
  }
  return std::optional<GeoPoint>(GeoPoint{*la, *lo});
}

GeoBox BoxAround(GeoPoint centre, double miles) {
  double dlat = miles / kEarthRadiusMiles / kRadians;
  double cos_lat = std::max(0.01, std::cos(centre.lat * kRadians));
  double dlon = dlat / cos_lat;
  return {centre.lat - dlat, centre.lat + dlat, centre.lon - dlon, centre.lon + dlon};
}

}  // namespace linkway
