// The parts of the directory import that its readers share (import.cpp, import_oruk.cpp,
// import_tabular.cpp): how a field is named as its file names it, and how a record read into an
// HSDS 3.0 object is checked. Internal to the directory module.
// Thread safety: pure functions; an Origins is one reader's.
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.hpp"
#include "directory/import.hpp"

namespace linkway::import_parts {

namespace json = boost::json;

// How an HSDS field path is named in the file it came from: the longest matching prefix is
// replaced ("schedules[0]." -> "schedules.csv line 4: ", "fees_description" -> "fees").
class Origins {
 public:
  void Add(std::string prefix, std::string as) {
    map_.emplace_back(std::move(prefix), std::move(as));
  }
  std::string Name(const std::string& path) const {
    const std::pair<std::string, std::string>* best = nullptr;
    for (const auto& m : map_) {
      if (path.starts_with(m.first) && (!best || m.first.size() > best->first.size())) best = &m;
    }
    return best ? best->second + path.substr(best->first.size()) : path;
  }

 private:
  std::vector<std::pair<std::string, std::string>> map_;
};

// The record's problems as one kInvalid, each field named as its file names it.
Status Problem(const std::vector<FieldError>& errors, const Origins& origins);
// A record, or a file, refused for `why`.
ImportedRecord Refused(std::string where, std::string why);
std::string Basename(const std::string& name);
std::string Folder(const std::string& name);
// A string or whole number as text; empty for anything else or nothing.
std::string Str(const json::value* v);
std::string Str(const json::object& o, std::string_view key);
// The parsed text, or why it is not JSON (with the line and column).
std::optional<json::value> ParseJson(std::string_view text, std::string& why);
// Reads the HSDS 3.0 object `o` (built from whatever the file held) into a record, checked.
ImportedRecord Finish(std::string where, const json::object& o, const Origins& origins,
                      const FieldErrors& found);

// Open Referral UK v1 (import_oruk.cpp): whether `o` is a v1 service, and it as HSDS 3.0, with
// `origins` told the v1 names of its fields and `errors` what could not be carried over.
bool LooksV1(const json::object& o);
json::object V1Service(const json::object& v, Origins& origins, FieldErrors& errors);

// The HSDS tabular data package (import_tabular.cpp): the services of one folder's files.
std::vector<ImportedRecord> ReadPackage(const std::vector<const ImportFile*>& files);

}  // namespace linkway::import_parts
