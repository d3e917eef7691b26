// What the admin pages share: the organisation tree an administrator looks after, the guard,
// and the audit row every change writes.
#pragma once

#include <string>
#include <vector>

#include "admin/admin.hpp"
#include "http/guard.hpp"
#include "web/pages.hpp"
#include "web/view.hpp"

namespace linkway::admin {

// Admin pages: only the admin role; a form post needs its CSRF token.
http::Needs Needs(bool form = false);

// The organisations `admin` looks after: for the ICB's administrator every organisation under
// the ICB (agencies included), for a PCN's the PCN and its practices.
Result<std::vector<Organisation>> Tree(Organisations& organisations, const Principal& admin);
bool InTree(const std::vector<Organisation>& tree, const std::string& code);

// Records `action` on `record_type` `record_id` by the administrator; a failure is returned,
// so the page says the change may not be recorded.
Status Record(AdminContext& ctx, const Principal& admin, const std::string& action,
              const std::string& record_type, const std::string& record_id);

// The user with `id` when `admin` looks after their organisation, else kNotFound (a user
// elsewhere answers as if there were none).
Result<User> UserInTree(AdminContext& ctx, const Principal& admin, const std::string& id);

// A bearer token as a row of admin_token_table.mustache.
web::Data TokenRow(const ApiTokenInfo& token, UnixSeconds now);

// "Never" or the date and time.
std::string When(UnixSeconds at);

void RegisterUserPages(http::Router& router, AdminContext ctx);
void RegisterOrganisationPages(http::Router& router, AdminContext ctx);
void RegisterSecurityPages(http::Router& router, AdminContext ctx);
void RegisterAuditPages(http::Router& router, AdminContext ctx);
void RegisterCodePages(http::Router& router, AdminContext ctx);

}  // namespace linkway::admin
