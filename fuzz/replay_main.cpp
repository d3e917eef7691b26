// A main() for the fuzz targets when they are built without libFuzzer (GCC, `make test`):
// runs every file in the corpus folders given on the command line, then a bounded number of
// simple mutations of them (bit flips, truncations, splices), deterministically. Crashes and
// sanitizer reports fail the test; libFuzzer proper runs with `make fuzz`.
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

void Run(const std::string& input) {
  LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(input.data()), input.size());
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> seeds;
  for (int i = 1; i < argc; ++i) {
    for (const auto& entry : std::filesystem::directory_iterator(argv[i])) {
      std::ifstream in(entry.path(), std::ios::binary);
      std::stringstream buffer;
      buffer << in.rdbuf();
      seeds.push_back(buffer.str());
    }
  }
  if (seeds.empty()) seeds.emplace_back();
  for (const auto& s : seeds) Run(s);
  std::mt19937_64 random(20211124);
  constexpr int kMutations = 20000;
  for (int i = 0; i < kMutations; ++i) {
    std::string input = seeds[random() % seeds.size()];
    int edits = 1 + static_cast<int>(random() % 4);
    for (int e = 0; e < edits; ++e) {
      switch (random() % 4) {
        case 0:
          if (!input.empty())
            input[random() % input.size()] ^= static_cast<char>(1 << (random() % 8));
          break;
        case 1:
          if (!input.empty()) input.resize(random() % input.size());
          break;
        case 2:
          input.insert(random() % (input.size() + 1), 1, static_cast<char>(random() % 256));
          break;
        default: {
          const std::string& other = seeds[random() % seeds.size()];
          if (!other.empty()) input += other.substr(random() % other.size());
        }
      }
    }
    Run(input);
  }
  std::printf("%zu seeds and %d mutations ran clean\n", seeds.size(), kMutations);
  return 0;
}
