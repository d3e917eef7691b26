// The second factor on the web: GET/POST /signin/code (a code after the password), GET/POST
// /account/second-factor (setting one up: a QR code drawn on the server, then recovery codes),
// and GET/POST /reset-password/{token} (a one-time link an administrator made).
#include <string>

#include "accounts/accounts.hpp"
#include "auth/secrets.hpp"
#include "core/text.hpp"
#include "http/problem.hpp"
#include "web/form.hpp"
#include "web/pages.hpp"
#include "web/qr_svg.hpp"
#include "web/view.hpp"

namespace linkway {
namespace {

using namespace web;  // NOLINT(google-build-using-namespace): the page frame's words

constexpr std::size_t kFormLimit = 8 * 1024;

// "ABCD EFGH ..." : a secret easier to type.
std::string Spaced(const std::string& secret) {
  std::string out;
  for (std::size_t i = 0; i < secret.size(); ++i) {
    if (i > 0 && i % 4 == 0) out += ' ';
    out += secret[i];
  }
  return out;
}

InputSpec CodeInput() {
  InputSpec code{.id = "code", .label = "Code", .width = "10"};
  code.autocomplete = "one-time-code";
  code.inputmode = "numeric";
  code.spellcheck_off = true;
  return code;
}

class SecondFactorPages {
 public:
  explicit SecondFactorPages(Auth& auth) : auth_(auth) {}

  // A sign-in waiting for its code.
  http::Response ShowCode(http::Request& request) {
    auto pending = auth_.Pending(request.Cookie(kSessionCookie));
    if (!pending.ok() || pending->stage != SignInStage::kCode) return Restart(request);
    return CodeForm(request, 200, *pending, SafeNext(request.Query("next")), {});
  }

  http::Response SubmitCode(http::Request& request) {
    if (request.body.size() > kFormLimit) return TooLarge(request);
    auto pending = auth_.Pending(request.Cookie(kSessionCookie));
    if (!pending.ok() || pending->stage != SignInStage::kCode) return Restart(request);
    http::Params form = request.Form();
    std::string sent = FormValue(form, "csrf_token");
    if (sent.empty() || !SameSecret(sent, pending->principal.csrf_token)) {
      return CsrfFailedPage(request);
    }
    std::string next = SafeNext(FormValue(form, "next"));
    std::string code = FormValue(form, "code");
    FormErrors errors;
    if (code.empty()) {
      errors.Add("code", "Enter the code from your authenticator app");
      return CodeForm(request, 422, *pending, next, errors);
    }
    auto done = auth_.CompleteSignIn(request.Cookie(kSessionCookie), code, request.client);
    const Status& s = done.status();
    if (s.code() == Code::kUnauthenticated || s.code() == Code::kInvalid) {
      if (!auth_.Pending(request.Cookie(kSessionCookie)).ok()) return Restart(request);
      errors.Add("code", "Enter the code your app shows now, or an unused recovery code");
      return CodeForm(request, 422, *pending, next, errors);
    }
    if (s.code() == Code::kRateLimited) {
      errors.Add("code", "Too many wrong codes. Wait " + std::to_string(s.retry_after()) +
                             " seconds, then try again");
      http::Response slow = CodeForm(request, 429, *pending, next, errors);
      slow.Set("Retry-After", std::to_string(s.retry_after()));
      return slow;
    }
    if (!done.ok()) return StatusPage(request, s);
    http::Response response = http::Response::Redirect(next);
    response.Set("Set-Cookie", SessionCookie(done->session_token, request.secure));
    return response;
  }

  // Setting up a factor: for a sign-in that must, or for a signed-in user who chooses to.
  http::Response ShowEnrol(http::Request& request) {
    auto who = Who(request);
    if (!who) return Restart(request);
    auto user = auth_.PrincipalUser(who->principal.user_id);
    if (!user.ok()) return StatusPage(request, user.status());
    if (user->has_second_factor) {
      if (!request.principal) return Restart(request);
      View view;
      view.title = "Your second factor";
      view.body = "second_factor_status";
      auto left = auth_.RecoveryCodesLeft(user->id);
      view.data.set("codes_left", std::to_string(left.ok() ? *left : 0));
      return RenderPage(request, view);
    }
    return EnrolForm(request, 200, *who, {});
  }

  http::Response SubmitEnrol(http::Request& request) {
    if (request.body.size() > kFormLimit) return TooLarge(request);
    auto who = Who(request);
    if (!who) return Restart(request);
    http::Params form = request.Form();
    std::string sent = FormValue(form, "csrf_token");
    if (sent.empty() || !SameSecret(sent, who->principal.csrf_token)) {
      return CsrfFailedPage(request);
    }
    std::string code = FormValue(form, "code");
    FormErrors errors;
    if (code.empty()) {
      errors.Add("code", "Enter the 6-digit code your app shows");
      return EnrolForm(request, 422, *who, errors);
    }
    auto codes = auth_.ConfirmEnrolment(who->principal.user_id, code);
    if (codes.status().code() == Code::kInvalid) {
      errors.Add("code", "The code is not right: enter the 6 digits your app shows now");
      return EnrolForm(request, 422, *who, errors);
    }
    if (!codes.ok()) return StatusPage(request, codes.status());
    View view;
    view.title = "Your second factor is set up";
    view.body = "second_factor_codes";
    Data list = web::List();
    for (const auto& c : *codes) list.push_back(Data(c));
    view.data.set("codes", list);
    view.data.set("next", "/");
    if (request.principal) return RenderPage(request, view);
    // A sign-in that had to set one up is now complete.
    auto done = auth_.FinishEnrolment(request.Cookie(kSessionCookie));
    if (!done.ok()) return StatusPage(request, done.status());
    request.principal = done->principal;
    http::Response response = RenderPage(request, view);
    response.Set("Set-Cookie", SessionCookie(done->session_token, request.secure));
    return response;
  }

