// The referrals module's face to the server: `app` calls these to put its API and pages on the
// router. Thread safety: call before serving; `referrals` and `organisations` must outlive the
// router.
#pragma once

#include "http/router.hpp"
#include "reference/organisations.hpp"
#include "referrals/referrals.hpp"

namespace linkway {

// /api/v1/referrals, /api/v1/referral-drafts and /api/v1/signposts.
void RegisterReferralApi(http::Router& router, Referrals& referrals);
// The referral form, lists and details, and signposting; with the module's templates,
// navigation links and home-page cards.
void RegisterReferralPages(http::Router& router, Referrals& referrals,
                           Organisations& organisations);
// Both.
void RegisterReferrals(http::Router& router, Referrals& referrals, Organisations& organisations);

}  // namespace linkway
