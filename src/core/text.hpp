// Text that can be stored the same way on every backend: well-formed UTF-8 with no control
// characters (tab always, line breaks only where a field allows several lines). A NUL would be
// cut short by PostgreSQL's C-string parameters and bad UTF-8 refused by its encoding checks,
// while SQLite would keep both; checking here makes the two backends behave alike.
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.hpp"

namespace linkway {

// The text without leading and trailing white space.
std::string Trim(std::string_view text);

// A positive record id written in decimal digits only ("12"), or nullopt.
std::optional<std::int64_t> ParseId(std::string_view text);

// Equality for secrets (tokens), in time that depends only on the lengths.
bool SameSecret(std::string_view a, std::string_view b);

bool IsStorableText(std::string_view text, bool multiline);

// At most `max_bytes` of `text`, cut on a character boundary, with every byte that is not part
// of well-formed UTF-8 (and every control character but tab and line breaks) replaced by '?':
// for quoting input back in a message, where the answer must be valid UTF-8 whatever came in.
std::string Shorten(std::string_view text, std::size_t max_bytes);

// Adds "contains characters that cannot be stored" for `field` when `text` is not storable.
void CheckStorable(FieldErrors& errors, const std::string& field, std::string_view text,
                   bool multiline = false);

}  // namespace linkway
