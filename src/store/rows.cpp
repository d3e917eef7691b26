#include "store/rows.hpp"

#include <sstream>

namespace linkway::rows {

std::string JoinCodes(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ",") + i;
  return out;
}

std::vector<std::string> SplitCodes(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, ',')) {
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

std::string StatesParam(const std::vector<ReferralState>& states) {
  if (states.empty()) return "";
  std::string out = ",";
  for (auto s : states) out += std::string(ToString(s)) + ",";
  return out;
}

std::string ColumnList(const TableSpec& table) {
  std::string out;
  for (auto c : table.columns) out += (out.empty() ? "" : ", ") + std::string(c);
  return out;
}

std::string InsertSql(const TableSpec& table, char marker) {
  std::string sql =
      "INSERT INTO " + std::string(table.name) + " (" + ColumnList(table) + ") VALUES (";
  for (std::size_t i = 0; i < table.columns.size(); ++i) {
    if (i) sql += ", ";
    sql += marker + std::to_string(i + 1);
  }
  return sql + ")";
}

std::string OrderList(const TableSpec& table, std::string_view text_collation) {
  std::string out;
  for (auto column : table.order_by) {
    bool integer = column == "id" || column.ends_with("_id");
    out += (out.empty() ? "" : ", ") + std::string(column);
    if (!integer) out += text_collation;
  }
  return out;
}

}  // namespace linkway::rows
