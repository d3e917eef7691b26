// Text that can be stored the same way on every backend: well-formed UTF-8 with no control
// characters (tab always, line breaks only where a field allows several lines). A NUL would be
// cut short by PostgreSQL's C-string parameters and bad UTF-8 refused by its encoding checks,
// while SQLite would keep both; checking here makes the two backends behave alike.
// Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "core/status.hpp"

namespace linkway {

bool IsStorableText(std::string_view text, bool multiline);

// Adds "contains characters that cannot be stored" for `field` when `text` is not storable.
void CheckStorable(FieldErrors& errors, const std::string& field, std::string_view text,
                   bool multiline = false);

}  // namespace linkway
