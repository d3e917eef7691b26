#include "http/guard.hpp"

#include <algorithm>
#include <cctype>

#include "core/text.hpp"
#include "http/json.hpp"
#include "http/problem.hpp"

namespace linkway::http {

bool IsJsonMediaType(std::string_view content_type) {
  // The type before any parameters ("; charset=utf-8"), without spaces, in any case.
  std::string_view type = content_type.substr(0, content_type.find(';'));
  std::string plain;
  for (char c : type) {
    if (c != ' ' && c != '\t')
      plain += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return plain == "application/json";
}

Response ApiRefusal(const Request& /*request*/, Refusal refusal, const std::string& message) {
  switch (refusal) {
    case Refusal::kNotSignedIn:
      return Problem(Status::Unauthenticated(message));
    case Refusal::kRole:
    case Refusal::kCsrf:
      return Problem(Status::Forbidden(message));
    case Refusal::kNotJson:
      return Problem(415, message);
    case Refusal::kBadJson:
      return Problem(Status::Invalid(message), 400);
    case Refusal::kTooLarge:
      return Problem(Status(Code::kTooLarge, message));
  }
  return Problem(Status::Internal("unknown refusal"));
}

std::optional<Response> Check(const Needs& needs, const Request& request, const Refuse& refuse,
                              boost::json::object* body) {
  if (needs.body_limit != 0 && request.body.size() > needs.body_limit) {
    return refuse(request, Refusal::kTooLarge,
                  "the request body is over this path's limit of " +
                      std::to_string(needs.body_limit / 1024) + " KiB");
  }
  if (needs.signed_in && !request.principal) {
    return refuse(request, Refusal::kNotSignedIn, "sign in or send a bearer token");
  }
  if (!needs.roles.empty() &&
      (!request.principal || std::find(needs.roles.begin(), needs.roles.end(),
                                       request.principal->role) == needs.roles.end())) {
    return refuse(request, Refusal::kRole,
                  needs.refusal.empty() ? "your role cannot do this" : needs.refusal);
  }
  if (needs.csrf) {
    auto form = request.Form();
    auto token = form.find("csrf_token");
    if (!request.principal || token == form.end() || token->second.empty() ||
        !SameSecret(token->second, request.principal->csrf_token)) {
      return refuse(request, Refusal::kCsrf, "the form has expired; reload it and try again");
    }
  }
  if (needs.json) {
    if (!IsJsonMediaType(request.Header("Content-Type"))) {
      return refuse(request, Refusal::kNotJson, "send the body as application/json");
    }
    auto parsed = ParseObject(request.body);
    if (!parsed.ok()) return refuse(request, Refusal::kBadJson, parsed.status().message());
    if (body != nullptr) *body = std::move(parsed).value();
  }
  return std::nullopt;
}

Handler Guard(Needs needs, Handler handler, Refuse refuse) {
  return [needs = std::move(needs), handler = std::move(handler),
          refuse = std::move(refuse)](Request& request) {
    if (auto refused = Check(needs, request, refuse)) return std::move(*refused);
    return handler(request);
  };
}

Handler GuardJson(Needs needs, JsonHandler handler) {
  needs.json = true;
  return [needs = std::move(needs), handler = std::move(handler)](Request& request) {
    boost::json::object body;
    if (auto refused = Check(needs, request, ApiRefusal, &body)) return std::move(*refused);
    return handler(request, body);
  };
}

}  // namespace linkway::http
