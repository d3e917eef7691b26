#include "app/open_data.hpp"

#include <cctype>
#include <charconv>
#include <set>
#include <string>

#include "core/csv.hpp"
#include "core/postcode.hpp"

namespace linkway {
namespace {

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
  if (Status s = ExpectHeader(reader, cells,
                              "postcode,lsoa11,imd2019_decile,ruc11_code,ruc11_name,lat,long", 7);
      !s.ok()) {
    return s;
  }
  std::vector<PostcodeInfo> postcodes;
  std::set<std::string> seen;
  while (reader.Next(cells)) {
    if (cells.size() != 7) return reader.Error("expected 7 cells");
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
    auto place = ParsePlace(cells[5], cells[6]);
    if (!place.ok()) return reader.Error(place.status().message());
    PostcodeInfo info{*postcode, cells[1], decile, cells[3], cells[4]};
    info.place = *place;
    postcodes.push_back(std::move(info));
  }
  if (!reader.status().ok()) return reader.status();
  return postcodes;
}

Result<std::vector<PostcodeInfo>> ParseNspl(std::string_view csv, std::string_view file_name) {
  constexpr int kEnglishLsoas = 32844;  // the 2011 LSOAs the IoD 2019 ranks
  CsvReader reader(file_name, csv);
  std::vector<std::string> cells;
  if (!reader.Next(cells)) {
    return reader.status().ok() ? reader.Error("the file is empty") : reader.status();
  }
  CsvColumns columns(cells);
  for (const char* name : {"pcds", "lat", "long", "lsoa11", "ru11ind", "imd"}) {
    if (!columns.Find(name)) {
      return reader.Error(std::string("the header has no ") + name +
                          " column (an ONS NSPL file has pcds, lat, long, lsoa11, ru11ind, imd)");
    }
  }
  bool has_doterm = columns.Find("doterm").has_value();
  std::vector<PostcodeInfo> out;
  std::set<std::string> seen;
  while (reader.Next(cells)) {
    if (has_doterm && !columns.Cell(cells, "doterm").empty()) continue;  // terminated
    auto postcode = ParsePostcode(columns.Cell(cells, "pcds"));
    if (!postcode.ok()) return reader.Error("pcds: the postcode " + postcode.status().message());
    if (!seen.insert(*postcode).second) return reader.Error("postcode " + *postcode + " repeats");
    auto place = ParsePlace(columns.Cell(cells, "lat"), columns.Cell(cells, "long"));
    if (!place.ok()) return reader.Error("lat, long: " + place.status().message());
    PostcodeInfo info;
    info.postcode = *postcode;
    info.lsoa11 = std::string(columns.Cell(cells, "lsoa11"));
    info.ruc11_code = std::string(columns.Cell(cells, "ru11ind"));
    info.ruc11_name = std::string(RuralUrbanName(info.ruc11_code));
    info.place = *place;
    if (IsLsoa(info.lsoa11)) {
      std::string_view rank_text = columns.Cell(cells, "imd");
      int rank = 0;
      auto [end, ec] = std::from_chars(rank_text.data(), rank_text.data() + rank_text.size(), rank);
      if (ec != std::errc() || end != rank_text.data() + rank_text.size() || rank < 1 ||
          rank > kEnglishLsoas) {
        return reader.Error("imd: the rank must be a whole number from 1 to 32844");
      }
      info.imd_decile = (rank - 1) * 10 / kEnglishLsoas + 1;
    }
    out.push_back(std::move(info));
  }
  if (!reader.status().ok()) return reader.status();
  return out;
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
