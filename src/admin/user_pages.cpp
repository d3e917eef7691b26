// GET /admin/users, GET /admin/users/new, POST /admin/users, GET /admin/users/{id}, and its
// changes: POST .../role, .../active, .../password-reset, .../second-factor-reset.
#include <memory>

#include "admin/admin_pages.hpp"
#include "web/form.hpp"

namespace linkway::admin {
namespace {

using namespace web;  // NOLINT(google-build-using-namespace): the page frame's words

constexpr Role kRoles[] = {Role::kReferrer, Role::kLinkWorker, Role::kVcse, Role::kCommissioner,
                           Role::kAdmin};

Data RoleOptions(Role selected) {
  Data roles = web::List();
  for (Role r : kRoles) {
    Data o = Object();
    o.set("value", std::string(ToString(r)));
    o.set("label", Capitalise(Label(r)));
    o.set("selected", r == selected);
    roles.push_back(o);
  }
  return roles;
}

std::string FactorText(const User& u, Auth& auth) {
  if (u.has_second_factor) return "Set up";
  if (auth.FactorRequired(u)) return "Not set up yet (needed at next sign-in)";
  return u.factor_optional ? "Optional (demo account)" : "Not needed for this role";
}

// The origin for links this server makes: the Host the administrator reached it by.
std::string Origin(const http::Request& request) {
  std::string host = request.Header("Host");
  if (host.empty()) host = "127.0.0.1:8080";
  return (request.secure ? "https://" : "http://") + host;
}

class UserPages {
 public:
  explicit UserPages(AdminContext ctx) : ctx_(ctx) {}

  http::Response List(http::Request& request) {
    const Principal& admin = *request.principal;
    auto tree = Tree(ctx_.organisations, admin);
    if (!tree.ok()) return StatusPage(request, tree.status());
    auto users = ctx_.users.ListUsers();
    if (!users.ok()) return StatusPage(request, users.status());
    Data rows = web::List();
    int count = 0;
    for (const auto& u : *users) {
      if (!InTree(*tree, u.org_code)) continue;
      ++count;
      Data row = Object();
      SetUser(row, u, *tree);
      rows.push_back(row);
    }
    View view;
    view.title = "Users";
    view.body = "admin_users";
    view.data.set("users", rows);
    view.data.set("count", std::to_string(count));
    view.data.set("org_name", admin.org_name);
    return RenderPage(request, view);
  }

  http::Response New(http::Request& request) { return NewForm(request, 200, {}, {}); }

  http::Response Create(http::Request& request) {
    const Principal& admin = *request.principal;
    http::Params form = request.Form();
    NewUser user;
    user.username = FormValue(form, "username");
    user.display_name = FormValue(form, "display_name");
    user.profession = FormValue(form, "profession");
    user.org_code = FormValue(form, "org");
    FormErrors errors;
    auto role = ParseRole(FormValue(form, "role"));
    if (!role) errors.Add("role", "Choose a role");
    if (user.display_name.empty()) errors.Add("display_name", "Enter their name");
    auto tree = Tree(ctx_.organisations, admin);
    if (!tree.ok()) return StatusPage(request, tree.status());
    if (!InTree(*tree, user.org_code)) errors.Add("org", "Choose one of your organisations");
    if (!errors.empty()) return NewForm(request, 422, form, errors);
    user.role = *role;
    auto added = ctx_.auth.AddUser(user);
    if (added.status().code() == Code::kConflict) {
      errors.Add("username", "That username is taken: choose another");
      return NewForm(request, 422, form, errors);
    }
    if (added.status().code() == Code::kInvalid) {
      for (const auto& f : added.status().fields()) {
        errors.Add(f.field == "username" ? "username" : f.field, Capitalise(f.message));
      }
      if (added.status().fields().empty()) errors.Add("org", added.status().message());
      return NewForm(request, 422, form, errors);
    }
    if (!added.ok()) return StatusPage(request, added.status());
    std::string id = std::to_string(added->id);
    if (Status s = Record(ctx_, admin, "admin.user.create", "user", id); !s.ok()) {
      return StatusPage(request, s);
    }
    return Link(request, *added, "Added " + added->username + ".");
  }

  http::Response Show(http::Request& request) {
    auto user = UserInTree(ctx_, *request.principal, request.route["id"]);
    if (!user.ok()) return StatusPage(request, user.status());
    return UserPage(request, 200, *user, "", "", {}, user->role);
  }

