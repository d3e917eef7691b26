// The NHS ODS practice file (epraccur) into the organisations: practices added and updated,
// with a report of what changed. The file comes headerless (27 columns, as ODS publishes it)
// or with a header naming organisation_code, name, postcode, status_code and
// prescribing_setting. Only GP practices (prescribing setting 4) are read.
// Thread safety: ParseEpraccur is pure; ImportPractices writes through Organisations.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.hpp"
#include "reference/organisations.hpp"

namespace linkway {

struct OdsPractice {
  std::string code;
  std::string name;      // as ODS spells it, in capitals
  std::string postcode;  // normalised
  char status = 'A';     // A active, C closed, D dormant, P proposed
};

// kInvalid naming the line for a row too short, a practice code that is not a letter and five
// digits, or a malformed postcode.
Result<std::vector<OdsPractice>> ParseEpraccur(std::string_view csv);

struct PracticeImportOptions {
  std::string new_pcn;                      // where new practices go; empty: none are added
  std::vector<std::string> postcode_areas;  // "HR", "WR": new practices only from these
};

struct PracticeImport {
  std::vector<std::string> added;      // "M81026 Hereford Medical Group (HR4 9AW)"
  std::vector<std::string> updated;    // "M81026: name X to Y; postcode A to B"
  std::vector<std::string> closed;     // ours, and closed or dormant in the file (kept)
  std::vector<std::string> not_added;  // new in the file, outside the postcode areas
  int unchanged = 0;
};

// Applies the file in one write: practices we know get the file's name and postcode; active
// practices we do not know are added under options.new_pcn when their postcode is in one of
// the areas. Nothing is removed. kInvalid when new_pcn is not a PCN.
Result<PracticeImport> ImportPractices(Organisations& organisations,
                                       const std::vector<OdsPractice>& practices,
                                       const PracticeImportOptions& options);

// "Hereford Medical Group" for "HEREFORD MEDICAL GROUP": ODS names in title case.
std::string TitleCase(std::string_view name);

}  // namespace linkway
