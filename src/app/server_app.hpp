// Wiring for `linkway serve`: the store, auth, casework, the API, the pages and the assets,
// behind one HTTP server. Thread safety: construct and Start from one thread.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "auth/auth.hpp"
#include "core/codes.hpp"
#include "http/api.hpp"
#include "http/server.hpp"
#include "service/casework.hpp"
#include "store/store.hpp"
#include "web/pages.hpp"

namespace linkway {

struct ServeOptions {
  http::ServerOptions server;
  std::filesystem::path assets;
};

class ServerApp {
 public:
  ServerApp(Store& store, const CodeTable& codes, const Clock& clock, ServeOptions options);
  ~ServerApp();
  unsigned short Start() { return server_->Start(); }
  void Stop() { server_->Stop(); }

 private:
  http::Response Handle(http::Request& request);

  Auth auth_;
  Casework casework_;
  http::ApiContext api_;
  web::WebContext web_;
  http::Router router_;
  ServeOptions options_;
  std::unique_ptr<http::Server> server_;
};

}  // namespace linkway