  http::Response ChangeRole(http::Request& request) {
    const Principal& admin = *request.principal;
    auto user = UserInTree(ctx_, admin, request.route["id"]);
    if (!user.ok()) return StatusPage(request, user.status());
    auto role = ParseRole(FormValue(request.Form(), "role"));
    FormErrors errors;
    if (!role) {
      errors.Add("role", "Choose a role");
      return UserPage(request, 422, *user, "", "", errors, user->role);
    }
    if (user->id == admin.user_id && *role != Role::kAdmin) {
      errors.Add("role", "You cannot take away your own administrator role");
      return UserPage(request, 422, *user, "", "", errors, *role);
    }
    Status s = ctx_.auth.ChangeRole(user->id, *role);
    if (s.code() == Code::kInvalid) {
      for (const auto& f : s.fields()) errors.Add("role", Capitalise(f.message));
      return UserPage(request, 422, *user, "", "", errors, *role);
    }
    if (!s.ok()) return StatusPage(request, s);
    if (Status a = Record(ctx_, admin, "admin.user.role", "user", std::to_string(user->id));
        !a.ok()) {
      return StatusPage(request, a);
    }
    return Done(request, *user, "The role is now " + std::string(Label(*role)) + ".");
  }

  http::Response SetActive(http::Request& request) {
    const Principal& admin = *request.principal;
    auto user = UserInTree(ctx_, admin, request.route["id"]);
    if (!user.ok()) return StatusPage(request, user.status());
    bool active = FormValue(request.Form(), "active") == "yes";
    if (user->id == admin.user_id && !active) {
      FormErrors errors;
      errors.Add("active", "You cannot deactivate yourself");
      return UserPage(request, 422, *user, "", "", errors, user->role);
    }
    if (Status s = ctx_.auth.SetActive(user->id, active); !s.ok()) return StatusPage(request, s);
    if (Status a = Record(ctx_, admin, active ? "admin.user.reactivate" : "admin.user.deactivate",
                          "user", std::to_string(user->id));
        !a.ok()) {
      return StatusPage(request, a);
    }
    return Done(request, *user,
                active ? user->username + " can sign in again."
                       : user->username + " is deactivated: their sessions and tokens ended.");
  }

  http::Response PasswordReset(http::Request& request) {
    auto user = UserInTree(ctx_, *request.principal, request.route["id"]);
    if (!user.ok()) return StatusPage(request, user.status());
    return Link(request, *user, "");
  }

  http::Response FactorReset(http::Request& request) {
    const Principal& admin = *request.principal;
    auto user = UserInTree(ctx_, admin, request.route["id"]);
    if (!user.ok()) return StatusPage(request, user.status());
    if (Status s = ctx_.auth.ResetSecondFactor(user->id); !s.ok()) return StatusPage(request, s);
    if (Status a =
            Record(ctx_, admin, "admin.user.second_factor_reset", "user", std::to_string(user->id));
        !a.ok()) {
      return StatusPage(request, a);
    }
    return Done(
        request, *user,
        "The second factor is reset; " + user->username + " sets one up at their next sign-in.");
  }

 private:
  // The user as the list's rows and the user's page show them.
  void SetUser(Data& d, const User& u, const std::vector<Organisation>& tree) {
    d.set("id", std::to_string(u.id));
    d.set("username", u.username);
    d.set("name", u.display_name);
    d.set("role", Capitalise(Label(u.role)));
    d.set("org", OrgName(tree, u.org_code));
    d.set("active", u.active);
    d.set("factor", FactorText(u, ctx_.auth));
    d.set("last_sign_in", When(u.last_sign_in_at));
  }

  static std::string OrgName(const std::vector<Organisation>& tree, const std::string& code) {
    for (const auto& o : tree) {
      if (o.code == code) return o.name;
    }
    return code;
  }

  // A one-time password link for the user, made and audited, on their page.
  http::Response Link(http::Request& request, const User& user, const std::string& notice) {
    const Principal& admin = *request.principal;
    auto token = ctx_.auth.CreatePasswordReset(user.id, admin.user_id);
    if (!token.ok()) return StatusPage(request, token.status());
    if (Status a = Record(ctx_, admin, "admin.user.password_link", "user", std::to_string(user.id));
        !a.ok()) {
      return StatusPage(request, a);
    }
    auto fresh = ctx_.users.GetUser(user.id);
    return UserPage(request, notice.empty() ? 200 : 201, fresh.ok() ? *fresh : user, notice,
                    Origin(request) + "/reset-password/" + *token, {}, user.role);
  }

  // After a change: the user's page again, as it now is.
  http::Response Done(http::Request& request, const User& user, const std::string& notice) {
    auto fresh = ctx_.users.GetUser(user.id);
    if (!fresh.ok()) return StatusPage(request, fresh.status());
    return UserPage(request, 200, *fresh, notice, "", {}, fresh->role);
  }

