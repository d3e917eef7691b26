// A small blocking HTTP/1.1 client over a real socket, for tests and benchmarks. One
// keep-alive connection per client; reconnects when the server closed it.
// Thread safety: one Client per thread.
#pragma once

#include <map>
#include <memory>
#include <string>

namespace linkway::testing {

struct HttpResult {
  int status = 0;                              // 0 when the connection failed
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;
  std::string Header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? "" : it->second;
  }
};

class Client {
 public:
  Client(std::string host, unsigned short port);
  ~Client();
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  // Extra headers as "Name: value" lines joined by "\r\n" is awkward; use a map.
  HttpResult Send(const std::string& method, const std::string& target,
                  const std::string& body = "",
                  const std::map<std::string, std::string>& headers = {});
  // Sends JSON with the bearer token or session cookie set on this client.
  HttpResult Json(const std::string& method, const std::string& target,
                  const std::string& body = "", std::map<std::string, std::string> headers = {});

  void SetBearer(std::string token) { bearer_ = std::move(token); }
  void SetCookie(std::string cookie) { cookie_ = std::move(cookie); }
  // Sent as X-CSRF-Token with Json(): a write signed in by cookie needs it.
  void SetCsrf(std::string token) { csrf_ = std::move(token); }

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
  std::string bearer_;
  std::string cookie_;
  std::string csrf_;
};

// The "name=value" part of a Set-Cookie header.
std::string CookiePair(const std::string& set_cookie);

}  // namespace linkway::testing
