// The HTTP server over a real socket: the body limit, the read deadline for a slow client, and
// targets that are not paths.
#include "http/server.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "http/problem.hpp"
#include "http/router.hpp"
#include "support/http_client.hpp"

namespace linkway::http {
namespace {

using testing::Client;

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    router_.Add("GET", "/healthz", [](Request&) { return Response::Json(200, "{}"); });
    router_.Add("POST", "/api/v1/referrals", [](Request&) { return Response::Json(201, "{}"); });
    router_.Add("GET", "/api/v1/referrals/{id}",
                [](Request& r) { return Response::Text(200, r.route.at("id")); });
    ServerOptions options;
    options.port = 0;
    options.read_timeout = std::chrono::milliseconds(800);
    server_ = std::make_unique<Server>(options, [this](Request& r) { return router_.Handle(r); });
    port_ = server_->Start();
  }
  void TearDown() override { server_->Stop(); }

  Router router_;
  std::unique_ptr<Server> server_;
  unsigned short port_ = 0;
};

// Hardening finding 12: the path was decoded before routing, so "%2f" made a new segment.
TEST_F(ServerTest, RoutesOnTheRawSegments) {
  Client c("127.0.0.1", port_);
  EXPECT_EQ(c.Send("GET", "/api/v1/referrals/951").body, "951");
  EXPECT_EQ(c.Send("GET", "/api/v1/referrals%2f951").status, 404);
  EXPECT_EQ(c.Send("GET", "/api/v1/referrals%2F951").status, 404);
  EXPECT_EQ(c.Send("GET", "/api%2fv1/referrals/951").status, 404);
  auto inside = c.Send("GET", "/api/v1/referrals/a%2fb");  // decoded within its segment
  EXPECT_EQ(inside.status, 200);
  EXPECT_EQ(inside.body, "a/b");
  EXPECT_EQ(c.Send("GET", "/api/v1/%72eferrals/7").body, "7");  // other escapes still match
}

TEST_F(ServerTest, BodyOverOneMebibyteGets413) {
  Client c("127.0.0.1", port_);
  std::string huge(1024 * 1024 + 10, ' ');
  auto r = c.Json("POST", "/api/v1/referrals", "{" + huge + "}");
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(r.Header("content-type"), "application/problem+json");
}

TEST_F(ServerTest, SlowClientIsCutOff) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port_);
  inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
  ASSERT_EQ(connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  std::string partial = "GET /healthz HTTP/1.1\r\nHost: x\r\n";
  ASSERT_GT(write(fd, partial.data(), partial.size()), 0);
  // Never finish the headers; the server's read deadline (800 ms here) closes the socket.
  char buf[64];
  timeval tv{5, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  auto n = read(fd, buf, sizeof buf);
  EXPECT_EQ(n, 0) << "the server should have closed the connection";
  close(fd);
  // Meanwhile the server still answers others.
  Client c("127.0.0.1", port_);
  EXPECT_EQ(c.Json("GET", "/healthz").status, 200);
}

TEST_F(ServerTest, RejectsBadTargets) {
  Client c("127.0.0.1", port_);
  EXPECT_EQ(c.Send("GET", "http://evil.example/x").status, 400);
  EXPECT_EQ(c.Json("GET", "/healthz").status, 200);
}

}  // namespace
}  // namespace linkway::http
