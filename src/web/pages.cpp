#include "web/pages.hpp"

#include <charconv>
#include <stdexcept>

#include "web/page_routes.hpp"
#include "web/view.hpp"

namespace linkway::web {
namespace {

http::Response Home(http::Request& request) {
  if (!request.principal) return SignInFirst(request);
  const Principal& who = *request.principal;
  if (who.role == Role::kLinkWorker) return http::Response::Redirect("/referrals");
  View view;
  view.title = "Home";
  view.body = "home";
  view.data.set("user_name", who.display_name.empty() ? who.username : who.display_name);
  view.data.set("org_name", who.org_name);
  view.data.set("in_practice", who.org_kind == OrgKind::kPractice);
  view.data.set("may_refer", who.role == Role::kReferrer);
  return RenderPage(request, view);
}

}  // namespace

void RegisterPages(http::Router& router, WebContext& ctx) {
  router.Add("GET", "/", Home);
  RegisterSigninPages(router, ctx);
  RegisterReferralFormPages(router, ctx);
  RegisterReferralListPages(router, ctx);
  RegisterReferralDetailPages(router, ctx);
  RegisterSignpostPages(router, ctx);
}

http::Response NotFoundPage(const http::Request& request) {
  return MessagePage(request, 404, "Page not found",
                     "If you typed the web address, check it is correct. If you pasted the web "
                     "address, check you copied the entire address.",
                     "/", "Go to the Linkway home page");
}

http::Response ForbiddenPage(const http::Request& request, const std::string& message) {
  return MessagePage(request, 403, "You cannot do this", message, "/",
                     "Go to the Linkway home page");
}

http::Response ConflictPage(const http::Request& request, const std::string& message) {
  return MessagePage(request, 409, "This record has changed", message);
}

http::Response ErrorPage(const http::Request& request) {
  return MessagePage(request, 500, "Sorry, there is a problem with the service",
                     "Try again later.");
}

std::string SafeNext(const std::string& next) {
  if (next.size() < 1 || next.size() > 512 || next[0] != '/' ||
      (next.size() > 1 && (next[1] == '/' || next[1] == '\\'))) {
    return "/";
  }
  for (char c : next) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return "/";
  }
  return next;
}

http::Response SignInFirst(const http::Request& request) {
  if (request.method != "GET" || request.path == "/" || SafeNext(request.target) == "/") {
    return http::Response::Redirect("/signin");
  }
  return http::Response::Redirect("/signin?next=" + http::UrlEncode(request.target));
}

http::Response StatusPage(const http::Request& request, const Status& status) {
  switch (status.code()) {
    case Code::kNotFound:
      return NotFoundPage(request);
    case Code::kForbidden:
      return ForbiddenPage(request, "Your role or organisation does not allow this.");
    case Code::kConflict:
      return ConflictPage(request, Capitalise(status.message()) + ".");
    case Code::kUnauthenticated:
      return SignInFirst(request);
    case Code::kUnavailable:
      return MessagePage(request, 503, "Sorry, the service is unavailable",
                         "Try again in a few minutes.");
    default:
      return ErrorPage(request);
  }
}

http::Response CsrfFailedPage(const http::Request& request) {
  return MessagePage(request, 403, "This form has expired",
                     "The form was out of date, so nothing was saved. Go back, reload the page "
                     "and try again.",
                     "/", "Go to the Linkway home page");
}

std::optional<std::int64_t> ParseId(const std::string& text) {
  std::int64_t id = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id <= 0) return std::nullopt;
  return id;
}

int ParsePage(const std::string& text) {
  int page = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), page);
  if (ec != std::errc() || end != text.data() + text.size() || page < 1) return 1;
  return page;
}

}  // namespace linkway::web
