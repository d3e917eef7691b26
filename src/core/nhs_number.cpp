#include "core/nhs_number.hpp"

#include <algorithm>
#include <cctype>

namespace linkway {

int NhsCheckDigit(std::string_view nine_digits) {
  int sum = 0;
  for (int i = 0; i < 9; ++i) sum += (nine_digits[i] - '0') * (10 - i);
  int check = 11 - (sum % 11);
  if (check == 11) return 0;
  if (check == 10) return -1;
  return check;
}

Result<std::string> ParseNhsNumber(std::string_view text) {
  std::string digits;
  for (char c : text) {
    if (c == ' ') continue;
    if (std::isdigit(static_cast<unsigned char>(c)) == 0) {
      return Status::Invalid("must contain only digits and spaces");
    }
    digits.push_back(c);
  }
  if (digits.size() != 10) return Status::Invalid("must be 10 digits");
  if (std::all_of(digits.begin(), digits.end(), [&](char c) { return c == digits[0]; })) {
    return Status::Invalid("cannot be the same digit ten times");
  }
  if (NhsCheckDigit(digits) != digits[9] - '0') {
    return Status::Invalid("check digit does not match");
  }
  return digits;
}

std::string FormatNhsNumber(std::string_view digits) {
  if (digits.size() != 10) return std::string(digits);
  return std::string(digits.substr(0, 3)) + " " + std::string(digits.substr(3, 3)) + " " +
         std::string(digits.substr(6));
}

}  // namespace linkway
