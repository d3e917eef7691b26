// The JSON API under /api/v1: session, referrals, transitions, drafts, signposts, and the
// front door that authenticates every request (session cookie or bearer token) before routing.
// Thread safety: handlers are safe to call concurrently.
#pragma once

#include "auth/auth.hpp"
#include "http/router.hpp"
#include "reference/organisations.hpp"
#include "referrals/referrals.hpp"

namespace linkway::http {

struct ApiContext {
  Auth& auth;
  Referrals& referrals;
  Organisations& organisations;
};

void RegisterApi(Router& router, ApiContext& ctx);

// Resolves who is calling: "Authorization: Bearer <token>" or the lw_session cookie. An API
// request with a bad bearer token gets 401 at once; pages just see no principal. Errors from
// the store (database down) become 503. Then routes.
Response Authenticate(Request& request, Auth& auth, const Router& router);

// The cookie that carries a session token.
inline constexpr std::string_view kSessionCookie = "lw_session";

// The Set-Cookie value for a session; Secure when the request came over TLS.
std::string SessionCookie(const std::string& token, bool secure, bool clear = false);

}  // namespace linkway::http
