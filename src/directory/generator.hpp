// Realistic, made-up community services for the demo (300 across Herefordshire) and the
// benchmarks (100,000 and 1,000,000): real kinds of service with synthetic names and
// descriptions, at real town postcodes. Deterministic for a seed. Pure: no I/O.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "directory/service.hpp"
#include "directory/taxonomy.hpp"

namespace linkway {

struct Town {
  std::string name;      // "Leominster"
  std::string postcode;  // a real postcode in the town
  GeoPoint place;
};

struct GeneratedDirectory {
  std::vector<Organization> organizations;  // codes "VCSE-..." unless given
  std::vector<Service> services;
};

// `count` services spread over `towns`, run by organisations of their own plus those in
// `existing` (which get the first services). Assured dates fall in the 18 months before
// `today` (days since 1970), so some listings are stale.
GeneratedDirectory GenerateDirectory(int count, std::uint64_t seed, const std::vector<Town>& towns,
                                     const std::vector<Organization>& existing,
                                     const std::vector<TaxonomyTerm>& terms, std::int64_t today);

}  // namespace linkway
