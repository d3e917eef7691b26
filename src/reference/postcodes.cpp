#include "reference/postcodes.hpp"

namespace linkway {
namespace {

constexpr std::string_view kPut =
    "INSERT INTO postcodes (postcode, lsoa11, imd_decile, ruc11_code, ruc11_name) "
    "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (postcode) DO UPDATE SET lsoa11 = excluded.lsoa11, "
    "imd_decile = excluded.imd_decile, ruc11_code = excluded.ruc11_code, "
    "ruc11_name = excluded.ruc11_name";
constexpr std::string_view kGet =
    "SELECT postcode, lsoa11, imd_decile, ruc11_code, ruc11_name FROM postcodes "
    "WHERE postcode = $1";

}  // namespace

Status Postcodes::Put(const std::vector<PostcodeInfo>& postcodes) {
  return db_.Write([&](sql::Tx& tx) {
    for (const auto& p : postcodes) {
      sql::Query(tx, kPut, p.postcode, p.lsoa11, p.imd_decile, p.ruc11_code, p.ruc11_name).Run();
    }
    return Status::Ok();
  });
}

Result<PostcodeInfo> Postcodes::Get(std::string_view postcode) {
  return db_.Read([&](sql::Connection& c) -> Result<PostcodeInfo> {
    sql::Query q(c, kGet, postcode);
    if (!q.Step()) return Status::NotFound("no such postcode");
    return PostcodeInfo{q.Text(0), q.Text(1), static_cast<int>(q.Int(2)), q.Text(3), q.Text(4)};
  });
}

}  // namespace linkway
