// Fuzz target: the local code table a deployer supplies.
#include <cstdint>
#include <string_view>

#include "referrals/codes.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto table = linkway::CodeTable::Parse(text);
  if (table.ok()) {
    for (auto state : linkway::kAllStates) (void)table->ForState(state);
  }
  return 0;
}
