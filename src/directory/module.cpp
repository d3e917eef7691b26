// The directory module as the server sees it: the open HSDS API, the public pages and the
// community organisations' pages, with its templates, navigation and home-page cards.
#include "directory/module.hpp"

#include "directory/pages.hpp"
#include "web/pages.hpp"

namespace linkway {

const EmbeddedFiles& DirectoryTemplates();  // generated from templates/*.mustache

namespace {

std::vector<web::HomeCard> HomeCards(const Principal& who) {
  if (who.role == Role::kVcse) {
    return {{"/directory/mine", "Your services",
             "Keep your listings right and say when you are full."}};
  }
  return {{"/directory", "Find a community service",
           "Groups, activities, advice and support near a person, with distance and capacity."}};
}

}  // namespace

void RegisterDirectoryPages(http::Router& router, ServiceDirectory& directory) {
  web::AddTemplates(DirectoryTemplates());
  for (Role r : {Role::kReferrer, Role::kLinkWorker, Role::kCommissioner, Role::kAdmin}) {
    web::AddNavLink(r, "/directory", "Directory");
  }
  web::AddNavLink(Role::kVcse, "/directory/mine", "Your services");
  web::AddNavLink(Role::kVcse, "/directory", "Directory");
  web::AddHomeCards("directory", HomeCards);
  RegisterSearchPages(router, directory);
  RegisterOrganisationPages(router, directory);
}

void RegisterDirectory(http::Router& router, ServiceDirectory& directory) {
  RegisterHsdsApi(router, directory);
  RegisterDirectoryPages(router, directory);
}

}  // namespace linkway
