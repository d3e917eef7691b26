// The referrals module as the server sees it: its API and pages on the router, and its
// templates, navigation and home-page cards in the page frame.
#include "referrals/module.hpp"

#include "auth/secrets.hpp"
#include "referrals/pages.hpp"
#include "web/pages.hpp"

namespace linkway {

const EmbeddedFiles& ReferralTemplates();  // generated from templates/*.mustache

namespace {

std::vector<web::HomeCard> HomeCards(const Principal& who) {
  if (who.role != Role::kReferrer) return {};
  bool in_practice = who.org_kind == OrgKind::kPractice;
  return {{"/referrals/new", "Make a referral",
           "Refer a person to a social prescribing link worker, on one page."},
          {"/signposts/new", "Record signposting",
           "Record that you pointed someone straight to a community service, so it counts."},
          {"/referrals", in_practice ? "Referrals from your practice" : "Your referrals",
           "See where each referral has got to."}};
}

}  // namespace

void RegisterReferralPages(http::Router& router, Referrals& referrals,
                           Organisations& organisations) {
  web::AddTemplates(ReferralTemplates());
  web::AddNavLink(Role::kReferrer, "/referrals/new", "Make a referral");
  web::AddNavLink(Role::kReferrer, "/signposts/new", "Record signposting");
  web::AddNavLink(Role::kReferrer, "/referrals", "Referrals");
  web::AddNavLink(Role::kReferrer, "/signposts", "Signposting");
  web::AddNavLink(Role::kLinkWorker, "/referrals", "Referrals");
  web::AddNavLink(Role::kLinkWorker, "/signposts", "Signposting");
  web::AddNavLink(Role::kLinkWorker, "/referrals/new", "Make a referral");
  web::AddHomeCards("referrals", HomeCards);
  web::SetLanding(Role::kLinkWorker, "/referrals");
  ReferralPages ctx{referrals, organisations};
  RegisterReferralFormPages(router, ctx);
  RegisterReferralListPages(router, ctx);
  RegisterReferralDetailPages(router, ctx);
  RegisterSignpostPages(router, ctx);
  RegisterSelfReferralPages(router, ctx);
}

void RegisterReferrals(http::Router& router, Referrals& referrals, Organisations& organisations) {
  RegisterReferralApi(router, referrals);
  RegisterReferralPages(router, referrals, organisations);
}

std::string StateLabel(ReferralState state) { return web::Capitalise(Label(state)); }

web::Data StateTag(ReferralState state) {
  std::string_view colour = "grey";
  switch (state) {
    case ReferralState::kReceived:
      colour = "purple";
      break;
    case ReferralState::kAccepted:
      colour = "blue";
      break;
    case ReferralState::kContacted:
      colour = "aqua-green";
      break;
    case ReferralState::kActive:
      colour = "green";
      break;
    case ReferralState::kUnableToContact:
      colour = "yellow";
      break;
    case ReferralState::kDeclined:
      colour = "orange";
      break;
    case ReferralState::kWithdrawn:
      colour = "white";
      break;
    case ReferralState::kClosed:
      colour = "grey";
      break;
  }
  web::Data tag = web::Object();
  tag.set("text", StateLabel(state));
  tag.set("colour", std::string(colour));
  return tag;
}

std::string FormHash(const http::Params& form) {
  std::string text;
  for (const auto& [name, value] : form) {  // a multimap: sorted by name, values in order
    if (name == "csrf_token") continue;
    // Length-prefixed so "ab"+"c" and "a"+"bc" differ.
    text.append(std::to_string(name.size())).append(":").append(name);
    text.append(std::to_string(value.size())).append(":").append(value);
  }
  return Sha256Hex(text);
}

}  // namespace linkway
