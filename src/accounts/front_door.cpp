#include "accounts/accounts.hpp"
#include "http/problem.hpp"

namespace linkway {

std::string SessionCookie(const std::string& token, bool secure, bool clear) {
  return http::CookieHeader(kSessionCookie, token, secure, clear ? 0 : Auth::kSessionLifetime);
}

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
      request.principal = std::move(principal).value();
      request.session_token = token;
    } else if (principal.status().code() == Code::kUnavailable) {
      return http::Problem(principal.status());
    }
  }
  return router.Handle(request);
}

}  // namespace linkway
