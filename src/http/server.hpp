// The HTTP server: Boost.Beast on a few I/O threads, handlers on a separate worker pool so
// blocking database work never runs on an I/O thread.
//
// Per connection: a fresh parser per request with a body limit (over it: 413 and close), a
// deadline for reading each request (a client that sends too slowly is cut off; no thread
// waits on it), one request in flight at a time (pipelined requests wait their turn), target
// validation (origin-form only), keep-alive. Thread safety: Start/Stop from one thread.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "http/message.hpp"

namespace linkway::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  unsigned short port = 8080;  // 0: any free port
  int io_threads = 2;
  int worker_threads = 64;  // handlers may block on durable writes; group commit wants many
  std::size_t body_limit = std::size_t{1024} * 1024;
  std::chrono::milliseconds read_timeout{15000};  // for one whole request, headers and body
  std::chrono::milliseconds idle_timeout{60000};  // between keep-alive requests
  bool trust_forwarded_proto = false;             // honour X-Forwarded-Proto from a proxy
  bool access_log = false;                        // method, path, status, ms to stderr
  // Connections open at once: in all (also kept below the process's file limit), and from one
  // client address (not counted behind a trusted proxy, where every connection is the
  // proxy's). One over is closed at once.
  int max_connections = 4096;
  int max_per_client = 128;
  // After accept fails for want of file handles, wait this long before trying again.
  std::chrono::milliseconds accept_backoff{100};
};

// What the server has counted since it started (for tests and the admin pages).
struct ServerCounts {
  long open = 0;           // connections open now
  long refused = 0;        // closed at once: over a cap
  long accept_errors = 0;  // accept failed (out of file handles, say)
};

class Server {
 public:
  using App = std::function<Response(Request&)>;

  Server(ServerOptions options, App app);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds, listens and starts the threads. Returns the bound port. Throws std::runtime_error
  // with a clear message when the address cannot be bound.
  unsigned short Start();
  // Stops accepting, closes connections and joins the threads.
  void Stop();
  ServerCounts Counts() const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

// Splits "host:port"; throws std::invalid_argument with a message on a bad value.
std::pair<std::string, unsigned short> ParseListen(const std::string& listen);

}  // namespace linkway::http
