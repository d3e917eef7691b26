// The casework module as the server sees it: its API and pages on the router, and its
// templates, navigation and home-page cards in the page frame.
#include "casework/module.hpp"

#include "casework/pages.hpp"
#include "web/pages.hpp"

namespace linkway {

const EmbeddedFiles& CaseworkTemplates();  // generated from templates/*.mustache

namespace {

std::vector<web::HomeCard> HomeCards(const Principal& who) {
  if (who.role == Role::kLinkWorker) {
    return {{"/casework", "Waiting list and caseload",
             "Who is waiting, who you are working with, and your load against capacity."},
            {"/link-workers/" + who.username, "Your settings and presence",
             "Your capacity, how referrers reach you, and which practices you are at when."}};
  }
  if (who.role == Role::kReferrer) {
    std::vector<web::HomeCard> cards = {
        {"/feedback", "Feedback from link workers",
         "What happened to the people you referred: outcomes, services and how things changed."}};
    if (who.org_kind == OrgKind::kPractice) {
      cards.push_back(
          {"/practices/" + who.org_code + "/link-worker", "Your link worker",
           "Who your practice's link worker is, how to reach them and when they are in."});
    }
    return cards;
  }
  if (who.role == Role::kAdmin) {
    return {
        {"/casework", "Caseloads", "Waiting lists and caseloads by PCN, and reassigning cases."}};
  }
  if (who.role == Role::kVcse) {
    return {{"/connections", "People sent to you",
             "Accept or decline the people link workers send, and record who attended."}};
  }
  return {};
}

}  // namespace

void RegisterCaseworkPages(http::Router& router, Casework& casework, Organisations& organisations) {
  web::AddTemplates(CaseworkTemplates());
  web::AddNavLink(Role::kLinkWorker, "/casework", "Caseload");
  web::AddNavLink(Role::kReferrer, "/feedback", "Feedback");
  web::AddNavLink(Role::kLinkWorker, "/casework/caseload", "My caseload");
  web::AddNavLink(Role::kAdmin, "/casework", "Caseloads");
  web::AddNavLink(Role::kVcse, "/connections", "People sent to you");
  web::SetLanding(Role::kVcse, "/connections");
  web::AddHomeCards("casework", HomeCards);
  web::SetLanding(Role::kLinkWorker, "/casework");
  CaseworkPages ctx{casework, organisations};
  RegisterCaseloadPages(router, ctx);
  RegisterCasePages(router, ctx);
  RegisterCaseFormPages(router, ctx);
  RegisterFeedbackPages(router, ctx);
  RegisterPresencePages(router, ctx);
  RegisterConnectPages(router, ctx);
  RegisterServiceInboxPages(router, ctx);
}

void RegisterCasework(http::Router& router, Casework& casework, Organisations& organisations) {
  RegisterCaseworkApi(router, casework);
  RegisterCaseworkPages(router, casework, organisations);
}

web::Data CaseStateTag(const std::string& state) {
  std::string_view colour = "grey";
  if (state == "received") colour = "purple";
  if (state == "accepted") colour = "blue";
  if (state == "contacted") colour = "aqua-green";
  if (state == "active") colour = "green";
  if (state == "unable_to_contact") colour = "yellow";
  if (state == "declined") colour = "orange";
  web::Data tag = web::Object();
  auto parsed = ParseReferralState(state);
  tag.set("text", web::Capitalise(parsed ? Label(*parsed) : state));
  tag.set("colour", std::string(colour));
  return tag;
}

}  // namespace linkway
