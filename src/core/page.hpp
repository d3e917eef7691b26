// Page<T>: one page of a list, with the total the whole list holds. A request for page 0 or
// a size out of range is kept within bounds by PageOf, so a caller never asks the database for
// an unbounded list. Plain values; thread-safe.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

namespace linkway {

inline constexpr int kMaxPageSize = 500;

template <typename T>
struct Page {
  std::vector<T> items;
  std::int64_t total = 0;
  int page = 1;  // from 1
  int page_size = 50;

  // Pages the whole list fills (0 when it is empty).
  int pages() const { return static_cast<int>((total + page_size - 1) / page_size); }
  // Rows before this page, for OFFSET.
  std::int64_t offset() const { return static_cast<std::int64_t>(page - 1) * page_size; }
};

// An empty page with the requested number (from 1) and a size kept within 1..kMaxPageSize.
template <typename T>
Page<T> PageOf(int page, int page_size) {
  Page<T> out;
  out.page = std::max(1, page);
  out.page_size = std::clamp(page_size, 1, kMaxPageSize);
  return out;
}

}  // namespace linkway
