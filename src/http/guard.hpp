// Route guards: what a route needs before its handler runs, checked in one place instead of at
// the top of every handler. In order: the body's size, a signed-in principal, their role, the
// form's CSRF token, a JSON object body. A refused request never reaches the handler.
//
// How a refusal is answered depends on who asked: the API answers with problem details
// (ApiRefusal, here); the pages answer with a page or a redirect to sign in (web/page_guard.hpp).
// Thread safety: guards hold copies of their rules; a guarded handler is as safe as the
// handler it wraps.
#pragma once

#include <boost/json.hpp>
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "core/people.hpp"
#include "http/message.hpp"
#include "http/router.hpp"

namespace linkway::http {

struct Needs {
  bool signed_in = true;
  std::vector<Role> roles;     // empty: any role
  bool csrf = false;           // a form post: its csrf_token must be the session's
  bool json = false;           // an application/json body that is a JSON object
  std::size_t body_limit = 0;  // 0: the server's limit only
  std::string refusal;         // what a role not in `roles` is told
};

enum class Refusal { kNotSignedIn, kRole, kCsrf, kNotJson, kBadJson, kTooLarge };

// True for "application/json", with or without parameters; not "application/jsonfoo".
bool IsJsonMediaType(std::string_view content_type);

// Answers a refused request; `message` says what was wrong.
using Refuse =
    std::function<Response(const Request& request, Refusal refusal, const std::string& message)>;

// Problem details: 401, 403, 403, 415, 400 and 413.
Response ApiRefusal(const Request& request, Refusal refusal, const std::string& message);

// The refusal for `request` against `needs`, if any (`body` is set to the parsed JSON object).
std::optional<Response> Check(const Needs& needs, const Request& request, const Refuse& refuse,
                              boost::json::object* body = nullptr);

// `handler` behind the checks, refusing with `refuse`.
Handler Guard(Needs needs, Handler handler, Refuse refuse);

// An API handler given the parsed JSON object body (needs.json is implied); API refusals.
using JsonHandler = std::function<Response(Request& request, const boost::json::object& body)>;
Handler GuardJson(Needs needs, JsonHandler handler);

// An API handler behind the checks, with API refusals.
inline Handler GuardApi(Needs needs, Handler handler) {
  return Guard(std::move(needs), std::move(handler), ApiRefusal);
}

}  // namespace linkway::http
