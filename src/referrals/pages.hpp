// Internal to the referrals module: each page file registers its own routes, and the words and
// colours the referral pages share.
#pragma once

#include <string>
#include <vector>

#include "http/router.hpp"
#include "reference/organisations.hpp"
#include "referrals/referral.hpp"
#include "referrals/referrals.hpp"
#include "web/view.hpp"

namespace linkway {

struct ReferralPages {
  Referrals& referrals;
  Organisations& organisations;
};

// The parts a page needs; they outlive the router.
void RegisterReferralFormPages(http::Router& router, ReferralPages ctx);
void RegisterReferralListPages(http::Router& router, ReferralPages ctx);
void RegisterReferralDetailPages(http::Router& router, ReferralPages ctx);
void RegisterSignpostPages(http::Router& router, ReferralPages ctx);
void RegisterSelfReferralPages(http::Router& router, ReferralPages ctx);

// "Unable to contact" for tags and headings.
std::string StateLabel(ReferralState state);
// {text, colour} for a status tag in NHS.UK tag colours.
web::Data StateTag(ReferralState state);
// "Loneliness or isolation, Money, debt or benefits" for reason codes.
inline std::string ReasonLabels(const std::vector<std::string>& codes) {
  return web::Labels(kReasons, codes);
}
// A hash of a submitted form without its csrf_token, to spot a reused idempotency key.
std::string FormHash(const http::Params& form);

}  // namespace linkway
