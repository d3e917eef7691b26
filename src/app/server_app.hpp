// `linkway serve`: every module's routes (routes.hpp) behind one HTTP server.
// Thread safety: construct and Start from one thread.
#pragma once

#include <filesystem>
#include <memory>

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
  unsigned short Start() { return server_->Start(); }
  void Stop() { server_->Stop(); }

 private:
  System& system_;
  http::Router router_;
  ServeOptions options_;
  std::unique_ptr<http::Server> server_;
};

}  // namespace linkway
