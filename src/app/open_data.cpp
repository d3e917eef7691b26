#include "app/open_data.hpp"

#include <cctype>
#include <charconv>
#include <set>
#include <string>

#include "core/postcode.hpp"

namespace linkway {
namespace {

// One CSV file read line by line: RFC 4180 cells with optional double quotes ("" inside a
// quoted cell is a quote), CRLF or LF endings, blank lines skipped. A quoted cell may not
// span lines; none of the open data needs that.
class CsvReader {
 public:
  CsvReader(std::string_view file, std::string_view text) : file_(file), text_(text) {}

  // Reads the next non-blank row into `cells`; false at the end or on an error (see status()).
  bool Next(std::vector<std::string>& cells) {
    while (pos_ < text_.size()) {
      auto end = text_.find('\n', pos_);
      if (end == std::string_view::npos) end = text_.size();
      std::string_view line = text_.substr(pos_, end - pos_);
      pos_ = end + 1;
      ++line_;
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
      if (!Split(line, cells)) {
        status_ = Error("a quoted cell is not closed");
        return false;
      }
      return true;
    }
    return false;
  }

  const Status& status() const { return status_; }
  // kInvalid naming the file and the line last read.
  Status Error(std::string_view what) const {
    std::string where(file_);
    if (line_ > 0) where += " line " + std::to_string(line_);
    return Status::Invalid(where + ": " + std::string(what));
  }

 private:
  static bool Split(std::string_view line, std::vector<std::string>& cells) {
    cells.assign(1, {});
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
      char c = line[i];
      if (quoted) {
        if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
          cells.back().push_back('"');
          ++i;
        } else if (c == '"') {
          quoted = false;
        } else {
          cells.back().push_back(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        cells.emplace_back();
      } else {
        cells.back().push_back(c);
      }
    }
    return !quoted;
  }

  std::string_view file_;
  std::string_view text_;
  std::size_t pos_ = 0;
  int line_ = 0;
  Status status_;
};

// Reads the header and checks it is exactly `header`.
Status ExpectHeader(CsvReader& reader, std::vector<std::string>& cells, std::string_view header,
                    std::size_t columns) {
  if (!reader.Next(cells)) {
    return reader.status().ok() ? reader.Error("the file is empty") : reader.status();
  }
  std::string joined;
  for (const auto& c : cells) joined += (joined.empty() ? "" : ",") + c;
  if (joined != header || cells.size() != columns) {
    return reader.Error("the header must be " + std::string(header));
  }
  return Status::Ok();
}

bool IsPracticeCode(std::string_view code) {
  if (code.size() != 6 || std::isupper(static_cast<unsigned char>(code[0])) == 0) return false;
  for (std::size_t i = 1; i < code.size(); ++i) {
    if (std::isdigit(static_cast<unsigned char>(code[i])) == 0) return false;
  }
  return true;
}

bool IsLsoa(std::string_view code) {
  if (code.size() != 9 || code.substr(0, 3) != "E01") return false;
  for (std::size_t i = 3; i < code.size(); ++i) {
    if (std::isdigit(static_cast<unsigned char>(code[i])) == 0) return false;
  }
  return true;
}

}  // namespace

Result<std::vector<Organisation>> ParsePractices(std::string_view csv) {
  CsvReader reader(kPracticesFile, csv);
  std::vector<std::string> cells;
  if (Status s = ExpectHeader(reader, cells, "code,name,postcode,phone", 4); !s.ok()) return s;
  std::vector<Organisation> practices;
  std::set<std::string> seen;
  while (reader.Next(cells)) {
    if (cells.size() != 4) return reader.Error("expected 4 cells");
    if (!IsPracticeCode(cells[0])) return reader.Error("the code must be a letter and 5 digits");
    if (cells[1].empty()) return reader.Error("the name is empty");
    auto postcode = ParsePostcode(cells[2]);
    if (!postcode.ok()) return reader.Error("the postcode " + postcode.status().message());
    if (cells[3].empty()) return reader.Error("the phone is empty");
    if (!seen.insert(cells[0]).second) return reader.Error("practice " + cells[0] + " repeats");
    practices.push_back({cells[0], OrgKind::kPractice, cells[1], "", *postcode});
  }
  if (!reader.status().ok()) return reader.status();
  return practices;
}

Result<std::vector<PostcodeInfo>> ParsePostcodes(std::string_view csv) {
  CsvReader reader(kPostcodesFile, csv);
  std::vector<std::string> cells;
  if (Status s =
          ExpectHeader(reader, cells, "postcode,lsoa11,imd2019_decile,ruc11_code,ruc11_name", 5);
      !s.ok()) {
    return s;
  }
  std::vector<PostcodeInfo> postcodes;
  std::set<std::string> seen;
  while (reader.Next(cells)) {
    if (cells.size() != 5) return reader.Error("expected 5 cells");
    auto postcode = ParsePostcode(cells[0]);
    if (!postcode.ok()) return reader.Error("the postcode " + postcode.status().message());
    if (!IsLsoa(cells[1])) return reader.Error("the LSOA must be E01 and 6 digits");
    int decile = 0;
    const std::string& d = cells[2];
    auto [end, ec] = std::from_chars(d.data(), d.data() + d.size(), decile);
    if (ec != std::errc() || end != d.data() + d.size() || decile < 1 || decile > 10) {
      return reader.Error("the IMD decile must be a whole number from 1 to 10");
    }
    if (cells[3].empty()) return reader.Error("the rurality code is empty");
    if (!seen.insert(*postcode).second) return reader.Error("postcode " + *postcode + " repeats");
    postcodes.push_back({*postcode, cells[1], decile, cells[3], cells[4]});
  }
  if (!reader.status().ok()) return reader.status();
  return postcodes;
}

Result<OpenData> LoadOpenData() {
  const auto& files = OpenDataFiles();
  auto practices_file = files.find(kPracticesFile);
  auto postcodes_file = files.find(kPostcodesFile);
  if (practices_file == files.end() || postcodes_file == files.end()) {
    return Status::Internal("the open data files are not built into this binary");
  }
  auto practices = ParsePractices(practices_file->second);
  if (!practices.ok()) return practices.status();
  auto postcodes = ParsePostcodes(postcodes_file->second);
  if (!postcodes.ok()) return postcodes.status();
  return OpenData{std::move(*practices), std::move(*postcodes)};
}

}  // namespace linkway
