#include "app/server_app.hpp"

#include "app/routes.hpp"

namespace linkway {

ServerApp::ServerApp(System& system, ServeOptions options)
    : system_(system), options_(std::move(options)) {
  RegisterRoutes(router_, system_, options_.assets);
  server_ = std::make_unique<http::Server>(options_.server, [this](http::Request& r) {
    return Handle(r, system_, router_, options_.assets);
  });
}

ServerApp::~ServerApp() { server_->Stop(); }

}  // namespace linkway
