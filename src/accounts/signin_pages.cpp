// GET/POST /signin and POST /signout.
#include <string>

#include "accounts/accounts.hpp"
#include "auth/secrets.hpp"
#include "core/text.hpp"
#include "http/problem.hpp"
#include "web/form.hpp"
#include "web/pages.hpp"
#include "web/view.hpp"

namespace linkway {
namespace {

using namespace web;  // NOLINT(google-build-using-namespace): the page frame's words

constexpr std::string_view kCsrfCookie = "lw_csrf";
constexpr std::size_t kSignInBodyLimit = 8 * 1024;

std::string Cookie(const http::Request& request, std::string_view name, const std::string& value,
                   bool expire = false) {
  return http::CookieHeader(name, value, request.secure,
                            expire ? std::optional<long long>(0) : std::nullopt);
}

// A double-submit token is 64 hex characters; anything else in the cookie is replaced.
bool LooksLikeToken(const std::string& text) {
  return text.size() == 64 && text.find_first_not_of("0123456789abcdef") == std::string::npos;
}

http::Response SigninForm(const http::Request& request, int status, const std::string& token,
                          const std::string& username, const std::string& next,
                          const FormErrors& errors) {
  View view;
  view.status = status;
  view.title = "Sign in";
  view.body = "signin";
  view.has_errors = !errors.empty();
  view.data.set("csrf", token);
  view.data.set("next", next);
  InputSpec user{.id = "username", .label = "Username", .value = username};
  user.autocomplete = "username";
  user.spellcheck_off = true;
  view.data.set("username", Input(user, errors));
  InputSpec password{.id = "password", .label = "Password", .type = "password"};
  password.autocomplete = "current-password";
  view.data.set("password", Input(password, errors));
  errors.AddTo(view.data);
  http::Response response = RenderPage(request, view);
  response.Set("Set-Cookie", Cookie(request, kCsrfCookie, token));
  return response;
}

class SigninPages {
 public:
  explicit SigninPages(Auth& auth) : auth_(auth) {}

  http::Response Show(http::Request& request) {
    if (request.principal) return http::Response::Redirect("/");
    std::string token = request.Cookie(kCsrfCookie);
    if (!LooksLikeToken(token)) token = RandomHex(32);
    return SigninForm(request, 200, token, "", SafeNext(request.Query("next")), {});
  }

  http::Response Submit(http::Request& request) {
    if (request.body.size() > kSignInBodyLimit) {
      return MessagePage(request, 413, "The form is too large",
                         "A sign-in form is at most 8 KiB. Go back and try again.");
    }
    http::Params form = request.Form();
    std::string token = request.Cookie(kCsrfCookie);
    std::string sent = FormValue(form, "csrf_token");
    if (sent.empty() || !SameSecret(sent, token)) return CsrfFailedPage(request);
    std::string username = FormValue(form, "username");
    std::string password = FormValue(form, "password");
    std::string next = SafeNext(FormValue(form, "next"));
    FormErrors errors;
    if (username.empty()) errors.Add("username", "Enter your username");
    if (password.empty()) errors.Add("password", "Enter your password");
    if (!errors.empty()) return SigninForm(request, 422, token, username, next, errors);

    auto signed_in = auth_.SignIn(username, password, request.client);
    const Status& s = signed_in.status();
    if (s.code() == Code::kUnauthenticated) {
      errors.Add("username", "Enter a correct username and password");
      return SigninForm(request, 422, token, username, next, errors);
    }
    if (s.code() == Code::kInvalid) {
      for (const auto& f : s.fields()) errors.Add(f.field, "The " + f.field + " " + f.message);
      return SigninForm(request, 422, token, Shorten(username, Auth::kMaxUsername), next, errors);
    }
    if (s.code() == Code::kRateLimited || s.code() == Code::kUnavailable) {
      errors.Add("username", s.code() == Code::kRateLimited
                                 ? "Too many failed sign-ins. Wait " +
                                       std::to_string(s.retry_after()) + " seconds, then try again"
                                 : "Too many people are signing in at once. Try again in a few "
                                   "seconds");
      http::Response busy =
          SigninForm(request, http::HttpStatusFor(s.code()), token, username, next, errors);
      busy.Set("Retry-After", std::to_string(s.retry_after()));
      return busy;
    }
    if (!signed_in.ok()) return StatusPage(request, s);
    // A second factor still to come: the code, or setting one up first.
    std::string to = next;
    if (signed_in->stage == SignInStage::kCode) {
      to = "/signin/code?next=" + http::UrlEncode(next);
    } else if (signed_in->stage == SignInStage::kEnrol) {
      to = "/account/second-factor";
    }
    http::Response response = http::Response::Redirect(to);
    // The same cookie as the API's sign-in gives.
    response.Set("Set-Cookie", SessionCookie(signed_in->session_token, request.secure));
    response.Set("Set-Cookie", Cookie(request, kCsrfCookie, "", true));
    return response;
  }

  http::Response SignOut(http::Request& request) {
    if (request.principal) {
      auto form = request.Form();
      auto token = form.find("csrf_token");
      if (token == form.end() || !SameSecret(token->second, request.principal->csrf_token)) {
        return CsrfFailedPage(request);
      }
      // The session must end in the store, or it stays usable for hours: say so when it cannot.
      if (Status s = auth_.SignOut(request.session_token); !s.ok()) {
        return MessagePage(request, http::HttpStatusFor(s.code()), "You are still signed in",
                           "We could not end your session. Try again in a minute. If you are "
                           "on a shared computer, close the browser.");
      }
    }
    http::Response response = http::Response::Redirect("/signin");
    response.Set("Set-Cookie", SessionCookie("", request.secure, true));
    return response;
  }

 private:
  Auth& auth_;
};

}  // namespace

void RegisterSigninPages(http::Router& router, Auth& auth) {
  auto pages = std::make_shared<SigninPages>(auth);
  router.Add("GET", "/signin", [pages](http::Request& r) { return pages->Show(r); });
  router.Add("POST", "/signin", [pages](http::Request& r) { return pages->Submit(r); });
  router.Add("POST", "/signout", [pages](http::Request& r) { return pages->SignOut(r); });
}

}  // namespace linkway
