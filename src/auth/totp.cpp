#include "auth/totp.hpp"

#include <liboath/oath.h>

#include <cstdlib>
#include <memory>
#include <mutex>

#include "auth/secrets.hpp"
#include "core/text.hpp"

namespace linkway::totp {
namespace {

void Init() {
  static std::once_flag once;
  std::call_once(once, [] { oath_init(); });
}

struct Freer {
  void operator()(char* p) const { std::free(p); }  // NOLINT: liboath allocates with malloc
};

// The raw secret of a base32 one, or nullopt.
std::optional<std::string> Decode(std::string_view base32) {
  Init();
  char* out = nullptr;
  size_t length = 0;
  if (oath_base32_decode(base32.data(), base32.size(), &out, &length) != OATH_OK) {
    return std::nullopt;
  }
  std::unique_ptr<char, Freer> owned(out);
  return std::string(out, length);
}

char Hex(unsigned v) { return "0123456789ABCDEF"[v & 15u]; }

// Percent-encodes everything but unreserved characters (RFC 3986).
std::string Escape(std::string_view text) {
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) != 0 || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += Hex(c >> 4u);
      out += Hex(c);
    }
  }
  return out;
}

}  // namespace

std::string NewSecret() {
  Init();
  std::string hex = RandomHex(20);
  std::string raw;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    raw += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
  }
  char* out = nullptr;
  size_t length = 0;
  if (oath_base32_encode(raw.data(), raw.size(), &out, &length) != OATH_OK) {
    throw std::runtime_error("cannot encode a second-factor secret");
  }
  std::unique_ptr<char, Freer> owned(out);
  std::string secret(out, length);
  while (!secret.empty() && secret.back() == '=') secret.pop_back();
  return secret;
}

std::string Uri(std::string_view issuer, std::string_view account, std::string_view secret) {
  return "otpauth://totp/" + Escape(issuer) + ":" + Escape(account) +
         "?secret=" + std::string(secret) + "&issuer=" + Escape(issuer) +
         "&algorithm=SHA1&digits=6&period=30";
}

std::optional<std::int64_t> Check(std::string_view secret, std::string_view code, UnixSeconds now) {
  if (code.size() != 6 || code.find_first_not_of("0123456789") != std::string_view::npos) {
    return std::nullopt;
  }
  auto raw = Decode(secret);
  if (!raw) return std::nullopt;
  std::string otp(code);
  int position = 0;
  std::uint64_t step = 0;
  int found = oath_totp_validate3(raw->data(), raw->size(), static_cast<time_t>(now), kStepSeconds,
                                  0, 1, &position, &step, otp.c_str());
  if (found < 0) return std::nullopt;
  return static_cast<std::int64_t>(step);
}

std::string CodeAt(std::string_view secret, UnixSeconds now) {
  auto raw = Decode(secret);
  if (!raw) return "";
  char out[7] = {};
  if (oath_totp_generate(raw->data(), raw->size(), static_cast<time_t>(now), kStepSeconds, 0, 6,
                         out) != OATH_OK) {
    return "";
  }
  return out;
}

}  // namespace linkway::totp
