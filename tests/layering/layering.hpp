// The include rule: reads the module table (layers.txt) and lists every #include in src/ that
// breaks it. Thread safety: plain functions.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace linkway::layering {

// "src/core/x.hpp:3 includes store/sql.hpp, which core may not use" for each breach under
// `src`, by the rules in `layers` (the text of layers.txt). A module missing from the table,
// or a rule line that does not parse, is a breach too.
std::vector<std::string> Violations(const std::filesystem::path& src, const std::string& layers);

}  // namespace linkway::layering
