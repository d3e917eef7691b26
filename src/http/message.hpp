// Request and Response as the router and handlers see them: plain structs, no Beast types, so
// handlers and their tests compile without Beast. The server (server.cpp) converts at the edge.
// Thread safety: plain values.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/people.hpp"
#include "core/status.hpp"

namespace linkway::http {

struct CaseInsensitiveLess {
  bool operator()(std::string_view a, std::string_view b) const;
  using is_transparent = void;
};

using Headers = std::map<std::string, std::string, CaseInsensitiveLess>;
using Params = std::multimap<std::string, std::string, std::less<>>;

struct Request {
  std::string method;    // "GET", "POST", ...
  std::string target;    // as sent: path and query
  std::string path;      // percent-decoded path
  std::string raw_path;  // the path as sent, still encoded; the router splits this one
  Params query;          // decoded query parameters
  Headers headers;
  std::string body;
  std::map<std::string, std::string, std::less<>> route;  // {id} and friends from the router
  bool secure = false;  // TLS at this hop or X-Forwarded-Proto: https from a trusted proxy
  std::string client;   // the peer's address (a trusted proxy's X-Forwarded-For); "" in tests

  // Set by the authentication middleware.
  std::optional<Principal> principal;
  std::string session_token;

  std::string Header(std::string_view name) const;
  std::string Query(std::string_view name) const;  // first value, or ""
  std::string Cookie(std::string_view name) const;
  // application/x-www-form-urlencoded body, decoded.
  Params Form() const;
};

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  Response& Set(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
    return *this;
  }
  std::string Header(std::string_view name) const;

  static Response Json(int status, std::string body);
  static Response Html(int status, std::string body);
  static Response Text(int status, std::string body);
  static Response Redirect(std::string location);  // 303 See Other
};

// A Set-Cookie value: HttpOnly, SameSite=Lax, Path=/, and Secure when `secure`; Max-Age when
// given (0 removes the cookie), else the cookie lasts as long as the browser session.
std::string CookieHeader(std::string_view name, std::string_view value, bool secure,
                         std::optional<long long> max_age = std::nullopt);

// ?page= for an API list: 1 when absent; kInvalid naming the field for anything but a whole
// number from 1 (the caller answers 400).
Result<int> PageNumber(std::string_view text);

// Decodes "a=1&b=x+y" into a multimap; '+' is a space.
Params ParseUrlEncoded(std::string_view text);
std::string UrlEncode(std::string_view text);
// Escapes for HTML text and attribute values.
std::string HtmlEscape(std::string_view text);

}  // namespace linkway::http
