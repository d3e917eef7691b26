// The server-rendered web pages: sign-in, the referral form, referral lists and details, and
// signposting, on the NHS.UK design system. Every journey works without JavaScript.
//
// Conventions every page follows:
// - The app middleware has set request.principal from the lw_session cookie. A page that needs
//   a signed-in user and has none answers 303 to /signin; a role that may not use a page gets
//   the 403 page.
// - Every POST form carries a hidden csrf_token: the session's token once signed in, a
//   double-submit cookie (lw_csrf) on the sign-in form. A mismatch answers 403.
// - Validation errors re-render the form with the NHS.UK error summary and inline messages,
//   values kept, status 422. Patient data never goes into a URL: redirects carry only the
//   numeric referral id.
// - Pages are sent with Cache-Control: no-store, since most show a person's details.
// Thread safety: the handlers hold references to the context only and may run on any thread.
#pragma once

#include "auth/auth.hpp"
#include "http/message.hpp"
#include "http/router.hpp"
#include "reference/organisations.hpp"
#include "referrals/referrals.hpp"

namespace linkway::web {

struct WebContext {
  Auth& auth;
  Referrals& referrals;
  Organisations& organisations;
};

// Registers every page route on the router. `ctx` must outlive the router.
void RegisterPages(http::Router& router, WebContext& ctx);

// Whole NHS.UK pages for the common refusals, for reuse by other modules.
http::Response NotFoundPage(const http::Request& request);
http::Response ForbiddenPage(const http::Request& request,
                             const std::string& message = "You cannot use this page.");
http::Response ConflictPage(const http::Request& request, const std::string& message);
// 500 without detail: the cause belongs in the log, not on the page.
http::Response ErrorPage(const http::Request& request);

}  // namespace linkway::web
