// Small statistics for benchmark figures: percentiles of latency samples and medians of rounds.
// Thread safety: plain functions over values.
#pragma once

#include <vector>

namespace linkway::bench {

// The nearest-rank percentile (p in 0..100) of `samples`, which it sorts; 0 when empty.
double Percentile(std::vector<double>& samples, double p);

// The median of `values` (the mean of the middle two for an even count); 0 when empty.
double Median(std::vector<double> values);

}  // namespace linkway::bench
