// Whether a new password is good enough, as NCSC guidance asks: at least 10 characters, not on
// a deny list of common and breached passwords (cracklib's dictionary, Debian's
// cracklib-runtime), not simple or repetitive (cracklib's checks), and not built from words
// of its context: the username, the organisation, "linkway".
// Thread safety: may be called from any thread (cracklib itself is not; a lock serialises it).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace linkway {

inline constexpr std::size_t kMinPasswordLength = 10;

// Why `password` may not be used ("is too easy to guess: it is based on a dictionary word"),
// or nullopt when it may. `context` holds words a guesser would try for this user.
std::optional<std::string> PasswordProblem(std::string_view password,
                                           const std::vector<std::string>& context);

}  // namespace linkway
