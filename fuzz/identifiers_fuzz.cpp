// Fuzz target: the parsers of identifiers typed by people (NHS number, postcode, date).
#include <cstdint>
#include <string_view>

#include "core/clock.hpp"
#include "core/nhs_number.hpp"
#include "core/postcode.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto nhs = linkway::ParseNhsNumber(text);
  if (nhs.ok() && nhs->size() != 10) __builtin_trap();
  auto postcode = linkway::ParsePostcode(text);
  if (postcode.ok() && linkway::ParsePostcode(*postcode).value() != *postcode) __builtin_trap();
  if (auto date = linkway::ParseDate(text); date && linkway::FormatDate(*date) != text) {
    __builtin_trap();
  }
  return 0;
}
