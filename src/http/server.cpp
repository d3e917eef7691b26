#include "http/server.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/url/parse.hpp>

#include <sys/resource.h>

#include <algorithm>
#include <array>
#include <iostream>
#include <map>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>
#include <vector>

#include "http/problem.hpp"

namespace linkway::http {
namespace {

// The path as logged: a one-time secret in it (a password reset link) is left out.
std::string LoggedPath(const std::string& path) {
  if (path.rfind("/reset-password/", 0) == 0) return "/reset-password/...";
  return path;
}

namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;

// Headers every response carries: no sniffing, no framing, no referrer (a draft link's token
// must not leak), and a strict content policy; pages and API answers are never cached. Behind
// TLS, browsers are told to use nothing else for a year (HSTS).
void AddStandardHeaders(Response& r, bool is_asset, bool secure) {
  if (secure) r.Set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  r.Set("X-Content-Type-Options", "nosniff");
  r.Set("X-Frame-Options", "DENY");
  r.Set("Referrer-Policy", "no-referrer");
  r.Set("Content-Security-Policy",
        "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'");
  if (r.Header("Cache-Control").empty()) {
    r.Set("Cache-Control", is_asset ? "public, max-age=3600" : "no-store");
  }
}

// Origin-form targets only ("/path?query"); nullopt for anything else.
std::optional<Request> Convert(bhttp::request<bhttp::string_body>& in, bool trust_proto) {
  auto parsed = boost::urls::parse_origin_form(std::string_view(in.target()));
  if (!parsed) return std::nullopt;
  Request r;
  r.method = std::string(in.method_string());
  r.target = std::string(in.target());
  r.path = parsed->path();
  r.raw_path = parsed->encoded_path();
  if (r.path.empty() || r.path.front() != '/' || r.path.find('\0') != std::string::npos) {
    return std::nullopt;
  }
  r.query = ParseUrlEncoded(parsed->encoded_query());
  for (const auto& field : in) {
    std::string name(field.name_string());
    auto [it, inserted] = r.headers.emplace(name, std::string(field.value()));
    if (!inserted)
      it->second +=
          (name == "Cookie" || name == "cookie" ? "; " : ", ") + std::string(field.value());
  }
  r.body = std::move(in.body());
  r.secure = trust_proto && r.Header("X-Forwarded-Proto") == "https";
  return r;
}

// Open connections, in all and per client address. A Slot holds one place until the
// connection ends.
class Connections {
 public:
  Connections(int total, int per_client) : total_(total), per_client_(per_client) {}

  class Slot {
   public:
    Slot(Connections& owner, std::string client) : owner_(owner), client_(std::move(client)) {}
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;
    ~Slot() { owner_.Leave(client_); }

   private:
    Connections& owner_;
    std::string client_;
  };

  // A place for a connection from `client` ("" when not counted per client), or null.
  std::unique_ptr<Slot> Enter(const std::string& client) {
    std::lock_guard lock(mutex_);
    if (open_ >= total_ || (!client.empty() && by_client_[client] >= per_client_)) {
      if (!client.empty() && by_client_[client] == 0) by_client_.erase(client);
      ++refused_;
      return nullptr;
    }
    ++open_;
    if (!client.empty()) ++by_client_[client];
    return std::make_unique<Slot>(*this, client);
  }

  void CountAcceptError() {
    std::lock_guard lock(mutex_);
    ++accept_errors_;
  }

  ServerCounts Counts() {
    std::lock_guard lock(mutex_);
    return {open_, refused_, accept_errors_};
  }

 private:
  void Leave(const std::string& client) {
    std::lock_guard lock(mutex_);
    --open_;
    if (!client.empty() && --by_client_[client] <= 0) by_client_.erase(client);
  }

  const long total_;
  const long per_client_;
  std::mutex mutex_;
  std::map<std::string, long> by_client_;
  long open_ = 0;
  long refused_ = 0;
  long accept_errors_ = 0;
};

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket&& socket, const ServerOptions& options, const Server::App& app,
          net::thread_pool& workers, std::unique_ptr<Connections::Slot> slot)
      : stream_(std::move(socket)),
        options_(options),
        app_(app),
        workers_(workers),
        slot_(std::move(slot)) {}

  void Run() {
    net::dispatch(stream_.get_executor(),
                  beast::bind_front_handler(&Session::DoRead, shared_from_this()));
  }

 private:
  void DoRead() {
    parser_.emplace();
    parser_->body_limit(options_.body_limit);
    parser_->header_limit(16 * 1024);
    stream_.expires_after(options_.read_timeout);
    bhttp::async_read(stream_, buffer_, *parser_,
                      beast::bind_front_handler(&Session::OnRead, shared_from_this()));
  }

