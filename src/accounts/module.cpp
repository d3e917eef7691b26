#include "accounts/accounts.hpp"
#include "web/pages.hpp"
#include "web/view.hpp"

namespace linkway {

const EmbeddedFiles& AccountTemplates();  // generated from templates/*.mustache
void RegisterSessionApi(http::Router& router, Auth& auth);
void RegisterSigninPages(http::Router& router, Auth& auth);
void RegisterSecondFactorPages(http::Router& router, Auth& auth);

void RegisterAccounts(http::Router& router, Auth& auth) {
  web::AddTemplates(AccountTemplates());
  // Every role: the second factor that protects their sign-in.
  web::AddHomeCards("accounts", [](const Principal&) {
    return std::vector<web::HomeCard>{
        {"/account/second-factor", "Your second factor",
         "Set up, or check, the code from an authenticator app that protects your sign-in."}};
  });
  RegisterSessionApi(router, auth);
  RegisterSigninPages(router, auth);
  RegisterSecondFactorPages(router, auth);
}

}  // namespace linkway
