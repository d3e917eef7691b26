// A thread with its own connection that LISTENs on a channel and hands each notice's payload
// to the subscribed listeners. When the connection is lost it reconnects every half second and,
// once back, tells listeners kEverythingChanged, since notices sent meanwhile were missed.
// Thread safety: Subscribe may be called from any thread.
#pragma once

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "store/change_listeners.hpp"
#include "store/database.hpp"

namespace linkway::sql {

class Listener {
 public:
  // Returns once the first LISTEN is in place (or after 3 s when the server is away), so that
  // a change committed after the store opens is not missed.
  Listener(std::string url, std::string channel);
  ~Listener();
  Listener(const Listener&) = delete;
  Listener& operator=(const Listener&) = delete;

  void Subscribe(ChangeListener listener);

 private:
  void Loop();

  std::string url_;
  std::string channel_;
  std::atomic<bool> stop_{false};
  std::mutex mutex_;
  std::condition_variable listening_;
  bool ready_ = false;
  ChangeListeners listeners_;
  std::thread thread_;
};

}  // namespace linkway::sql
