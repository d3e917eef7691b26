// NHS number validation (modulus 11). Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/status.hpp"

namespace linkway {

// Returns the ten digits of a valid NHS number, or kInvalid with a message that says what is
// wrong: not ten digits, all digits the same, or the check digit does not match. Spaces are
// allowed anywhere ("943 476 5919").
Result<std::string> ParseNhsNumber(std::string_view text);

// "9434765919" -> "943 476 5919" for display.
std::string FormatNhsNumber(std::string_view digits);

// The check digit for nine digits, or -1 when no valid number can end them (remainder 10).
int NhsCheckDigit(std::string_view nine_digits);

}  // namespace linkway
