#include "app/seed_directory.hpp"

#include "app/seed_world.hpp"

namespace linkway::demo {

std::vector<Town> DemoTowns(const std::vector<PostcodeInfo>& postcodes) {
  struct Want {
    const char* name;
    GeoPoint centre;  // the town centre; the nearest postcode in the lookup is used
  };
  static constexpr Want kTowns[] = {
      {"Hereford", {52.0565, -2.7160}},     {"Hereford", {52.0640, -2.7330}},
      {"Hereford", {52.0450, -2.7020}},     {"Leominster", {52.2272, -2.7383}},
      {"Ledbury", {52.0356, -2.4235}},      {"Ross-on-Wye", {51.9144, -2.5870}},
      {"Kington", {52.2036, -3.0300}},      {"Bromyard", {52.1899, -2.5090}},
      {"Hay-on-Wye", {52.0747, -3.1260}},   {"Weobley", {52.1603, -2.8740}},
      {"Ewyas Harold", {51.9530, -2.8930}}, {"Much Birch", {51.9937, -2.7097}},
      {"Peterchurch", {52.0400, -2.9560}},  {"Credenhill", {52.0835, -2.8040}},
      {"Fownhope", {52.0080, -2.6160}},
  };
  std::vector<Town> out;
  for (const auto& w : kTowns) {
    const PostcodeInfo* best = nullptr;
    double best_miles = 2;  // none further than two miles from the centre
    for (const auto& p : postcodes) {
      if (!p.place) continue;
      double d = DistanceMiles(w.centre, *p.place);
      if (d < best_miles) {
        best_miles = d;
        best = &p;
      }
    }
    if (best) out.push_back({w.name, best->postcode, *best->place});
  }
  return out;
}

Status SeedDirectory(System& system, const std::vector<PostcodeInfo>& postcodes, UnixSeconds now,
                     int count) {
  if (Status s = system.services.Start(); !s.ok()) return s;
  auto existing = system.services.Organizations();
  if (!existing.ok()) return existing.status();
  auto generated = GenerateDirectory(count, 20261202, DemoTowns(postcodes), *existing,
                                     system.services.Terms(), DayOf(now));
  DirectoryBatch batch;
  batch.organizations = std::move(generated.organizations);
  batch.icb = std::string(kIcbCode);
  batch.services = std::move(generated.services);
  batch.summary = "The demo directory";
  return system.services.Import(batch);
}

}  // namespace linkway::demo
