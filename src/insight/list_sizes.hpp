// Practices' registered list sizes: NHS Digital's "Patients Registered at a GP Practice" CSV
// (columns EXTRACT_DATE, CODE, SEX, AGE and NUMBER_OF_PATIENTS; the SEX=ALL, AGE=ALL row is the
// total, SEX=MALE or FEMALE with AGE=ALL the counts by sex), imported into list_sizes.
// Thread safety: ParseListSizes is pure; ListSizes may be used from any thread.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.hpp"
#include "store/database.hpp"

namespace linkway {

struct ListSize {
  std::string practice_code;
  std::string extract_date;
  std::int64_t total = 0;
  std::int64_t male = 0;
  std::int64_t female = 0;
};

// One ListSize per practice in the file. kInvalid naming the line for a missing column or a
// count that is not a whole number.
Result<std::vector<ListSize>> ParseListSizes(std::string_view csv);

struct ListSizeImport {
  int used = 0;
  std::vector<std::string> unknown;  // practice codes Linkway does not know: rows not used
};

class ListSizes {
 public:
  explicit ListSizes(sql::Database& db) : db_(db) {}
  // Stores the sizes of known practices in one write; the unknown are reported, not stored.
  Result<ListSizeImport> Import(const std::vector<ListSize>& sizes);
  // Every practice's size, by code.
  Result<std::map<std::string, ListSize>> All();

 private:
  sql::Database& db_;
};

}  // namespace linkway
