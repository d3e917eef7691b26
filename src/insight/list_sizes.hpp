// Practices' registered list sizes: NHS Digital's "Patients Registered at a GP Practice" CSVs,
// imported into list_sizes and list_size_parts. Three shapes, told apart by their header:
// - totals and five-year age bands: EXTRACT_DATE, CODE, SEX, AGE (or AGE_GROUP_5) and
//   NUMBER_OF_PATIENTS; the SEX=ALL, AGE=ALL row is the total, SEX=MALE or FEMALE with AGE=ALL
//   the counts by sex, and MALE or FEMALE with a band ("20_24", "95+") the counts by age;
// - by LSOA: EXTRACT_DATE, PRACTICE_CODE, LSOA_CODE and NUMBER_OF_PATIENTS (SEX, when there,
//   ALL).
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
  bool has_total = false;  // the file gave a total (or counts by sex), not only parts
  // By sex and ten-year band ("MALE/20-29", the bands of insight::kAgeBands), and by LSOA.
  std::map<std::string, std::int64_t> ages;
  std::map<std::string, std::int64_t> lsoas;
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
  // Stores the sizes of known practices in one write; the unknown are reported, not stored. A
  // practice's parts of a kind the file holds replace those it had; a file of parts alone
  // leaves a total already held.
  Result<ListSizeImport> Import(const std::vector<ListSize>& sizes);
  // Every practice's size, by code.
  Result<std::map<std::string, ListSize>> All();
  // Every practice's parts of `part` ("age" or "lsoa"): practice code -> value -> count.
  Result<std::map<std::string, std::map<std::string, std::int64_t>>> Parts(std::string_view part);

 private:
  sql::Database& db_;
};

}  // namespace linkway