  void OnRead(beast::error_code ec, std::size_t /*bytes*/) {
    if (ec == bhttp::error::end_of_stream) return DoClose();
    if (ec == bhttp::error::body_limit) {
      return Send(Problem(Status(Code::kTooLarge, "the request body is over the 1 MiB limit")),
                  false);
    }
    if (ec == beast::error::timeout || ec == net::error::operation_aborted) return;
    if (ec) {
      if (ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category()) {
        return Send(Problem(400, "the request is not valid HTTP"), false);
      }
      return;  // the peer went away
    }
    auto message = parser_->release();
    bool keep_alive = message.keep_alive();
    auto request = Convert(message, options_.trust_forwarded_proto);
    if (!request) return Send(Problem(400, "the request target is not a valid path"), false);
    boost::system::error_code peer_error;
    auto peer = stream_.socket().remote_endpoint(peer_error);
    if (!peer_error) request->client = peer.address().to_string();
    if (options_.trust_forwarded_proto) {
      // Behind a trusted proxy: the address it saw, the last hop of X-Forwarded-For.
      std::string forwarded = request->Header("X-Forwarded-For");
      auto comma = forwarded.rfind(',');
      std::string last = comma == std::string::npos ? forwarded : forwarded.substr(comma + 1);
      while (!last.empty() && last.front() == ' ') last.erase(0, 1);
      if (!last.empty() && last.size() <= 45) request->client = last;
    }
    stream_.expires_never();  // the handler's time is not the client's
    auto started = Clock::now();
    net::post(workers_, [self = shared_from_this(), request = std::move(*request), keep_alive,
                         started]() mutable {
      Response response;
      try {
        response = self->app_(request);
      } catch (const std::exception& e) {
        std::cerr << "linkway: handler failed on " << request.method << " "
                  << LoggedPath(request.path) << ": " << e.what() << "\n";
        response = Problem(Status::Internal(e.what()));
      }
      if (self->options_.access_log) {
        auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started);
        std::cerr << request.method << " " << LoggedPath(request.path) << " " << response.status
                  << " " << ms.count() << "ms\n";
      }
      bool is_asset = request.path.rfind("/assets/", 0) == 0;
      AddStandardHeaders(response, is_asset, request.secure);
      if (request.method == "HEAD") response.body.clear();
      net::post(self->stream_.get_executor(),
                [self, response = std::move(response), keep_alive]() mutable {
                  self->Send(std::move(response), keep_alive);
                });
    });
  }

  void Send(Response response, bool keep_alive) {
    auto message = std::make_shared<bhttp::response<bhttp::string_body>>(
        static_cast<bhttp::status>(response.status), 11);
    for (auto& [name, value] : response.headers) message->insert(name, value);
    message->set(bhttp::field::server, "Linkway");
    message->body() = std::move(response.body);
    message->keep_alive(keep_alive);
    message->prepare_payload();
    stream_.expires_after(options_.read_timeout);
    bhttp::async_write(stream_, *message,
                       [self = shared_from_this(), message](beast::error_code ec, std::size_t) {
                         if (ec) return;
                         if (!message->keep_alive()) return self->DoClose();
                         self->DoRead();
                       });
  }

  // A lingering close: stop sending, then read and drop what the client is still sending
  // (for a while, up to a limit), so that closing does not reset the connection before the
  // client has read the response (a 413 sent while the body is still arriving, say).
  void DoClose() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.expires_after(std::chrono::seconds(2));
    Drain();
  }

  void Drain() {
    stream_.async_read_some(net::buffer(drain_),
                            [self = shared_from_this()](beast::error_code ec, std::size_t bytes) {
                              self->drained_ += bytes;
                              if (ec || self->drained_ > kDrainLimit) return;
                              self->Drain();
                            });
  }

  static constexpr std::size_t kDrainLimit = std::size_t{8} * 1024 * 1024;
  std::array<char, std::size_t{16} * 1024> drain_{};
  std::size_t drained_ = 0;

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  const ServerOptions& options_;
  const Server::App& app_;
  net::thread_pool& workers_;
  std::unique_ptr<Connections::Slot> slot_;  // the connection's place, given back at the end
};

// The total cap kept below the process's file limit, with room for the database and files.
int TotalCap(int wanted) {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY) return wanted;
  long room = static_cast<long>(limit.rlim_cur) - 64;
  return static_cast<int>(std::min<long>(wanted, std::max(16L, room)));
}

}  // namespace

