// Reading CSV text line by line: RFC 4180 cells with optional double quotes ("" inside a quoted
// cell is a quote), CRLF or LF endings, blank lines skipped, and a quoted cell may span lines.
// Errors name the file and the line. Pure: it reads the text it is given, no files.
// Thread safety: one reader per thread.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.hpp"

namespace linkway {

// A CSV cell, quoted, and made inert for spreadsheets (no leading =, +, -, @, tab or CR).
std::string CsvCell(std::string_view text);

class CsvReader {
 public:
  CsvReader(std::string_view file, std::string_view text) : file_(file), text_(text) {}

  // Reads the next non-blank row into `cells`; false at the end or on an error (see status()).
  bool Next(std::vector<std::string>& cells);

  const Status& status() const { return status_; }
  // The line the last row read started on (1 is the first).
  int line() const { return line_; }
  // kInvalid naming the file and the line last read.
  Status Error(std::string_view what) const;

 private:
  std::string_view file_;
  std::string_view text_;
  std::size_t pos_ = 0;
  int line_ = 0;
  int next_line_ = 1;
  Status status_;
};

// Where each named column is in a header row: index or nullopt.
class CsvColumns {
 public:
  explicit CsvColumns(const std::vector<std::string>& header) : header_(header) {}
  std::optional<std::size_t> Find(std::string_view name) const;
  // The named cell of `row`, or "" when the column is absent or the row short.
  std::string_view Cell(const std::vector<std::string>& row, std::string_view name) const;

 private:
  std::vector<std::string> header_;
};

}  // namespace linkway
