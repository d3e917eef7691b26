// Time-based one-time passwords (RFC 6238: 6 digits, 30-second steps, HMAC-SHA1, as every
// authenticator app reads them), on liboath. Thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"

namespace linkway::totp {

inline constexpr int kStepSeconds = 30;

// A new 160-bit secret, as base32 (what an authenticator app is given).
std::string NewSecret();
// The otpauth:// URI an authenticator app scans from a QR code.
std::string Uri(std::string_view issuer, std::string_view account, std::string_view secret);
// The time step a 6-digit `code` is right for at `now`, allowing one step either side for a
// slow clock or typist; nullopt when it is wrong, or the secret is not base32.
std::optional<std::int64_t> Check(std::string_view secret, std::string_view code, UnixSeconds now);
// The code for `now`: for tests and the demo.
std::string CodeAt(std::string_view secret, UnixSeconds now);

}  // namespace linkway::totp
