#include "store/pg/listener.hpp"

#include <poll.h>

#include <chrono>
#include <memory>

#include "store/pg/pg.hpp"

namespace linkway::sql {

Listener::Listener(std::string url, std::string channel)
    : url_(std::move(url)), channel_(std::move(channel)), thread_([this] { Loop(); }) {
  std::unique_lock lock(mutex_);
  listening_.wait_for(lock, std::chrono::seconds(3), [&] { return ready_; });
}

Listener::~Listener() {
  stop_ = true;
  thread_.join();
}

void Listener::Subscribe(ChangeListener listener) { listeners_.Add(std::move(listener)); }

void Listener::Loop() {
  bool connected_before = false;
  bool missed = false;  // a failed attempt: notices may have gone unheard
  while (!stop_) {
    std::unique_ptr<PgConnection> conn;
    try {
      conn = std::make_unique<PgConnection>(url_, true);
      conn->Exec("LISTEN \"" + channel_ + "\"");
    } catch (const Error&) {
      missed = true;
      for (int i = 0; i < 5 && !stop_; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
      }
      continue;
    }
    if (connected_before || missed) listeners_.Notify(kEverythingChanged);
    missed = false;
    connected_before = true;
    {
      std::lock_guard lock(mutex_);
      ready_ = true;
    }
    listening_.notify_all();
    while (!stop_) {
      pollfd fd{PQsocket(conn->get()), POLLIN, 0};
      if (fd.fd < 0) break;
      if (poll(&fd, 1, 100) < 0) continue;
      if (PQconsumeInput(conn->get()) == 0) break;  // the connection is gone
      while (PGnotify* notice = PQnotifies(conn->get())) {
        std::string topic = notice->extra;
        PQfreemem(notice);
        listeners_.Notify(topic);
      }
      if (PQstatus(conn->get()) != CONNECTION_OK) break;
    }
  }
}

}  // namespace linkway::sql
