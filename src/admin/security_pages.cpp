// GET /admin/security: sign-in throttles and bearer tokens; POST /admin/throttles/clear and
// POST /admin/tokens/{id}/revoke.
#include <memory>

#include "admin/admin_pages.hpp"
#include "core/text.hpp"
#include "web/form.hpp"

#include <set>

namespace linkway::admin {
namespace {

using namespace web;  // NOLINT(google-build-using-namespace): the page frame's words

class SecurityPages {
 public:
  explicit SecurityPages(AdminContext ctx) : ctx_(ctx) {}

  http::Response Show(http::Request& request) { return Page(request, ""); }

  http::Response Clear(http::Request& request) {
    http::Params form = request.Form();
    std::string username = FormValue(form, "username");
    std::string client = FormValue(form, "client");
    // Outside the ICB, only a throttle on a user of the administrator's tree.
    if (request.principal->org_kind != OrgKind::kIcb && !Mine(*request.principal, username)) {
      return NotFoundPage(request);
    }
    if (username.empty() && client.empty()) {
      return MessagePage(request, 422, "Nothing to clear", "Choose a throttle to clear.",
                         "/admin/security", "Back to throttles");
    }
    if (Status s = ctx_.users.ClearThrottle(username, client); !s.ok()) {
      return StatusPage(request, s);
    }
    if (Status a = Record(ctx_, *request.principal, "admin.throttle.clear", "throttle",
                          Shorten(username, 80) + "@" + Shorten(client, 60));
        !a.ok()) {
      return StatusPage(request, a);
    }
    return Page(request, "Cleared the throttle.");
  }

  http::Response Revoke(http::Request& request) {
    const std::string& id = request.route["id"];
    // Only tokens of users the administrator looks after.
    auto tokens = MyTokens(*request.principal);
    if (!tokens.ok()) return StatusPage(request, tokens.status());
    bool mine = false;
    for (const auto& t : *tokens) mine = mine || t.id == id;
    if (!mine) return NotFoundPage(request);
    Status s = ctx_.auth.RevokeApiToken(id);
    if (!s.ok() && s.code() != Code::kNotFound) return StatusPage(request, s);
    if (Status a = Record(ctx_, *request.principal, "admin.token.revoke", "api_token", id);
        !a.ok()) {
      return StatusPage(request, a);
    }
    return Page(request, "Revoked token " + id + ": it no longer works.");
  }

 private:
  // Whether a throttled username (a second factor's under "#code ") is a user of the tree.
  bool Mine(const Principal& admin, const std::string& throttled) {
    std::string name = throttled.rfind("#code ", 0) == 0 ? throttled.substr(6) : throttled;
    auto user = ctx_.users.FindUser(name);
    auto tree = Tree(ctx_.organisations, admin);
    return !name.empty() && user.ok() && tree.ok() && InTree(*tree, user->org_code);
  }

  Result<std::vector<ApiTokenInfo>> MyTokens(const Principal& admin) {
    auto tree = Tree(ctx_.organisations, admin);
    if (!tree.ok()) return tree.status();
    auto users = ctx_.users.ListUsers();
    if (!users.ok()) return users.status();
    std::set<std::int64_t> mine;
    for (const auto& u : *users) {
      if (InTree(*tree, u.org_code)) mine.insert(u.id);
    }
    auto all = ctx_.auth.ListApiTokens();
    if (!all.ok()) return all.status();
    std::vector<ApiTokenInfo> out;
    for (const auto& t : *all) {
      if (mine.count(t.user_id) != 0) out.push_back(t);
    }
    return out;
  }

  http::Response Page(const http::Request& request, const std::string& notice) {
    UnixSeconds now = ctx_.casework.Now();
    auto throttles = ctx_.auth.Throttles();
    if (!throttles.ok()) return StatusPage(request, throttles.status());
    auto tokens = MyTokens(*request.principal);
    if (!tokens.ok()) return StatusPage(request, tokens.status());
    Data rows = web::List();
    int shown = 0;
    for (const auto& t : *throttles) {
      if (request.principal->org_kind != OrgKind::kIcb && !Mine(*request.principal, t.username)) {
        continue;
      }
      ++shown;
      Data row = Object();
      // A wrong second-factor code is counted under "#code <username>".
      row.set("username", t.username);
      row.set("client", t.client.empty() ? "unknown" : t.client);
      row.set("failures", std::to_string(t.failures));
      row.set("last", DisplayDateTime(t.last_at));
      row.set("until", t.wait_until == 0 ? "May try now" : DisplayDateTime(t.wait_until));
      rows.push_back(row);
    }
    Data token_rows = web::List();
    for (const auto& t : *tokens) token_rows.push_back(TokenRow(t, now));
    View view;
    view.title = "Sign-in throttles and tokens";
    view.body = "admin_security";
    Data& d = view.data;
    d.set("notice", notice);
    d.set("csrf", request.principal->csrf_token);
    d.set("throttles", rows);
    d.set("has_throttles", shown > 0);
    d.set("tokens", token_rows);
    d.set("has_tokens", !tokens->empty());
    return RenderPage(request, view);
  }

  AdminContext ctx_;
};

}  // namespace

void RegisterSecurityPages(http::Router& router, AdminContext ctx) {
  auto pages = std::make_shared<SecurityPages>(ctx);
  router.Add("GET", "/admin/security",
             GuardPage(Needs(), [pages](http::Request& r) { return pages->Show(r); }));
  router.Add("POST", "/admin/throttles/clear",
             GuardPage(Needs(true), [pages](http::Request& r) { return pages->Clear(r); }));
  router.Add("POST", "/admin/tokens/{id}/revoke",
             GuardPage(Needs(true), [pages](http::Request& r) { return pages->Revoke(r); }));
}

}  // namespace linkway::admin
