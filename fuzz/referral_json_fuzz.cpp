// Fuzz target: API request bodies, from bytes through JSON to validated core inputs.
#include <cstdint>
#include <string_view>

#include "http/json.hpp"
#include "referrals/referral.hpp"
#include "referrals/referral_json.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto body = linkway::http::ParseObject(text);
  if (!body.ok()) return 0;
  if (auto input = linkway::ReferralInputFromJson(*body); input.ok()) {
    auto valid = linkway::ValidateReferral(*input, 20000);
    if (!valid.ok() && valid.status().fields().empty()) __builtin_trap();
  }
  (void)linkway::TransitionFromJson(*body);
  (void)linkway::SignpostInputFromJson(*body);
  return 0;
}
