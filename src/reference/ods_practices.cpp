#include "reference/ods_practices.hpp"

#include <cctype>
#include <map>
#include <set>

#include "core/csv.hpp"
#include "core/postcode.hpp"

namespace linkway {
namespace {

bool IsPracticeCode(std::string_view code) {
  if (code.size() != 6 || std::isupper(static_cast<unsigned char>(code[0])) == 0) return false;
  for (char c : code.substr(1)) {
    if (std::isdigit(static_cast<unsigned char>(c)) == 0) return false;
  }
  return true;
}

std::string Area(std::string_view postcode) {
  std::string out;
  for (char c : postcode) {
    if (std::isalpha(static_cast<unsigned char>(c)) == 0) break;
    out += c;
  }
  return out;
}

}  // namespace

std::string TitleCase(std::string_view name) {
  std::string out;
  bool start = true;
  for (char c : name) {
    auto u = static_cast<unsigned char>(c);
    out += static_cast<char>(start ? std::toupper(u) : std::tolower(u));
    start = std::isalpha(u) == 0 && c != '\'';
  }
  return out;
}

Result<std::vector<OdsPractice>> ParseEpraccur(std::string_view csv) {
  CsvReader reader("the practice file", csv);
  std::vector<std::string> cells;
  // Headerless, as ODS publishes it: code 0, name 1, postcode 9, status 12, setting 25.
  std::size_t code = 0, name = 1, postcode = 9, status = 12, setting = 25;
  std::vector<OdsPractice> out;
  bool first = true;
  while (reader.Next(cells)) {
    if (first) {
      first = false;
      if (!cells.empty() && cells[0] == "organisation_code") {
        std::map<std::string, std::size_t> at;
        for (std::size_t i = 0; i < cells.size(); ++i) at[cells[i]] = i;
        for (const char* needed : {"name", "postcode", "status_code", "prescribing_setting"}) {
          if (at.count(needed) == 0) {
            return reader.Error(std::string("the header has no column ") + needed);
          }
        }
        name = at["name"];
        postcode = at["postcode"];
        status = at["status_code"];
        setting = at["prescribing_setting"];
        continue;
      }
    }
    std::size_t needed = std::max({code, name, postcode, status, setting});
    if (cells.size() <= needed) {
      return reader.Error("has " + std::to_string(cells.size()) +
                          " columns; an ODS practice "
                          "row has " +
                          std::to_string(needed + 1) + " or more");
    }
    if (cells[setting] != "4") continue;  // not a GP practice
    if (!IsPracticeCode(cells[code])) {
      return reader.Error("the practice code is not a letter and five digits");
    }
    auto pc = ParsePostcode(cells[postcode]);
    if (!pc.ok()) return reader.Error("the postcode is not a postcode");
    if (cells[name].empty()) return reader.Error("the practice has no name");
    char s = cells[status].empty() ? 'A' : cells[status][0];
    out.push_back({cells[code], cells[name], *pc, s});
  }
  if (!reader.status().ok()) return reader.status();
  return out;
}

Result<PracticeImport> ImportPractices(Organisations& organisations,
                                       const std::vector<OdsPractice>& practices,
                                       const PracticeImportOptions& options) {
  if (!options.new_pcn.empty()) {
    auto pcn = organisations.Get(options.new_pcn);
    if (!pcn.ok() || pcn->kind != OrgKind::kPcn) {
      return Status::Invalid("the import has errors", {{"pcn", "is not a PCN"}});
    }
  }
  auto known = organisations.List();
  if (!known.ok()) return known.status();
  std::map<std::string, Organisation, std::less<>> ours;
  std::set<std::string, std::less<>> others;  // codes of organisations that are not practices
  for (auto& o : *known) {
    if (o.kind == OrgKind::kPractice) {
      ours.emplace(o.code, std::move(o));
    } else {
      others.insert(o.code);
    }
  }
  PracticeImport report;
  std::vector<Organisation> writes;
  for (const auto& p : practices) {
    if (others.count(p.code) != 0) {
      report.not_added.push_back(p.code + " is not a practice here");
      continue;
    }
    auto found = ours.find(p.code);
    std::string name = TitleCase(p.name);
    if (found == ours.end()) {
      if (p.status != 'A') continue;
      bool in_area = options.postcode_areas.empty();
      for (const auto& a : options.postcode_areas) in_area = in_area || Area(p.postcode) == a;
      if (options.new_pcn.empty() || !in_area) {
        report.not_added.push_back(p.code + " " + name);
        continue;
      }
      writes.push_back({p.code, OrgKind::kPractice, name, options.new_pcn, p.postcode, ""});
      report.added.push_back(p.code + " " + name + " (" + p.postcode + ")");
      continue;
    }
    Organisation o = found->second;
    if (p.status == 'C' || p.status == 'D') {
      report.closed.push_back(p.code + " " + o.name +
                              (p.status == 'C' ? " is closed" : " is dormant"));
    }
    std::string change;
    if (o.name != name) change += "name " + o.name + " to " + name;
    if (o.postcode != p.postcode) {
      change += (change.empty() ? "" : "; ") + std::string("postcode ") +
                (o.postcode.empty() ? "none" : o.postcode) + " to " + p.postcode;
    }
    if (change.empty()) {
      ++report.unchanged;
      continue;
    }
    o.name = name;
    o.postcode = p.postcode;
    writes.push_back(o);
    report.updated.push_back(p.code + ": " + change);
  }
  if (Status s = organisations.PutAll(writes); !s.ok()) return s;
  return report;
}

}  // namespace linkway
