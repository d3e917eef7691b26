// The page frame's own pages and the helpers every module's pages share: the home page (with
// the cards modules add for each role), the refusals (not found, forbidden, conflict, error,
// an expired form), answering a failed Status with the page the one status table calls for,
// and page guards.
//
// Conventions every page follows:
// - The front door has set request.principal from the lw_session cookie. A page that needs a
//   signed-in user and has none answers 303 to /signin; a role that may not use a page gets the
//   403 page (GuardPage does both).
// - Every POST form carries a hidden csrf_token: the session's token once signed in. A mismatch
//   answers 403 with the expired-form page.
// - Validation errors re-render the form with the NHS.UK error summary and inline messages,
//   values kept, status 422. Patient data never goes into a URL.
// - Pages are sent with Cache-Control: no-store, since most show a person's details.
// Thread safety: AddHomeCards and SetLanding before serving; the rest from any thread.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/people.hpp"
#include "core/status.hpp"
#include "http/guard.hpp"
#include "http/message.hpp"
#include "http/router.hpp"

namespace linkway::web {

// A card on the home page: a link to one of a module's pages.
struct HomeCard {
  std::string href;
  std::string title;
  std::string description;
};
// Adds the cards `cards` returns for the signed-in person (none for roles it does not serve),
// under `module`'s name: adding again for the same module replaces them.
void AddHomeCards(std::string module, std::function<std::vector<HomeCard>(const Principal&)> cards);
// `role`'s home is `path` (a link worker's is their inbox): / redirects there.
void SetLanding(Role role, std::string path);

// Registers the home page, GET /.
void RegisterFrame(http::Router& router);

// Whole NHS.UK pages for the common refusals.
http::Response NotFoundPage(const http::Request& request);
http::Response ForbiddenPage(const http::Request& request,
                             const std::string& message = "You cannot use this page.");
http::Response ConflictPage(const http::Request& request, const std::string& message);
// 500 without detail: the cause belongs in the log, not on the page.
http::Response ErrorPage(const http::Request& request);
// The 403 page for a form whose csrf_token does not match.
http::Response CsrfFailedPage(const http::Request& request);
// 303 to the sign-in page, which brings the person back to this page (GET only) afterwards.
http::Response SignInFirst(const http::Request& request);
// `next` when it is a path on this site ("/..." but not "//..."), else "/".
std::string SafeNext(const std::string& next);

// The page for a failed call, at the HTTP status the one table (http/problem.hpp) gives its
// code: 401 a redirect to sign in, 404, 403, 409 with its message, 422 and 429 with theirs,
// 503, and anything else 500.
http::Response StatusPage(const http::Request& request, const Status& status);

// How pages answer a guard's refusal: sign in first, the 403 page with the refusal's message,
// the expired-form page, or 413.
http::Response PageRefusal(const http::Request& request, http::Refusal refusal,
                           const std::string& message);
inline http::Handler GuardPage(http::Needs needs, http::Handler handler) {
  return http::Guard(std::move(needs), std::move(handler), PageRefusal);
}

// A page number from ?page=, 1 when absent or not a positive number.
int ParsePage(const std::string& text);

}  // namespace linkway::web
