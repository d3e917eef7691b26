// The admin module as the server sees it: its pages, templates, navigation and home cards.
#include "admin/admin.hpp"
#include "admin/admin_pages.hpp"

namespace linkway {

const EmbeddedFiles& AdminTemplates();  // generated from templates/*.mustache

namespace admin {

http::Needs Needs(bool form) {
  return {
      .roles = {Role::kAdmin}, .csrf = form, .refusal = "Only administrators can use this page."};
}

Result<std::vector<Organisation>> Tree(Organisations& organisations, const Principal& admin) {
  auto all = organisations.List();
  if (!all.ok()) return all.status();
  std::map<std::string, const Organisation*> by_code;
  for (const auto& o : *all) by_code[o.code] = &o;
  // True when `code` is the administrator's organisation or under it.
  auto under = [&](std::string code) {
    for (int depth = 0; depth < 4 && !code.empty(); ++depth) {
      if (code == admin.org_code) return true;
      auto found = by_code.find(code);
      if (found == by_code.end()) return false;
      code = found->second->parent_code;
    }
    return false;
  };
  std::vector<Organisation> out;
  for (const auto& o : *all) {
    bool mine = under(o.code);
    // An agency has no parent: it is the ICB's when its area lies under the ICB.
    if (!mine && o.kind == OrgKind::kAgency && admin.org_kind == OrgKind::kIcb) {
      for (const auto& area : AreaCodes(o)) mine = mine || under(area);
    }
    if (mine) out.push_back(o);
  }
  return out;
}

bool InTree(const std::vector<Organisation>& tree, const std::string& code) {
  for (const auto& o : tree) {
    if (o.code == code) return true;
  }
  return false;
}

Status Record(AdminContext& ctx, const Principal& admin, const std::string& action,
              const std::string& record_type, const std::string& record_id) {
  return ctx.audit.Record(AuditFor(admin, ctx.casework.Now(), action, record_type, record_id));
}

Result<User> UserInTree(AdminContext& ctx, const Principal& admin, const std::string& id) {
  std::int64_t user_id = 0;
  try {
    user_id = std::stoll(id);
  } catch (const std::exception&) {
    return Status::NotFound("no such user");
  }
  auto user = ctx.users.GetUser(user_id);
  if (!user.ok()) return user.status();
  auto tree = Tree(ctx.organisations, admin);
  if (!tree.ok()) return tree.status();
  if (!InTree(*tree, user->org_code)) return Status::NotFound("no such user");
  return user;
}

std::string When(UnixSeconds at) { return at == 0 ? "Never" : web::DisplayDateTime(at); }

}  // namespace admin

namespace {

std::vector<web::HomeCard> HomeCards(const Principal& who) {
  if (who.role != Role::kAdmin) return {};
  return {{"/admin/users", "Users",
           "Add staff, change roles, deactivate accounts, reset passwords and second factors."},
          {"/admin/organisations", "Organisations",
           "Practices, PCNs, community organisations and agencies, and the ODS practice file."},
          {"/admin/audit", "Audit",
           "Who has seen or changed a person's record, and what a user has done."},
          {"/admin/codes", "Local code table",
           "The clinical codes each referral event carries to GP systems, and replacing them."},
          {"/admin/security", "Sign-in throttles and tokens",
           "Addresses and usernames being slowed down, and integrations' bearer tokens."}};
}

}  // namespace

void RegisterAdmin(http::Router& router, AdminContext context) {
  web::AddTemplates(AdminTemplates());
  web::AddNavLink(Role::kAdmin, "/admin/users", "Users");
  web::AddNavLink(Role::kAdmin, "/admin/organisations", "Organisations");
  web::AddNavLink(Role::kAdmin, "/admin/audit", "Audit");
  web::AddHomeCards("admin", HomeCards);
  admin::RegisterUserPages(router, context);
  admin::RegisterOrganisationPages(router, context);
  admin::RegisterSecurityPages(router, context);
  admin::RegisterAuditPages(router, context);
  admin::RegisterCodePages(router, context);
}

}  // namespace linkway
