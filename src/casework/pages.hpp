// Internal to the casework module: each page file registers its own routes, and the words the
// casework pages share.
#pragma once

#include <string>

#include "casework/casework.hpp"
#include "http/router.hpp"
#include "reference/organisations.hpp"
#include "web/view.hpp"

namespace linkway {

struct CaseworkPages {
  Casework& casework;
  Organisations& organisations;
};

void RegisterCaseloadPages(http::Router& router, CaseworkPages ctx);
void RegisterCasePages(http::Router& router, CaseworkPages ctx);
void RegisterCaseFormPages(http::Router& router, CaseworkPages ctx);
void RegisterFeedbackPages(http::Router& router, CaseworkPages ctx);
void RegisterPresencePages(http::Router& router, CaseworkPages ctx);
void RegisterConnectPages(http::Router& router, CaseworkPages ctx);
void RegisterServiceInboxPages(http::Router& router, CaseworkPages ctx);

// "Mary Jones" for a case row.
inline std::string PersonName(const cases::CaseRow& row) {
  return row.given_name + " " + row.family_name;
}
// The NHS.UK tag for a referral state code ("accepted").
web::Data CaseStateTag(const std::string& state);

}  // namespace linkway
