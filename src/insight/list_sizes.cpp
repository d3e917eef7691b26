#include "insight/list_sizes.hpp"

#include "core/csv.hpp"

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
  for (const char* needed : {"EXTRACT_DATE", "CODE", "SEX", "AGE", "NUMBER_OF_PATIENTS"}) {
    if (at.count(needed) == 0)
      return reader.Error(std::string("the header has no column ") + needed);
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
    const std::string& sex = cells[at["SEX"]];
    if (cells[at["AGE"]] != "ALL") continue;  // age bands: not kept yet
    auto [it, added] = by_code.try_emplace(code);
    if (added) order.push_back(code);
    ListSize& size = it->second;
    size.practice_code = code;
    size.extract_date = cells[at["EXTRACT_DATE"]];
    if (sex == "ALL") size.total = number;
    if (sex == "MALE") size.male = number;
    if (sex == "FEMALE") size.female = number;
  }
  if (!reader.status().ok()) return reader.status();
  std::vector<ListSize> out;
  for (const auto& code : order) {
    ListSize& s = by_code[code];
    if (s.total == 0) s.total = s.male + s.female;
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
                 "INSERT INTO list_sizes (practice_code, extract_date, total, male, female) "
                 "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (practice_code) DO UPDATE SET "
                 "extract_date = excluded.extract_date, total = excluded.total, "
                 "male = excluded.male, female = excluded.female",
                 s.practice_code, s.extract_date, s.total, s.male, s.female)
          .Run();
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

}  // namespace linkway