  http::Response UserPage(const http::Request& request, int status, const User& user,
                          const std::string& notice, const std::string& link,
                          const FormErrors& errors, Role shown_role) {
    auto tree = Tree(ctx_.organisations, *request.principal);
    if (!tree.ok()) return StatusPage(request, tree.status());
    View view;
    view.status = status;
    view.title = user.display_name;
    view.body = "admin_user";
    view.nav_path = "/admin/users";
    view.has_errors = !errors.empty();
    Data& d = view.data;
    SetUser(d, user, *tree);
    d.set("has_factor", user.has_second_factor);
    d.set("notice", notice);
    d.set("link", link);
    d.set("csrf", request.principal->csrf_token);
    d.set("roles", RoleOptions(shown_role));
    d.set("role_error", errors.For("role"));
    auto tokens = ctx_.auth.ListApiTokens(user.username);
    Data rows = web::List();
    if (tokens.ok()) {
      for (const auto& t : *tokens) rows.push_back(TokenRow(t, ctx_.casework.Now()));
    }
    d.set("tokens", rows);
    d.set("has_tokens", tokens.ok() && !tokens->empty());
    errors.AddTo(d);
    return RenderPage(request, view);
  }

  http::Response NewForm(const http::Request& request, int status, const http::Params& form,
                         const FormErrors& errors) {
    auto tree = Tree(ctx_.organisations, *request.principal);
    if (!tree.ok()) return StatusPage(request, tree.status());
    View view;
    view.status = status;
    view.title = "Add a user";
    view.body = "admin_user_new";
    view.nav_path = "/admin/users";
    view.has_errors = !errors.empty();
    Data& d = view.data;
    d.set("csrf", request.principal->csrf_token);
    InputSpec username{.id = "username",
                       .label = "Username",
                       .hint = "Letters, digits, dots, dashes or underscores, such as j.smith",
                       .value = FormValue(form, "username"),
                       .width = "20"};
    username.spellcheck_off = true;
    username.autocomplete = "off";
    d.set("username", Input(username, errors));
    d.set("display_name", Input({.id = "display_name",
                                 .label = "Full name",
                                 .value = FormValue(form, "display_name")},
                                errors));
    d.set("roles", RoleOptions(ParseRole(FormValue(form, "role")).value_or(Role::kReferrer)));
    d.set("role_error", errors.For("role"));
    Data orgs = web::List();
    std::string chosen = FormValue(form, "org");
    for (const auto& o : *tree) {
      Data row = Object();
      row.set("code", o.code);
      row.set("name", o.name);
      row.set("kind", std::string(ToString(o.kind)));
      row.set("selected", o.code == chosen);
      orgs.push_back(row);
    }
    d.set("orgs", orgs);
    d.set("org_error", errors.For("org"));
    d.set("professions", ChoiceItems(kProfessions, "profession", {FormValue(form, "profession")}));
    errors.AddTo(d);
    return RenderPage(request, view);
  }

  AdminContext ctx_;
};

}  // namespace

Data TokenRow(const ApiTokenInfo& t, UnixSeconds now) {
  Data row = Object();
  row.set("id", t.id);
  row.set("username", t.username);
  row.set("name", t.name);
  row.set("expires", DisplayDateTime(t.expires_at));
  row.set("last_used", When(t.last_used_at));
  bool live = t.revoked_at == 0 && t.expires_at > now;
  row.set("live", live);
  row.set("state", t.revoked_at != 0 ? "Revoked" : "Expired");
  return row;
}

void RegisterUserPages(http::Router& router, AdminContext ctx) {
  auto pages = std::make_shared<UserPages>(ctx);
  router.Add("GET", "/admin/users",
             GuardPage(Needs(), [pages](http::Request& r) { return pages->List(r); }));
  router.Add("GET", "/admin/users/new",
             GuardPage(Needs(), [pages](http::Request& r) { return pages->New(r); }));
  router.Add("POST", "/admin/users",
             GuardPage(Needs(true), [pages](http::Request& r) { return pages->Create(r); }));
  router.Add("GET", "/admin/users/{id}",
             GuardPage(Needs(), [pages](http::Request& r) { return pages->Show(r); }));
  router.Add("POST", "/admin/users/{id}/role",
             GuardPage(Needs(true), [pages](http::Request& r) { return pages->ChangeRole(r); }));
  router.Add("POST", "/admin/users/{id}/active",
             GuardPage(Needs(true), [pages](http::Request& r) { return pages->SetActive(r); }));
  router.Add("POST", "/admin/users/{id}/password-reset",
             GuardPage(Needs(true), [pages](http::Request& r) { return pages->PasswordReset(r); }));
  router.Add("POST", "/admin/users/{id}/second-factor-reset",
             GuardPage(Needs(true), [pages](http::Request& r) { return pages->FactorReset(r); }));
}

}  // namespace linkway::admin
