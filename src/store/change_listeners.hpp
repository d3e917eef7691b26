// The listeners a database has been given through Subscribe, and telling them of a change.
// Thread safety: Add and Notify may be called from any thread; listeners run on the caller's.
#pragma once

#include <functional>
#include <mutex>
#include <string_view>
#include <vector>

namespace linkway {

class ChangeListeners {
 public:
  using Listener = std::function<void(std::string_view topic)>;
  void Add(Listener listener) {
    std::lock_guard lock(mutex_);
    listeners_.push_back(std::move(listener));
  }
  // Calls every listener with `topic`, outside the lock (a listener may subscribe another).
  void Notify(std::string_view topic) {
    std::vector<Listener> listeners;
    {
      std::lock_guard lock(mutex_);
      listeners = listeners_;
    }
    for (const auto& l : listeners) l(topic);
  }

 private:
  std::mutex mutex_;
  std::vector<Listener> listeners_;
};

}  // namespace linkway
