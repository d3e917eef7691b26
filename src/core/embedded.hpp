// Files compiled into the binary (templates, migrations, default code tables), keyed by file
// name. The build generates the definitions with cmake/embed.cmake. Read-only after start.
#pragma once

#include <map>
#include <string_view>

namespace linkway {

using EmbeddedFiles = std::map<std::string_view, std::string_view, std::less<>>;

}  // namespace linkway
