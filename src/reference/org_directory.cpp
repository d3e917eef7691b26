#include "reference/org_directory.hpp"

namespace linkway {

OrgDirectory::OrgDirectory(Organisations& organisations)
    : organisations_(organisations), state_(std::make_shared<State>()) {
  organisations_.db().Subscribe([weak = std::weak_ptr<State>(state_)](std::string_view topic) {
    if (topic != kOrganisationsChanged && topic != sql::kEverythingChanged) return;
    if (auto state = weak.lock()) {
      std::lock_guard lock(state->mutex);
      state->map.reset();
      ++state->generation;
    }
  });
}

Result<Organisation> OrgDirectory::Get(std::string_view code) {
  std::shared_ptr<const Map> map;
  std::uint64_t generation = 0;
  {
    std::lock_guard lock(state_->mutex);
    map = state_->map;
    generation = state_->generation;
  }
  if (!map) {
    auto all = organisations_.List();
    if (!all.ok()) return all.status();
    auto fresh = std::make_shared<Map>();
    for (auto& o : *all) {
      std::string key = o.code;
      fresh->emplace(std::move(key), std::move(o));
    }
    map = fresh;
    std::lock_guard lock(state_->mutex);
    // A notice that arrived during the read makes this copy stale: use it once, keep it not.
    if (state_->generation == generation) state_->map = map;
  }
  auto it = map->find(code);
  if (it == map->end()) return Status::NotFound("no organisation with that code");
  return it->second;
}

}  // namespace linkway
