// Wiring for `linkway serve`: every module's API and pages, and the assets, behind one HTTP
// server. Thread safety: construct and Start from one thread.
#pragma once

#include <filesystem>
#include <memory>

#include "app/system.hpp"
#include "http/api.hpp"
#include "http/server.hpp"
#include "web/pages.hpp"

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
  http::Response Handle(http::Request& request);

  System& system_;
  http::ApiContext api_;
  web::WebContext web_;
  http::Router router_;
  ServeOptions options_;
  std::unique_ptr<http::Server> server_;
};

}  // namespace linkway