class Server::Impl {
 public:
  Impl(ServerOptions options, App app)
      : options_(std::move(options)),
        app_(std::move(app)),
        connections_(TotalCap(options_.max_connections), options_.max_per_client),
        ioc_(options_.io_threads),
        workers_(static_cast<std::size_t>(options_.worker_threads)),
        acceptor_(net::make_strand(ioc_)),
        backoff_(acceptor_.get_executor()) {}

  ServerCounts Counts() { return connections_.Counts(); }

  unsigned short Start() {
    beast::error_code ec;
    auto address = net::ip::make_address(options_.host, ec);
    if (ec) throw std::runtime_error("cannot listen on '" + options_.host + "': not an IP address");
    tcp::endpoint endpoint(address, options_.port);
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec) acceptor_.set_option(net::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(endpoint, ec);
    if (!ec) acceptor_.listen(net::socket_base::max_listen_connections, ec);
    if (ec) {
      throw std::runtime_error("cannot listen on " + options_.host + ":" +
                               std::to_string(options_.port) + ": " + ec.message());
    }
    DoAccept();
    for (int i = 0; i < options_.io_threads; ++i) threads_.emplace_back([this] { ioc_.run(); });
    return acceptor_.local_endpoint().port();
  }

  void Stop() {
    if (stopped_) return;
    stopped_ = true;
    net::post(acceptor_.get_executor(), [this] {
      beast::error_code ec;
      acceptor_.close(ec);
      backoff_.cancel();
    });
    workers_.join();
    ioc_.stop();
    for (auto& t : threads_) t.join();
    threads_.clear();
  }

 private:
  void DoAccept() {
    acceptor_.async_accept(net::make_strand(ioc_),
                           [this](beast::error_code ec, tcp::socket socket) {
                             if (!acceptor_.is_open()) return;
                             if (ec) {
                               connections_.CountAcceptError();
                               // Out of file handles: try again after a pause rather than at once,
                               // which would spin until a connection ends.
                               backoff_.expires_after(options_.accept_backoff);
                               backoff_.async_wait([this](beast::error_code) {
                                 if (acceptor_.is_open()) DoAccept();
                               });
                               return;
                             }
                             Admit(std::move(socket));
                             DoAccept();
                           });
  }

  void Admit(tcp::socket socket) {
    std::string client;
    if (!options_.trust_forwarded_proto) {
      beast::error_code peer_error;
      auto peer = socket.remote_endpoint(peer_error);
      if (peer_error) return;  // gone already
      client = peer.address().to_string();
    }
    auto slot = connections_.Enter(client);
    if (!slot) {
      // Over a cap: say so if the socket will take it at once, and close.
      static constexpr std::string_view kBusy =
          "HTTP/1.1 503 Service Unavailable\r\nRetry-After: 5\r\nContent-Length: 0\r\n"
          "Connection: close\r\n\r\n";
      beast::error_code ignored;
      socket.non_blocking(true, ignored);
      socket.write_some(net::buffer(kBusy.data(), kBusy.size()), ignored);
      socket.close(ignored);
      return;
    }
    std::make_shared<Session>(std::move(socket), options_, app_, workers_, std::move(slot))->Run();
  }

  ServerOptions options_;
  App app_;
  // Before the I/O context: handlers it still holds when it goes give their places back here.
  Connections connections_;
  net::io_context ioc_;
  net::thread_pool workers_;
  tcp::acceptor acceptor_;
  net::steady_timer backoff_;
  std::vector<std::thread> threads_;
  bool stopped_ = false;
};

Server::Server(ServerOptions options, App app)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(app))) {}

Server::~Server() {
  try {
    impl_->Stop();
  } catch (const std::exception& e) {
    std::cerr << "linkway: stopping the server failed: " << e.what() << "\n";
  }
}

unsigned short Server::Start() { return impl_->Start(); }

void Server::Stop() { impl_->Stop(); }

ServerCounts Server::Counts() const { return impl_->Counts(); }

std::pair<std::string, unsigned short> ParseListen(const std::string& listen) {
  auto colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == listen.size()) {
    throw std::invalid_argument("--listen must be HOST:PORT, like 127.0.0.1:8080");
  }
  std::string host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  int port = 0;
  for (char c : listen.substr(colon + 1)) {
    if (c < '0' || c > '9') throw std::invalid_argument("--listen: the port must be a number");
    port = port * 10 + (c - '0');
    if (port > 65535) throw std::invalid_argument("--listen: the port must be at most 65535");
  }
  return {host, static_cast<unsigned short>(port)};
}

}  // namespace linkway::http
