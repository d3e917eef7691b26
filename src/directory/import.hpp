// Reading services to import into the directory, from the files a publisher gives: HSDS 3.0
// JSON (one service, an array of them, or an HSDS page with "contents"), Open Referral UK v1
// JSON (a page with "content", an array, or one service), or the HSDS tabular data package (a
// datapackage.json and the CSV files beside it). Every service becomes an HSDS 3.0 service
// object read by ServiceFromHsds, so all three are checked alike. Pure: it reads the text it is
// given, no files, no database. Thread safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.hpp"
#include "directory/hsds_json.hpp"
#include "directory/taxonomy.hpp"

namespace linkway {

struct ImportFile {
  std::string name;  // as given ("feeds/services.csv"); named in every problem
  std::string text;
};

struct ImportedRecord {
  std::string where;  // "services.json record 3 (id 42)", "services.csv line 4 (id ...)"
  std::optional<HsdsRecord> record;
  std::vector<Taxonomy> taxonomies;  // every taxonomy its terms are given with
  // Not ok when there is no record: kInvalid whose message says what is wrong, naming the file
  // and line for CSV ("schedules.csv line 3: opens_at must be a time written HH:MM") and the
  // field as the file names it; its fields hold the same.
  Status problem;
};

// One entry per service found, in file order, then one per file that could not be read at all
// (malformed JSON, a CSV that is no table of the package). A service id given twice is refused
// the second time.
std::vector<ImportedRecord> ParseImport(const std::vector<ImportFile>& files);

// Open Referral UK v1 text as plain text: HTML tags dropped (a paragraph or line break becomes a
// new line), basic entities decoded, text that was UTF-8 read as Windows-1252 and encoded again
// ("Â£10", "peopleâ€™s") put right, white space tidied.
std::string PlainText(std::string_view html);

}  // namespace linkway
