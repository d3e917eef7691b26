#include "app/server_app.hpp"

#include "http/problem.hpp"
#include "web/static_files.hpp"

namespace linkway {

ServerApp::ServerApp(System& system, ServeOptions options)
    : system_(system),
      api_{system.auth, system.referrals, system.organisations},
      web_{system.auth, system.referrals, system.organisations},
      options_(std::move(options)) {
  http::RegisterApi(router_, api_);
  web::RegisterPages(router_, web_);
  router_.SetFallback([this](http::Request& r) {
    if (r.path.rfind("/assets/", 0) == 0) return web::ServeAsset(options_.assets, r);
    if (r.path.rfind("/api/", 0) == 0) return http::Problem(404, "there is nothing at this path");
    return web::NotFoundPage(r);
  });
  server_ = std::make_unique<http::Server>(options_.server,
                                           [this](http::Request& r) { return Handle(r); });
}

ServerApp::~ServerApp() { server_->Stop(); }

http::Response ServerApp::Handle(http::Request& request) {
  if (request.path.rfind("/assets/", 0) == 0) return web::ServeAsset(options_.assets, request);
  return http::Authenticate(request, system_.auth, router_);
}

}  // namespace linkway
