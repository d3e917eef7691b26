#include "referrals/codes.hpp"

#include <algorithm>
#include <sstream>
#include <vector>

namespace linkway {
namespace {

std::vector<std::string> SplitCsvLine(const std::string& line) {
  std::vector<std::string> cells;
  std::string cell;
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        cell.push_back('"');
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        cell.push_back(c);
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      cells.push_back(cell);
      cell.clear();
    } else if (c != '\r') {
      cell.push_back(c);
    }
  }
  cells.push_back(cell);
  return cells;
}

}  // namespace

std::vector<std::string> RequiredCodeEvents() {
  std::vector<std::string> events;
  for (ReferralState s : kAllStates) {
    if (s == ReferralState::kAccepted || s == ReferralState::kDeclined) continue;
    events.push_back("referral." + std::string(ToString(s)));
  }
  events.emplace_back("signpost.recorded");
  return events;
}

Result<CodeTable> CodeTable::Parse(std::string_view csv) {
  CodeTable table;
  auto required = RequiredCodeEvents();
  std::istringstream in{std::string(csv)};
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (number == 1) {
      if (line.rfind("event,system,code,display", 0) != 0)
        return Status::Invalid("code table line 1: the header must be event,system,code,display");
      continue;
    }
    if (line.find_first_not_of(" \r") == std::string::npos) continue;
    auto cells = SplitCsvLine(line);
    std::string where = "code table line " + std::to_string(number) + ": ";
    if (cells.size() != 4) return Status::Invalid(where + "expected 4 cells");
    if (std::find(required.begin(), required.end(), cells[0]) == required.end())
      return Status::Invalid(where + "unknown event '" + cells[0] + "'");
    if (cells[1].empty() || cells[2].empty())
      return Status::Invalid(where + "system and code are required");
    if (!table.by_event_.emplace(cells[0], ClinicalCode{cells[1], cells[2], cells[3]}).second)
      return Status::Invalid(where + "event '" + cells[0] + "' appears twice");
  }
  for (const auto& e : required) {
    if (table.by_event_.find(e) == table.by_event_.end())
      return Status::Invalid("code table: no code for event '" + e + "'");
  }
  return table;
}

ClinicalCode CodeTable::ForState(ReferralState state) const {
  if (state == ReferralState::kAccepted) {
    return {std::string(kSnomedSystem), std::string(kSnomedReferred),
            "Referral to social prescribing service"};
  }
  if (state == ReferralState::kDeclined) {
    return {std::string(kSnomedSystem), std::string(kSnomedDeclined),
            "Social prescribing declined"};
  }
  return by_event_.find("referral." + std::string(ToString(state)))->second;
}

ClinicalCode CodeTable::ForSignpost() const { return by_event_.find("signpost.recorded")->second; }

}  // namespace linkway
