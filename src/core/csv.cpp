#include "core/csv.hpp"

namespace linkway {

bool CsvReader::Next(std::vector<std::string>& cells) {
  while (pos_ < text_.size()) {
    line_ = next_line_;
    cells.assign(1, {});
    bool quoted = false;
    bool any = false;
    std::size_t i = pos_;
    for (; i < text_.size(); ++i) {
      char c = text_[i];
      if (quoted) {
        if (c == '"' && i + 1 < text_.size() && text_[i + 1] == '"') {
          cells.back().push_back('"');
          ++i;
        } else if (c == '"') {
          quoted = false;
        } else {
          if (c == '\n') ++next_line_;
          cells.back().push_back(c);
        }
        continue;
      }
      if (c == '\n') break;
      if (c == '\r' && (i + 1 == text_.size() || text_[i + 1] == '\n')) continue;
      if (c != ' ' && c != '\t') any = true;
      if (c == '"') {
        quoted = true;
        any = true;
      } else if (c == ',') {
        cells.emplace_back();
        any = true;
      } else {
        cells.back().push_back(c);
      }
    }
    pos_ = i + 1;
    ++next_line_;
    if (quoted) {
      status_ = Error("a quoted cell is not closed");
      return false;
    }
    if (any) return true;
  }
  return false;
}

Status CsvReader::Error(std::string_view what) const {
  std::string where(file_);
  if (line_ > 0) where += " line " + std::to_string(line_);
  return Status::Invalid(where + ": " + std::string(what));
}

std::optional<std::size_t> CsvColumns::Find(std::string_view name) const {
  for (std::size_t i = 0; i < header_.size(); ++i) {
    std::string_view h = header_[i];
    if (i == 0 && h.starts_with("\xEF\xBB\xBF")) h.remove_prefix(3);  // a byte order mark
    if (h == name) return i;
  }
  return std::nullopt;
}

std::string_view CsvColumns::Cell(const std::vector<std::string>& row,
                                  std::string_view name) const {
  auto i = Find(name);
  if (!i || *i >= row.size()) return {};
  return row[*i];
}

std::string CsvCell(std::string_view text) {
  std::string out = "\"";
  if (!text.empty() && std::string_view("=+-@\t\r").find(text[0]) != std::string_view::npos) {
    out += '\'';
  }
  for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace linkway
