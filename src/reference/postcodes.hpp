// Open data about postcodes (LSOA, deprivation decile, rurality), kept in the reference
// module's tables for the demo and for equity figures.
// Thread safety: every method may be called from any thread.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/postcode.hpp"
#include "core/status.hpp"
#include "store/database.hpp"

namespace linkway {

// Degrees as whole millionths, as the tables keep them, and back.
std::int64_t ToMicroDegrees(double degrees);
double FromMicroDegrees(std::int64_t e6);

class Postcodes {
 public:
  explicit Postcodes(sql::Database& db) : db_(db) {}

  // Inserts or replaces each, all in one write.
  Status Put(const std::vector<PostcodeInfo>& postcodes);
  // kNotFound for a postcode not held.
  Result<PostcodeInfo> Get(std::string_view postcode);
  Result<int> Count();

 private:
  sql::Database& db_;
};

}  // namespace linkway
