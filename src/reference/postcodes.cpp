#include "reference/postcodes.hpp"

#include <cmath>

namespace linkway {
namespace {

constexpr std::string_view kPut =
    "INSERT INTO postcodes (postcode, lsoa11, imd_decile, ruc11_code, ruc11_name, lat_e6, "
    "lon_e6) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (postcode) DO UPDATE SET "
    "lsoa11 = excluded.lsoa11, imd_decile = excluded.imd_decile, "
    "ruc11_code = excluded.ruc11_code, ruc11_name = excluded.ruc11_name, "
    "lat_e6 = excluded.lat_e6, lon_e6 = excluded.lon_e6";
constexpr std::string_view kGet =
    "SELECT postcode, lsoa11, imd_decile, ruc11_code, ruc11_name, lat_e6, lon_e6 FROM postcodes "
    "WHERE postcode = $1";

}  // namespace

std::int64_t ToMicroDegrees(double degrees) { return std::llround(degrees * 1e6); }
double FromMicroDegrees(std::int64_t e6) { return static_cast<double>(e6) / 1e6; }

Status Postcodes::Put(const std::vector<PostcodeInfo>& postcodes) {
  return db_.Write([&](sql::Tx& tx) {
    for (const auto& p : postcodes) {
      sql::Query q(tx, kPut, p.postcode, p.lsoa11, p.imd_decile, p.ruc11_code, p.ruc11_name);
      if (p.place) {
        q.Bind(6, ToMicroDegrees(p.place->lat)).Bind(7, ToMicroDegrees(p.place->lon));
      } else {
        q.Bind(6, std::nullopt).Bind(7, std::nullopt);
      }
      q.Run();
    }
    return Status::Ok();
  });
}

Result<PostcodeInfo> Postcodes::Get(std::string_view postcode) {
  return db_.Read([&](sql::Connection& c) -> Result<PostcodeInfo> {
    sql::Query q(c, kGet, postcode);
    if (!q.Step()) return Status::NotFound("no such postcode");
    PostcodeInfo info{q.Text(0), q.Text(1), static_cast<int>(q.Int(2)), q.Text(3), q.Text(4)};
    if (!q.IsNull(5) && !q.IsNull(6)) {
      info.place = GeoPoint{FromMicroDegrees(q.Int(5)), FromMicroDegrees(q.Int(6))};
    }
    return info;
  });
}

Result<int> Postcodes::Count() {
  return db_.Read([&](sql::Connection& c) -> Result<int> {
    sql::Query q(c, "SELECT COUNT(*) FROM postcodes");
    q.Step();
    return static_cast<int>(q.Int(0));
  });
}

}  // namespace linkway
