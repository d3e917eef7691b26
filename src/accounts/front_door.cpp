#include "accounts/accounts.hpp"
#include "core/text.hpp"
#include "http/problem.hpp"

namespace linkway {

std::string SessionCookie(const std::string& token, bool secure, bool clear) {
  return http::CookieHeader(kSessionCookie, token, secure, clear ? 0 : Auth::kSessionLifetime);
}

namespace {

bool IsWrite(std::string_view method) {
  return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

// The Origin header names this site (scheme and Host as the request reached us).
bool SameOrigin(const http::Request& request) {
  std::string origin = request.Header("Origin");
  std::string host = request.Header("Host");
  if (origin.empty() || host.empty()) return false;
  return origin == (request.secure ? "https://" : "http://") + host;
}

}  // namespace

http::Response Authenticate(http::Request& request, Auth& auth, const http::Router& router) {
  std::string authorization = request.Header("Authorization");
  if (!authorization.empty()) {
    if (authorization.rfind("Bearer ", 0) != 0) {
      return http::Problem(Status::Unauthenticated("use Authorization: Bearer <token>"));
    }
    auto principal = auth.FromBearer(authorization.substr(7));
    if (!principal.ok()) return http::Problem(principal.status());
    request.principal = std::move(principal).value();
  } else if (std::string token = request.Cookie(kSessionCookie); !token.empty()) {
    auto principal = auth.FromSession(token);
    if (principal.ok()) {
      // A write to the API on the strength of a cookie alone could come from another site's
      // page: it must carry the session's CSRF token, or come from a page of this site. (The
      // pages' forms check their own token field.)
      if (IsWrite(request.method) && request.path.rfind("/api/", 0) == 0) {
        std::string sent = request.Header("X-CSRF-Token");
        bool token_ok = !sent.empty() && SameSecret(sent, principal->csrf_token);
        if (!token_ok && !SameOrigin(request)) {
          return http::Problem(Status::Forbidden(
              "a write signed in by cookie needs the X-CSRF-Token header from sign-in, or an "
              "Origin header of this site"));
        }
      }
      request.principal = std::move(principal).value();
      request.session_token = token;
    } else if (principal.status().code() == Code::kUnavailable) {
      return http::Problem(principal.status());
    }
  }
  return router.Handle(request);
}

}  // namespace linkway
