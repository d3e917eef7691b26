#include "app/routes.hpp"

#include "accounts/accounts.hpp"
#include "admin/admin.hpp"
#include "casework/module.hpp"
#include "directory/module.hpp"
#include "http/problem.hpp"
#include "insight/module.hpp"
#include "referrals/module.hpp"
#include "web/pages.hpp"
#include "web/static_files.hpp"

namespace linkway {

void RegisterRoutes(http::Router& router, System& system, const std::filesystem::path& assets) {
  web::RegisterFrame(router);
  RegisterAccounts(router, system.auth);
  RegisterReferrals(router, system.referrals, system.organisations);
  RegisterDirectory(router, system.services);
  RegisterCasework(router, system.casework, system.organisations);
  RegisterInsight(router, system.insight);
  RegisterAdmin(router, {system.auth, system.auth_store, system.organisations, system.audit,
                         system.casework, system.referrals});
  // Up when the database answers.
  router.Add("GET", "/healthz", [&system](http::Request&) {
    auto empty = system.organisations.IsEmpty();
    if (!empty.ok()) return http::Problem(empty.status());
    return http::Response::Json(200, R"({"status":"ok"})");
  });
  router.SetFallback([assets](http::Request& r) {
    if (r.path.rfind("/assets/", 0) == 0) return web::ServeAsset(assets, r);
    if (r.path.rfind("/api/", 0) == 0) return http::Problem(404, "there is nothing at this path");
    return web::NotFoundPage(r);
  });
}

http::Response Handle(http::Request& request, System& system, const http::Router& router,
                      const std::filesystem::path& assets) {
  if (request.path.rfind("/assets/", 0) == 0) return web::ServeAsset(assets, request);
  return Authenticate(request, system.auth, router);
}

}  // namespace linkway
