// The demo world's source of chance. The standard distributions are implementation-defined, so
// these draw straight from std::mt19937_64 (whose output the standard fixes): one seed gives
// the same demo world with every compiler and library.
// Thread safety: none; one instance per seeding run.
#pragma once

#include <cmath>
#include <cstdint>
#include <iterator>
#include <random>
#include <span>

namespace linkway::demo {

class SeedRandom {
 public:
  explicit SeedRandom(std::uint64_t seed) : engine_(seed) {}

  // Uniform in [0, n); n > 0. The modulo bias is below 1e-9 for the small n used here.
  std::uint64_t Below(std::uint64_t n) { return engine_() % n; }
  // Uniform in [lo, hi].
  int Between(int lo, int hi) { return lo + static_cast<int>(Below(hi - lo + 1)); }
  // Uniform in [0, 1).
  double Unit() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
  bool Chance(double p) { return Unit() < p; }

  // A Poisson count with the given mean (Knuth's method; fine for the small means here).
  int Poisson(double mean) {
    double limit = std::exp(-mean);
    double product = Unit();
    int count = 0;
    while (product > limit) {
      ++count;
      product *= Unit();
    }
    return count;
  }

  // An index drawn with the given relative weights (at least one positive).
  std::size_t Weighted(std::span<const int> weights) {
    int total = 0;
    for (int w : weights) total += w;
    auto pick = static_cast<int>(Below(total));
    for (std::size_t i = 0; i < weights.size(); ++i) {
      if (pick < weights[i]) return i;
      pick -= weights[i];
    }
    return weights.size() - 1;
  }

  // One element of a non-empty array or container, uniformly.
  template <typename Items>
  const auto& Pick(const Items& items) {
    return items[Below(std::size(items))];
  }

 private:
  std::mt19937_64 engine_;
};

}  // namespace linkway::demo
