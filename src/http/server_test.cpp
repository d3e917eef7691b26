// The HTTP server over a real socket: the body limit, the read deadline for a slow client, and
// targets that are not paths.
#include "http/server.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <thread>

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

// Hardening finding 13: connections were capped by nothing but the file limit.
TEST(ServerCaps, ConnectionsAreCappedPerClientAndInAll) {
  Router router;
  router.Add("GET", "/healthz", [](Request&) { return Response::Json(200, "{}"); });
  ServerOptions options;
  options.port = 0;
  options.max_per_client = 2;
  Server server(options, [&](Request& r) { return router.Handle(r); });
  unsigned short port = server.Start();
  auto a = std::make_unique<Client>("127.0.0.1", port);
  Client b("127.0.0.1", port);
  ASSERT_EQ(a->Send("GET", "/healthz").status, 200);  // both held open (keep-alive)
  ASSERT_EQ(b.Send("GET", "/healthz").status, 200);
  Client third("127.0.0.1", port);
  auto refused = third.Send("GET", "/healthz");
  EXPECT_EQ(refused.status, 503);
  EXPECT_EQ(refused.Header("retry-after"), "5");
  EXPECT_EQ(server.Counts().refused, 1);
  a.reset();  // one goes: its place comes back once the server sees it close
  for (int i = 0; i < 200 && server.Counts().open > 1; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  Client fourth("127.0.0.1", port);
  EXPECT_EQ(fourth.Send("GET", "/healthz").status, 200);
  server.Stop();

  options.max_per_client = 100;
  options.max_connections = 1;
  Server small(options, [&](Request& r) { return router.Handle(r); });
  unsigned short small_port = small.Start();
  Client only("127.0.0.1", small_port);
  ASSERT_EQ(only.Send("GET", "/healthz").status, 200);
  Client over("127.0.0.1", small_port);
  EXPECT_EQ(over.Send("GET", "/healthz").status, 503);
  small.Stop();
}

// Hardening finding 13: with its file handles used up the server spun at 128% CPU.
TEST(ServerCaps, OutOfFileHandlesBacksOffAndRecovers) {
  Router router;
  router.Add("GET", "/healthz", [](Request&) { return Response::Json(200, "{}"); });
  ServerOptions options;
  options.port = 0;
  options.accept_backoff = std::chrono::milliseconds(100);
  Server server(options, [&](Request& r) { return router.Handle(r); });
  unsigned short port = server.Start();
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  // No file handle left for the server's accept: the soft limit at the lowest free handle (a
  // new handle takes the lowest free number, which must be below the limit).
  int lowest_free = dup(0);
  ASSERT_GE(lowest_free, 0);
  close(lowest_free);
  rlimit before{};
  ASSERT_EQ(getrlimit(RLIMIT_NOFILE, &before), 0);
  rlimit tight = before;
  tight.rlim_cur = static_cast<rlim_t>(lowest_free);
  ASSERT_EQ(setrlimit(RLIMIT_NOFILE, &tight), 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
  int connected = connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  std::this_thread::sleep_for(std::chrono::milliseconds(600));
  long errors = server.Counts().accept_errors;
  ASSERT_EQ(setrlimit(RLIMIT_NOFILE, &before), 0);
  ASSERT_EQ(connected, 0);
  EXPECT_GE(errors, 1);
  EXPECT_LE(errors, 50);  // a few tries, one per backoff; spinning would make many thousands
  // Handles back: the waiting connection is served.
  std::string request = "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
  ASSERT_GT(write(fd, request.data(), request.size()), 0);
  timeval tv{5, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  char buf[256] = {};
  auto n = read(fd, buf, sizeof buf - 1);
  close(fd);
  ASSERT_GT(n, 0);
  EXPECT_EQ(std::string(buf).rfind("HTTP/1.1 200", 0), 0u) << buf;
  server.Stop();
}

TEST_F(ServerTest, RejectsBadTargets) {
  Client c("127.0.0.1", port_);
  EXPECT_EQ(c.Send("GET", "http://evil.example/x").status, 400);
  EXPECT_EQ(c.Json("GET", "/healthz").status, 200);
}

}  // namespace
}  // namespace linkway::http
