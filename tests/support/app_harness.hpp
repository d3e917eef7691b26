// The whole app as `linkway serve` wires it (app/routes.hpp), over a test world: through the
// router and front door without a socket (Pages), or over a real socket (ApiServer).
// Thread safety: as the objects it holds; a test uses one from its own thread.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "app/routes.hpp"
#include "http/router.hpp"
#include "http/server.hpp"
#include "support/http_client.hpp"
#include "support/test_world.hpp"

namespace linkway::testing {

// Every route of the app, over `world`.
struct AppRouter {
  explicit AppRouter(TestWorld& world);
  http::Response Handle(http::Request& request) {
    return linkway::Handle(request, *world.system, router, "");
  }
  TestWorld& world;
  http::Router router;
};

using Fields = std::vector<std::pair<std::string, std::string>>;
// "a=1&b=x+y" for a form post.
std::string Encode(const Fields& fields);

// Pages through the router, as a browser would send them.
class PagesTest : public ::testing::Test {
 protected:
  struct Session {
    std::string cookie;
    std::string csrf;
  };
  http::Response Send(const std::string& method, const std::string& target,
                      const std::string& cookie = "", const std::string& body = "");
  Session SignIn(const std::string& user);

  TestWorld w_;
  AppRouter app_{w_};
};

// The API over a real socket, with an 800 ms read deadline.
class ApiServer : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override { server_->Stop(); }
  // A client signed in as `user` through POST /api/v1/session.
  std::unique_ptr<Client> As(const std::string& user);

  TestWorld w_;
  AppRouter app_{w_};
  std::unique_ptr<http::Server> server_;
  unsigned short port_ = 0;
};

}  // namespace linkway::testing