  http::Response ShowReset(http::Request& request) {
    auto user = auth_.PasswordResetUser(request.route["token"]);
    if (!user.ok()) return Expired(request);
    return ResetForm(request, 200, *user, {});
  }

  http::Response SubmitReset(http::Request& request) {
    if (request.body.size() > kFormLimit) return TooLarge(request);
    // The link's secret is the form's protection: whoever has it could use it directly.
    const std::string& token = request.route["token"];
    auto user = auth_.PasswordResetUser(token);
    if (!user.ok()) return Expired(request);
    std::string password = FormValue(request.Form(), "password");
    FormErrors errors;
    if (password.empty()) {
      errors.Add("password", "Enter a new password");
      return ResetForm(request, 422, *user, errors);
    }
    Status s = auth_.ResetPassword(token, password);
    if (s.code() == Code::kInvalid) {
      for (const auto& f : s.fields()) errors.Add("password", "The password " + f.message);
      return ResetForm(request, 422, *user, errors);
    }
    if (s.code() == Code::kNotFound) return Expired(request);
    if (!s.ok()) return StatusPage(request, s);
    return MessagePage(request, 200, "Your password is set",
                       "Sign in with your username and the new password.", "/signin", "Sign in");
  }

 private:
  // Who is setting up a factor: a signed-in user, or a sign-in waiting at kEnrol.
  std::optional<SignedIn> Who(const http::Request& request) {
    if (request.principal) return SignedIn{request.session_token, *request.principal};
    auto pending = auth_.Pending(request.Cookie(kSessionCookie));
    if (!pending.ok() || pending->stage != SignInStage::kEnrol) return std::nullopt;
    return std::move(pending).value();
  }

  http::Response CodeForm(const http::Request& request, int status, const SignedIn& pending,
                          const std::string& next, const FormErrors& errors) {
    View view;
    view.status = status;
    view.title = "Enter your code";
    view.body = "second_factor_code";
    view.has_errors = !errors.empty();
    view.data.set("csrf", pending.principal.csrf_token);
    view.data.set("next", next);
    view.data.set("code", Input(CodeInput(), errors));
    errors.AddTo(view.data);
    return RenderPage(request, view);
  }

  http::Response EnrolForm(const http::Request& request, int status, const SignedIn& who,
                           const FormErrors& errors) {
    auto enrolment = auth_.BeginEnrolment(who.principal.user_id);
    if (!enrolment.ok()) return StatusPage(request, enrolment.status());
    auto user = auth_.PrincipalUser(who.principal.user_id);
    View view;
    view.status = status;
    view.title = "Set up a second factor";
    view.body = "second_factor_enrol";
    view.has_errors = !errors.empty();
    view.data.set("required", user.ok() && auth_.FactorRequired(*user));
    view.data.set("csrf", who.principal.csrf_token);
    view.data.set("qr_svg", QrSvg(enrolment->uri, "QR code to scan with your authenticator app"));
    view.data.set("secret_spaced", Spaced(enrolment->secret));
    view.data.set("code", Input(CodeInput(), errors));
    errors.AddTo(view.data);
    return RenderPage(request, view);
  }

  http::Response ResetForm(const http::Request& request, int status, const User& user,
                           const FormErrors& errors) {
    View view;
    view.status = status;
    view.title = "Choose a new password";
    view.body = "password_reset";
    view.has_errors = !errors.empty();
    view.data.set("username", user.username);
    view.data.set("token", request.route.at("token"));
    InputSpec password{.id = "password", .label = "New password", .type = "password"};
    password.hint =
        "At least 10 characters. Not a common password, and not your name, username "
        "or organisation. Three or four unrelated words work well.";
    password.autocomplete = "new-password";
    view.data.set("password", Input(password, errors));
    errors.AddTo(view.data);
    return RenderPage(request, view);
  }

  static http::Response Restart(const http::Request& request) {
    return MessagePage(request, 401, "Sign in again",
                       "Your sign-in has ended or was not started. Sign in with your username "
                       "and password.",
                       "/signin", "Sign in");
  }
  static http::Response Expired(const http::Request& request) {
    return MessagePage(request, 404, "This link has expired or was used",
                       "A password reset link works once, for a day. Ask your administrator "
                       "for a new one.");
  }
  static http::Response TooLarge(const http::Request& request) {
    return MessagePage(request, 413, "The form is too large", "Go back and try again.");
  }

  Auth& auth_;
};

}  // namespace

void RegisterSecondFactorPages(http::Router& router, Auth& auth) {
  auto pages = std::make_shared<SecondFactorPages>(auth);
  router.Add("GET", "/signin/code", [pages](http::Request& r) { return pages->ShowCode(r); });
  router.Add("POST", "/signin/code", [pages](http::Request& r) { return pages->SubmitCode(r); });
  router.Add("GET", "/account/second-factor",
             [pages](http::Request& r) { return pages->ShowEnrol(r); });
  router.Add("POST", "/account/second-factor",
             [pages](http::Request& r) { return pages->SubmitEnrol(r); });
  router.Add("GET", "/reset-password/{token}",
             [pages](http::Request& r) { return pages->ShowReset(r); });
  router.Add("POST", "/reset-password/{token}",
             [pages](http::Request& r) { return pages->SubmitReset(r); });
}

}  // namespace linkway
