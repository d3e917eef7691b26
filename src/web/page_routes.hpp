// Internal to src/web: each page file registers its own routes, and the helpers they share for
// sign-in and for answering a failed Status with a page.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/status.hpp"
#include "http/message.hpp"
#include "http/router.hpp"
#include "web/pages.hpp"

namespace linkway::web {

void RegisterSigninPages(http::Router& router, WebContext& ctx);
void RegisterReferralFormPages(http::Router& router, WebContext& ctx);
void RegisterReferralListPages(http::Router& router, WebContext& ctx);
void RegisterReferralDetailPages(http::Router& router, WebContext& ctx);
void RegisterSignpostPages(http::Router& router, WebContext& ctx);

// 303 to /signin.
// 303 to the sign-in page, which brings the person back to this page (GET only) afterwards.
http::Response SignInFirst(const http::Request& request);
// `next` when it is a path on this site ("/..." but not "//..."), else "/".
std::string SafeNext(const std::string& next);
// The page for a failed call: kNotFound 404, kForbidden 403, kConflict 409 with its message,
// kUnauthenticated a redirect to sign in, kUnavailable 503, anything else 500.
http::Response StatusPage(const http::Request& request, const Status& status);
// The 403 page for a form whose csrf_token does not match.
http::Response CsrfFailedPage(const http::Request& request);
// A positive id from a route or query parameter.
std::optional<std::int64_t> ParseId(const std::string& text);
// A page number from ?page=, 1 when absent or not a positive number.
int ParsePage(const std::string& text);

}  // namespace linkway::web
