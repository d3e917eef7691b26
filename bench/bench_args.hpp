// The command line both benchmarks share: --seconds N, --rounds R and --dir PATH, plus the
// program's own options. Not thread-safe: call once from main.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

namespace linkway::bench {

struct CommonOptions {
  double seconds = 5;
  int rounds = 3;
  std::filesystem::path dir = std::filesystem::current_path();
};

// Fills `out` from argv. An option it does not know goes to `extra(name, value)`, which says
// whether it took it. --help prints `usage` and exits. Throws std::invalid_argument for a
// missing value, an unknown option or a value that is not positive.
void ParseCommon(int argc, char** argv, std::string_view usage, CommonOptions& out,
                 const std::function<bool(const std::string&, const std::string&)>& extra = {});

}  // namespace linkway::bench
