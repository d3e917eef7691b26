// GET /cases/{id}/connect: the link worker finds a service for the person in the directory,
// nearest their postcode first, with each service's capacity; POST offers the one chosen.
#include <fmt/core.h>

#include <memory>

#include "casework/pages.hpp"
#include "core/text.hpp"
#include "web/form.hpp"
#include "web/pages.hpp"

namespace linkway {
namespace {

using namespace web;  // NOLINT(google-build-using-namespace): the page frame's words

class ConnectPages {
 public:
  explicit ConnectPages(CaseworkPages ctx) : ctx_(ctx) {}

  http::Response Show(http::Request& request) { return Render(request, {}, 200); }

  http::Response Offer(http::Request& request) {
    auto id = ParseId(request.route["id"]);
    if (!id) return NotFoundPage(request);
    http::Params form = request.Form();
    FormErrors errors;
    std::string service = FormValue(form, "service");
    if (service.empty()) {
      errors.Add("service", "Choose a service");
    } else {
      auto made = ctx_.casework.Connect(*request.principal, *id, "", service);
      if (made.ok()) {
        return http::Response::Redirect("/cases/" + std::to_string(*id) +
                                        "?saved=connect#connections");
      }
      if (made.status().code() != Code::kInvalid) return StatusPage(request, made.status());
      const FieldInfo fields[] = {{"service", "service", "Service", "Choose a service"}};
      errors.AddStatus(made.status(), fields);
    }
    return Render(request, errors, 422);
  }

 private:
  http::Response Render(http::Request& request, const FormErrors& errors, int status) {
    auto id = ParseId(request.route["id"]);
    if (!id) return NotFoundPage(request);
    auto file = ctx_.casework.Open(*request.principal, *id);
    if (!file.ok()) return StatusPage(request, file.status());
    ServiceDirectory& dir = ctx_.casework.services();
    const Referral& r = file->referral.referral;
    DirectoryQuery q;
    q.text = Trim(request.Query("q"));
    q.category = request.Query("category");
    q.postcode = r.patient.postcode;
    q.per_page = 30;
    auto found = dir.Search(q);
    if (!found.ok() && found.status().code() == Code::kInvalid) {
      q.postcode.clear();  // a postcode the lookup does not know: search without distance
      found = dir.Search(q);
    }
    if (!found.ok()) return StatusPage(request, found.status());
    View view;
    view.status = status;
    view.title = "Connect to a service";
    view.body = "case_connect";
    view.has_errors = !errors.empty();
    Data& d = view.data;
    errors.AddTo(d);
    d.set("case_href", "/cases/" + std::to_string(*id));
    d.set("action", "/cases/" + std::to_string(*id) + "/connect");
    d.set("person", r.patient.given_name + " " + r.patient.family_name);
    d.set("csrf_token", request.principal->csrf_token);
    d.set("text_input", Input({.id = "q",
                               .label = "What kind of service?",
                               .hint = "For example, walking group, debt advice or befriending",
                               .value = q.text},
                              errors));
    Data cats = List();
    for (const auto& t : dir.Terms()) {
      Data o = Object();
      o.set("value", t.code);
      o.set("label", t.name);
      o.set("selected", t.code == q.category);
      cats.push_back(o);
    }
    d.set("categories", cats);
    if (found->postcode) d.set("near", found->postcode->postcode);
    Data services = List();
    Data full_services = List();
    int n = 0;
    for (const auto& h : found->hits) {
      const Service& s = h.service;
      bool full = s.capacity.state == "not_accepting" || !s.accepts_referrals;
      Data o = Object();
      if (!full) {
        o.set("option_id", n == 0 ? std::string("service") : "service-" + std::to_string(n + 1));
        ++n;
      }
      o.set("id", s.id);
      o.set("name", s.name);
      o.set("organisation", s.organization_name);
      if (h.miles) o.set("miles", fmt::format("{:.1f}", *h.miles));
      std::string capacity =
          s.capacity.state == "waiting_list"
              ? "Waiting list of " + std::to_string(s.capacity.wait_weeks) + " weeks"
              : std::string(LabelOf(kCapacityStates, s.capacity.state));
      o.set("capacity", capacity);
      o.set("stale", h.stale);
      (full ? full_services : services).push_back(o);
    }
    d.set("services", services);
    d.set("has_services", n > 0);
    d.set("full_services", full_services);
    d.set("has_full", static_cast<int>(found->hits.size()) > n);
    if (!errors.For("service").empty()) d.set("service_error", errors.For("service"));
    return RenderPage(request, view);
  }

  CaseworkPages ctx_;
};

}  // namespace

void RegisterConnectPages(http::Router& router, CaseworkPages ctx) {
  auto pages = std::make_shared<ConnectPages>(ctx);
  http::Needs lw{.roles = {Role::kLinkWorker}, .refusal = "Only link workers work cases."};
  router.Add("GET", "/cases/{id}/connect",
             GuardPage(lw, [pages](http::Request& r) { return pages->Show(r); }));
  lw.csrf = true;
  router.Add("POST", "/cases/{id}/connect",
             GuardPage(lw, [pages](http::Request& r) { return pages->Offer(r); }));
}

}  // namespace linkway
