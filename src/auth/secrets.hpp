// Password hashing (argon2id) and random tokens (256-bit, hex) with their SHA-256 hashes,
// on libsodium. Thread-safe once libsodium is initialised (done on first use).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace linkway {

// An argon2id hash string with its salt and parameters. Throws std::runtime_error when
// libsodium cannot allocate the memory it needs.
std::string HashPassword(std::string_view password);
// True when `password` matches `hash` (constant time).
bool VerifyPassword(std::string_view hash, std::string_view password);

// `bytes` random bytes as hex.
std::string RandomHex(std::size_t bytes);
// 32 random bytes (256 bits) as 64 hex characters.
inline std::string RandomToken() { return RandomHex(32); }
// SHA-256 of the text as 64 hex characters. Fast: for random tokens, not for passwords.
std::string Sha256Hex(std::string_view text);

}  // namespace linkway
