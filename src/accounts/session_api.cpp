// POST /api/v1/session signs in with a username and password; DELETE ends the session.
#include <boost/json.hpp>

#include "accounts/accounts.hpp"
#include "http/guard.hpp"
#include "http/problem.hpp"

namespace linkway {
namespace {

namespace json = boost::json;

http::Response SignIn(Auth& auth, const http::Request& r, const json::object& body) {
  const auto* username = body.if_contains("username");
  const auto* password = body.if_contains("password");
  if (username == nullptr || password == nullptr || !username->is_string() ||
      !password->is_string()) {
    return http::Problem(Status::Invalid("give username and password as strings"), 400);
  }
  const auto* code = body.if_contains("code");
  if (code != nullptr && !code->is_string()) {
    return http::Problem(Status::Invalid("give the code as a string"), 400);
  }
  auto signed_in = auth.SignIn(username->get_string(), password->get_string(), r.client);
  if (!signed_in.ok()) return http::Problem(signed_in.status());
  // The second factor comes in the same request, as "code".
  if (signed_in->stage == SignInStage::kEnrol) {
    (void)auth.SignOut(signed_in->session_token);
    return http::Problem(Status::Forbidden(
        "this account needs a second factor: sign in on the web once to set one up"));
  }
  if (signed_in->stage == SignInStage::kCode) {
    std::string pending = signed_in->session_token;
    if (code == nullptr) {
      (void)auth.SignOut(pending);
      return http::Problem(Status::Unauthenticated(
          "this account has a second factor: send the code from the authenticator as \"code\""));
    }
    signed_in = auth.CompleteSignIn(pending, code->get_string(), r.client);
    if (!signed_in.ok()) {
      (void)auth.SignOut(pending);
      return http::Problem(signed_in.status());
    }
  }
  const Principal& p = signed_in->principal;
  http::Response out =
      http::Response::Json(200, json::serialize(json::object{{"username", p.username},
                                                             {"name", p.display_name},
                                                             {"role", ToString(p.role)},
                                                             {"organisation", p.org_code},
                                                             {"csrf_token", p.csrf_token}}));
  out.Set("Set-Cookie", SessionCookie(signed_in->session_token, r.secure));
  return out;
}

http::Response SignOut(Auth& auth, const http::Request& r) {
  // The session must end in the store: a cookie cleared while the session lives on would
  // leave it usable for hours, so a failure is reported, not ignored.
  if (!r.session_token.empty()) {
    if (Status s = auth.SignOut(r.session_token); !s.ok()) return http::Problem(s);
  }
  http::Response out{204, {}, ""};
  out.Set("Set-Cookie", SessionCookie("", r.secure, true));
  return out;
}

}  // namespace

void RegisterSessionApi(http::Router& router, Auth& auth) {
  router.Add("POST", "/api/v1/session",
             http::GuardJson(
                 {.signed_in = false, .body_limit = 8 * 1024},
                 [&auth](http::Request& r, const json::object& b) { return SignIn(auth, r, b); }));
  router.Add("DELETE", "/api/v1/session", [&auth](http::Request& r) { return SignOut(auth, r); });
}

}  // namespace linkway
