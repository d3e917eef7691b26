#include "core/postcode.hpp"

#include <cctype>

namespace linkway {
namespace {
bool IsAlpha(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }
bool IsDigit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }
}  // namespace

Result<std::string> ParsePostcode(std::string_view text) {
  std::string compact;
  for (char c : text) {
    if (c == ' ') continue;
    if (!IsAlpha(c) && !IsDigit(c)) return Status::Invalid("must contain only letters and digits");
    compact.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  if (compact.size() < 5 || compact.size() > 7) return Status::Invalid("is not a UK postcode");
  std::string_view inward = std::string_view(compact).substr(compact.size() - 3);
  std::string_view outward = std::string_view(compact).substr(0, compact.size() - 3);
  if (!IsDigit(inward[0]) || !IsAlpha(inward[1]) || !IsAlpha(inward[2]) || !IsAlpha(outward[0]) ||
      (!IsDigit(outward.back()) && !IsAlpha(outward.back()))) {
    return Status::Invalid("is not a UK postcode");
  }
  bool has_digit = false;
  for (char c : outward) has_digit = has_digit || IsDigit(c);
  if (!has_digit) return Status::Invalid("is not a UK postcode");
  return std::string(outward) + " " + std::string(inward);
}

}  // namespace linkway

namespace linkway {

std::string_view RuralUrbanName(std::string_view code) {
  struct Class {
    std::string_view code, name;
  };
  static constexpr Class kClasses[] = {
      {"A1", "Urban major conurbation"},
      {"B1", "Urban minor conurbation"},
      {"C1", "Urban city and town"},
      {"C2", "Urban city and town in a sparse setting"},
      {"D1", "Rural town and fringe"},
      {"D2", "Rural town and fringe in a sparse setting"},
      {"E1", "Rural village and dispersed"},
      {"E2", "Rural village and dispersed in a sparse setting"},
  };
  for (const auto& c : kClasses) {
    if (c.code == code) return c.name;
  }
  return {};
}

}  // namespace linkway
