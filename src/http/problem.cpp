#include "http/problem.hpp"

#include <boost/json.hpp>

#include <iostream>

#include "core/text.hpp"

namespace linkway::http {
namespace {

constexpr std::size_t kMaxText = 2000;  // bytes of one message in a problem body

const char* TitleFor(int status) {
  switch (status) {
    case 400:
      return "Bad request";
    case 401:
      return "Sign in required";
    case 403:
      return "Forbidden";
    case 404:
      return "Not found";
    case 405:
      return "Method not allowed";
    case 409:
      return "Conflict";
    case 413:
      return "Request body too large";
    case 415:
      return "Unsupported media type";
    case 422:
      return "Unprocessable request";
    case 429:
      return "Too many requests";
    case 503:
      return "Service unavailable";
    default:
      return "Internal server error";
  }
}

}  // namespace

int HttpStatusFor(Code code) {
  switch (code) {
    case Code::kOk:
      return 200;
    case Code::kInvalid:
      return 422;
    case Code::kNotFound:
      return 404;
    case Code::kConflict:
      return 409;
    case Code::kUnauthenticated:
      return 401;
    case Code::kForbidden:
      return 403;
    case Code::kTooLarge:
      return 413;
    case Code::kRateLimited:
      return 429;
    case Code::kUnavailable:
      return 503;
    case Code::kInternal:
      return 500;
  }
  return 500;
}

Response Problem(const Status& status, int http_status) {
  int code = http_status != 0 ? http_status : HttpStatusFor(status.code());
  LogDetail(status, code);
  boost::json::object body;
  body["type"] = "about:blank";
  body["title"] = TitleFor(code);
  body["status"] = code;
  // Internal failures keep their detail for the log; the client gets a plain sentence.
  body["detail"] = status.code() == Code::kInternal ? "something went wrong on our side"
                                                    : Shorten(status.message(), kMaxText);
  if (!status.fields().empty()) {
    boost::json::array errors;
    // A message may quote what was sent: the answer stays valid UTF-8 whatever that was.
    for (const auto& f : status.fields()) {
      errors.push_back(
          {{"field", Shorten(f.field, kMaxText)}, {"message", Shorten(f.message, kMaxText)}});
    }
    body["errors"] = std::move(errors);
  }
  Response r{code, {{"Content-Type", "application/problem+json"}}, boost::json::serialize(body)};
  if (code == 401) r.Set("WWW-Authenticate", "Bearer realm=\"linkway\"");
  if (status.retry_after() > 0) {
    r.Set("Retry-After", std::to_string(status.retry_after()));
  } else if (code == 429) {
    r.Set("Retry-After", "900");
  }
  return r;
}

void LogDetail(const Status& status, int http_status) {
  // What went wrong inside is for the operator's log, never the client (and never holds
  // patient data: it is a database's or library's own words).
  if (http_status >= 500 && !status.detail().empty()) {
    std::cerr << "linkway: " << status.message() << ": " << status.detail() << "\n";
  }
}

Response Problem(int http_status, const std::string& detail) {
  Code code = http_status == 404 ? Code::kNotFound : Code::kInvalid;
  return Problem(Status(code, detail), http_status);
}

}  // namespace linkway::http
