// A coded choice with words for pages, and look-ups in constant tables of them (reasons,
// professions, outcomes). Pure data and functions; thread-safe.
#pragma once

#include <cstddef>
#include <string_view>

namespace linkway {

struct Choice {
  std::string_view code;
  std::string_view label;
};

// The label for a code in a table, or the code itself when it is not there.
template <std::size_t N>
std::string_view LabelOf(const Choice (&table)[N], std::string_view code) {
  for (const auto& c : table)
    if (c.code == code) return c.label;
  return code;
}

template <std::size_t N>
bool IsChoice(const Choice (&table)[N], std::string_view code) {
  for (const auto& c : table)
    if (c.code == code) return true;
  return false;
}

}  // namespace linkway
