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
