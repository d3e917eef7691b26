#include "web/pages.hpp"

#include <charconv>
#include <map>
#include <mutex>

#include "http/problem.hpp"
#include "web/view.hpp"

namespace linkway::web {
namespace {

struct Home {
  std::mutex mutex;
  std::map<std::string, std::function<std::vector<HomeCard>(const Principal&)>> cards;
  std::map<Role, std::string> landing;
};

Home& HomeParts() {
  static Home home;
  return home;
}

http::Response HomePage(http::Request& request) {
  if (!request.principal) return SignInFirst(request);
  const Principal& who = *request.principal;
  std::vector<HomeCard> cards;
  {
    auto& home = HomeParts();
    std::lock_guard lock(home.mutex);
    if (auto it = home.landing.find(who.role); it != home.landing.end()) {
      return http::Response::Redirect(it->second);
    }
    for (const auto& [module, add] : home.cards) {
      for (auto& card : add(who)) cards.push_back(std::move(card));
    }
  }
  View view;
  view.title = "Home";
  view.body = "home";
  view.data.set("user_name", who.display_name.empty() ? who.username : who.display_name);
  view.data.set("org_name", who.org_name);
  Data list = List();
  for (const auto& card : cards) {
    Data item = Object();
    item.set("href", card.href);
    item.set("title", card.title);
    item.set("description", card.description);
    list.push_back(item);
  }
  view.data.set("cards", list);
  view.data.set("has_cards", !cards.empty());
  return RenderPage(request, view);
}

}  // namespace

void AddHomeCards(std::string module,
                  std::function<std::vector<HomeCard>(const Principal&)> cards) {
  auto& home = HomeParts();
  std::lock_guard lock(home.mutex);
  home.cards[std::move(module)] = std::move(cards);
}

void SetLanding(Role role, std::string path) {
  auto& home = HomeParts();
  std::lock_guard lock(home.mutex);
  home.landing[role] = std::move(path);
}

void RegisterFrame(http::Router& router) { router.Add("GET", "/", HomePage); }

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

http::Response CsrfFailedPage(const http::Request& request) {
  return MessagePage(request, 403, "This form has expired",
                     "The form was out of date, so nothing was saved. Go back, reload the page "
                     "and try again.",
                     "/", "Go to the Linkway home page");
}

std::string SafeNext(const std::string& next) {
  if (next.empty() || next.size() > 512 || next[0] != '/' ||
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
  int http_status = http::HttpStatusFor(status.code());
  http::LogDetail(status, http_status);
  switch (http_status) {
    case 401:
      return SignInFirst(request);
    case 403:
      return ForbiddenPage(request, "Your role or organisation does not allow this.");
    case 404:
      return NotFoundPage(request);
    case 409:
      return ConflictPage(request, Capitalise(status.message()) + ".");
    case 413:
      return MessagePage(request, 413, "What you sent is too large",
                         Capitalise(status.message()) + ".");
    case 422:
      return MessagePage(request, 422, "There is a problem", Capitalise(status.message()) + ".");
    case 429:
      return MessagePage(request, 429, "Too many attempts", Capitalise(status.message()) + ".");
    case 503:
      return MessagePage(request, 503, "Sorry, the service is unavailable",
                         "Try again in a few minutes.");
    default:
      return ErrorPage(request);
  }
}

http::Response PageRefusal(const http::Request& request, http::Refusal refusal,
                           const std::string& message) {
  switch (refusal) {
    case http::Refusal::kNotSignedIn:
      return SignInFirst(request);
    case http::Refusal::kRole:
      return ForbiddenPage(request, message);
    case http::Refusal::kCsrf:
      return CsrfFailedPage(request);
    case http::Refusal::kTooLarge:
      return MessagePage(request, 413, "What you sent is too large", Capitalise(message) + ".");
    case http::Refusal::kNotJson:
    case http::Refusal::kBadJson:
      break;
  }
  return StatusPage(request, Status::Invalid(message));
}

int ParsePage(const std::string& text) {
  int page = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), page);
  if (ec != std::errc() || end != text.data() + text.size() || page < 1) return 1;
  return page;
}

}  // namespace linkway::web
