#include "insight/list_sizes.hpp"

#include "core/csv.hpp"
#include "insight/aggregates.hpp"

namespace linkway {
namespace {

bool WholeNumber(const std::string& text, std::int64_t& out) {
  if (text.empty() || text.size() > 12 ||
      text.find_first_not_of("0123456789") != std::string::npos) {
    return false;
  }
  out = std::stoll(text);
  return true;
}

// "20_24" or "95+" -> "20-29"; "" for anything else.
std::string TenYearBand(const std::string& five) {
  std::size_t end = five.find_first_of("_+");
  std::int64_t low = 0;
  if (end == std::string::npos || !WholeNumber(five.substr(0, end), low)) return "";
  std::int64_t band = std::min<std::int64_t>(std::max<std::int64_t>(low / 10 - 1, 0), 7);
  return insight::kAgeBands[band];
}

}  // namespace

Result<std::vector<ListSize>> ParseListSizes(std::string_view csv) {
  CsvReader reader("the list size file", csv);
  std::vector<std::string> cells;
  if (!reader.Next(cells)) {
    if (!reader.status().ok()) return reader.status();
    return Status::Invalid("the list size file is empty");
  }
  std::map<std::string, std::size_t> at;
  for (std::size_t i = 0; i < cells.size(); ++i) at[cells[i]] = i;
  bool by_lsoa = at.count("LSOA_CODE") > 0;
  if (at.count("AGE") == 0 && at.count("AGE_GROUP_5") > 0) at["AGE"] = at["AGE_GROUP_5"];
  if (by_lsoa && at.count("CODE") == 0 && at.count("PRACTICE_CODE") > 0) {
    at["CODE"] = at["PRACTICE_CODE"];
  }
  std::vector<const char*> needed = {"EXTRACT_DATE", "CODE", "NUMBER_OF_PATIENTS"};
  if (by_lsoa) {
    needed.push_back("LSOA_CODE");
  } else {
    needed.push_back("SEX");
    needed.push_back("AGE");
  }
  for (const char* column : needed) {
    if (at.count(column) == 0) {
      return reader.Error(std::string("the header has no column ") + column);
    }
  }
  std::size_t width = 0;
  for (const auto& [name, i] : at) width = std::max(width, i + 1);
  std::map<std::string, ListSize> by_code;
  std::vector<std::string> order;
  while (reader.Next(cells)) {
    if (cells.size() < width) return reader.Error("has too few columns");
    std::int64_t number = 0;
    if (!WholeNumber(cells[at["NUMBER_OF_PATIENTS"]], number)) {
      return reader.Error("NUMBER_OF_PATIENTS is not a whole number");
    }
    const std::string& code = cells[at["CODE"]];
    std::string sex = at.count("SEX") ? cells[at["SEX"]] : "ALL";
    auto [it, added] = by_code.try_emplace(code);
    if (added) order.push_back(code);
    ListSize& size = it->second;
    size.practice_code = code;
    size.extract_date = cells[at["EXTRACT_DATE"]];
    if (by_lsoa) {
      if (sex == "ALL") size.lsoas[cells[at["LSOA_CODE"]]] += number;
      continue;
    }
    const std::string& age = cells[at["AGE"]];
    if (age != "ALL") {
      std::string band = TenYearBand(age);
      if (band.empty()) return reader.Error("AGE is not a five-year band such as 20_24");
      if (sex == "MALE" || sex == "FEMALE") size.ages[sex + "/" + band] += number;
      continue;
    }
    size.has_total = true;
    if (sex == "ALL") size.total = number;
    if (sex == "MALE") size.male = number;
    if (sex == "FEMALE") size.female = number;
  }
  if (!reader.status().ok()) return reader.status();
  std::vector<ListSize> out;
  for (const auto& code : order) {
    ListSize& s = by_code[code];
    if (s.total == 0) s.total = s.male + s.female;
    for (const auto* parts : {&s.ages, &s.lsoas}) {
      if (s.has_total) break;
      std::int64_t sum = 0;
      for (const auto& [value, n] : *parts) sum += n;
      s.total = std::max(s.total, sum);
    }
    out.push_back(s);
  }
  return out;
}

Result<ListSizeImport> ListSizes::Import(const std::vector<ListSize>& sizes) {
  return db_.Write([&](sql::Tx& tx) -> Result<ListSizeImport> {
    ListSizeImport report;
    for (const auto& s : sizes) {
      sql::Query known(tx, "SELECT 1 FROM organisations WHERE code = $1 AND kind = 'practice'",
                       s.practice_code);
      if (!known.Step()) {
        report.unknown.push_back(s.practice_code);
        continue;
      }
      sql::Query(tx,
                 std::string("INSERT INTO list_sizes (practice_code, extract_date, total, male, "
                             "female) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (practice_code) ") +
                     (s.has_total ? "DO UPDATE SET extract_date = excluded.extract_date, total = "
                                    "excluded.total, male = excluded.male, female = excluded.female"
                                  : "DO NOTHING"),
                 s.practice_code, s.extract_date, s.total, s.male, s.female)
          .Run();
      // An LSOA's decile and rurality, as the postcodes held say, for the equity figures.
      std::map<std::string, std::int64_t> imd, rurality;
      for (const auto& [lsoa, n] : s.lsoas) {
        sql::Query where(
            tx, "SELECT imd_decile, ruc11_code FROM postcodes WHERE lsoa11 = $1 LIMIT 1", lsoa);
        bool known = where.Step();
        imd[known && where.Int(0) > 0 ? std::to_string(where.Int(0)) : "unknown"] += n;
        rurality[known && !where.Text(1).empty() ? where.Text(1) : "unknown"] += n;
      }
      for (auto [part, values] : {std::pair{"age", &s.ages},
                                  {"lsoa", &s.lsoas},
                                  {"imd", &imd},
                                  {"rurality", &rurality}}) {
        if (values->empty()) continue;
        sql::Query(tx, "DELETE FROM list_size_parts WHERE practice_code = $1 AND part = $2",
                   s.practice_code, part)
            .Run();
        for (const auto& [value, n] : *values) {
          sql::Query(tx,
                     "INSERT INTO list_size_parts (practice_code, part, value, n) "
                     "VALUES ($1, $2, $3, $4)",
                     s.practice_code, part, value, n)
              .Run();
        }
      }
      ++report.used;
    }
    return report;
  });
}

Result<std::map<std::string, ListSize>> ListSizes::All() {
  return db_.Read([&](sql::Connection& c) -> Result<std::map<std::string, ListSize>> {
    std::map<std::string, ListSize> out;
    sql::Query q(c,
                 "SELECT practice_code, extract_date, total, male, female FROM list_sizes "
                 "ORDER BY practice_code");
    while (q.Step()) {
      out[q.Text(0)] = {q.Text(0), q.Text(1), q.Int(2), q.Int(3), q.Int(4)};
    }
    return out;
  });
}

Result<std::map<std::string, std::map<std::string, std::int64_t>>> ListSizes::Parts(
    std::string_view part) {
  using Out = std::map<std::string, std::map<std::string, std::int64_t>>;
  return db_.Read([&](sql::Connection& c) -> Result<Out> {
    Out out;
    for (sql::Query q(c, "SELECT practice_code, value, n FROM list_size_parts WHERE part = $1",
                      part);
         q.Step();) {
      out[q.Text(0)][q.Text(1)] = q.Int(2);
    }
    return out;
  });
}

}  // namespace linkway
