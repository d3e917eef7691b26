#include "accounts/accounts.hpp"
#include "web/view.hpp"

namespace linkway {

const EmbeddedFiles& AccountTemplates();  // generated from templates/*.mustache
void RegisterSessionApi(http::Router& router, Auth& auth);
void RegisterSigninPages(http::Router& router, Auth& auth);
void RegisterSecondFactorPages(http::Router& router, Auth& auth);

void RegisterAccounts(http::Router& router, Auth& auth) {
  web::AddTemplates(AccountTemplates());
  RegisterSessionApi(router, auth);
  RegisterSigninPages(router, auth);
  RegisterSecondFactorPages(router, auth);
}

}  // namespace linkway
