// `linkway serve`: every module's routes (routes.hpp) behind one HTTP server.
// Thread safety: construct and Start from one thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <memory>
#include <mutex>
#include <thread>

#include "app/system.hpp"
#include "http/router.hpp"
#include "http/server.hpp"

namespace linkway {

struct ServeOptions {
  http::ServerOptions server;
  std::filesystem::path assets;
};

class ServerApp {
 public:
  ServerApp(System& system, ServeOptions options);
  ~ServerApp();
  // Serves; every 5 seconds seals the audit trail's new rows into its hash chain, and every
  // 15 minutes reminds or declines connections services have not answered (Casework::Sweep)
  // and purges old sign-in records and drafts. All safe on several instances at once.
  unsigned short Start();
  void Stop();

 private:
  void Housekeeping();
  void Sweep();

  std::chrono::seconds sweep_every_{15 * 60};
  std::chrono::seconds seal_every_{5};
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread housekeeper_;
  System& system_;
  http::Router router_;
  ServeOptions options_;
  std::unique_ptr<http::Server> server_;
};

}  // namespace linkway
