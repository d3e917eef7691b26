// The accounts module: signing in and out, on pages and through the API, and the front door
// that says who is calling before any route runs. `app` puts it in front of the router.
// Thread safety: register before serving; Authenticate from any thread.
#pragma once

#include <string>
#include <string_view>

#include "auth/auth.hpp"
#include "http/message.hpp"
#include "http/router.hpp"

namespace linkway {

// The cookie that carries a session token.
inline constexpr std::string_view kSessionCookie = "lw_session";

// The Set-Cookie value for a session; Secure when the request came over TLS; `clear` removes it.
std::string SessionCookie(const std::string& token, bool secure, bool clear = false);

// Resolves who is calling: "Authorization: Bearer <token>" or the session cookie. An API
// request with a bad bearer token gets 401 at once; a page just sees no principal. A database
// that cannot answer gives 503. Then routes.
http::Response Authenticate(http::Request& request, Auth& auth, const http::Router& router);

// GET/POST /signin, POST /signout, POST and DELETE /api/v1/session.
void RegisterAccounts(http::Router& router, Auth& auth);

}  // namespace linkway
