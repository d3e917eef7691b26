#include "bench_args.hpp"

#include <cstdio>
#include <cstdlib>
#include <stdexcept>

namespace linkway::bench {

void ParseCommon(int argc, char** argv, std::string_view usage, CommonOptions& out,
                 const std::function<bool(const std::string&, const std::string&)>& extra) {
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      std::fwrite(usage.data(), 1, usage.size(), stdout);
      std::exit(0);
    }
    if (i + 1 >= argc) throw std::invalid_argument(arg + " needs a value");
    std::string value = argv[++i];
    if (arg == "--seconds") {
      out.seconds = std::stod(value);
    } else if (arg == "--rounds") {
      out.rounds = std::stoi(value);
    } else if (arg == "--dir") {
      out.dir = value;
    } else if (!extra || !extra(arg, value)) {
      throw std::invalid_argument("unknown option " + arg);
    }
  }
  if (out.seconds <= 0 || out.rounds < 1) {
    throw std::invalid_argument("--seconds and --rounds must be positive");
  }
}

}  // namespace linkway::bench
