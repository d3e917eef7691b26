// The listeners a store has been given through Store::Subscribe, and telling them of a change.
// Thread safety: Add and Notify may be called from any thread; listeners run on the caller's.
#pragma once

#include <mutex>
#include <string_view>
#include <vector>

#include "store/store.hpp"

namespace linkway {

class ChangeListeners {
 public:
  void Add(ChangeListener listener) {
    std::lock_guard lock(mutex_);
    listeners_.push_back(std::move(listener));
  }
  // Calls every listener with `topic`, outside the lock (a listener may subscribe another).
  void Notify(std::string_view topic) {
    std::vector<ChangeListener> listeners;
    {
      std::lock_guard lock(mutex_);
      listeners = listeners_;
    }
    for (const auto& l : listeners) l(topic);
  }

 private:
  std::mutex mutex_;
  std::vector<ChangeListener> listeners_;
};

}  // namespace linkway
