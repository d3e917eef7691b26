#include "app/server_app.hpp"

#include "http/problem.hpp"
#include "web/static_files.hpp"

namespace linkway {

ServerApp::ServerApp(Store& store, const CodeTable& codes, const Clock& clock, ServeOptions options)
    : auth_(store, clock),
      casework_(store, clock, codes),
      api_{store, auth_, casework_},
      web_{store, auth_, casework_},
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
  return http::Authenticate(request, auth_, router_);
}

}  // namespace linkway
