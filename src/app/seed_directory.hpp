// The demo directory: 300 community services across Herefordshire's towns, from the
// generator, run by the demo's community organisations and some of their own.
#pragma once

#include <vector>

#include "app/system.hpp"
#include "core/postcode.hpp"
#include "directory/generator.hpp"

namespace linkway::demo {

// Real town postcodes from the open data, one per market town and the city.
std::vector<Town> DemoTowns(const std::vector<PostcodeInfo>& postcodes);

// Starts the directory (after the organisations exist) and writes `count` services.
Status SeedDirectory(System& system, const std::vector<PostcodeInfo>& postcodes, UnixSeconds now,
                     int count = 300);

}  // namespace linkway::demo
