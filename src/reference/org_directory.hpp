// The organisations, held in memory by each instance: every referral looks its practice up,
// and organisations change rarely. The copy is dropped when the store reports a change
// (Database::Subscribe), whether made through this instance or, on PostgreSQL, another one, and
// read again on next use.
// Thread safety: all methods may be called concurrently.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "reference/organisations.hpp"

namespace linkway {

class OrgDirectory {
 public:
  explicit OrgDirectory(Organisations& organisations);

  // The organisation with `code`, or kNotFound.
  Result<Organisation> Get(std::string_view code);

 private:
  using Map = std::map<std::string, Organisation, std::less<>>;
  // Shared with the store's listener, which may outlive this object.
  struct State {
    std::mutex mutex;
    std::shared_ptr<const Map> map;
    std::uint64_t generation = 0;  // bumped by every change notice
  };

  Organisations& organisations_;
  std::shared_ptr<State> state_;
};

}  // namespace linkway
