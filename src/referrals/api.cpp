// The referrals API under /api/v1: referrals, their transitions, GP systems' drafts and
// signposts. Guards see to sign-in, role and JSON bodies; the Referrals service to access by
// organisation, validation and audit.
#include <boost/json.hpp>

#include "auth/secrets.hpp"
#include "core/text.hpp"
#include "http/guard.hpp"
#include "http/json.hpp"
#include "http/problem.hpp"
#include "referrals/module.hpp"
#include "referrals/referral_json.hpp"

namespace linkway {
namespace {

namespace json = boost::json;
using http::Request;
using http::Response;

Response JsonResponse(int status, const json::value& body) {
  return Response::Json(status, json::serialize(body));
}

// Referrers and link workers work with referrals; other roles have nothing here.
http::Needs Workers() {
  return {.roles = {Role::kReferrer, Role::kLinkWorker},
          .refusal = "your role cannot work with referrals"};
}

class ReferralApi {
 public:
  explicit ReferralApi(Referrals& referrals) : referrals_(referrals) {}

  Response Create(Request& r, const json::object& body) {
    auto input = ReferralInputFromJson(body);
    if (!input.ok()) return http::Problem(input.status());
    std::string key = r.Header("Idempotency-Key");
    auto created =
        referrals_.CreateReferral(*r.principal, *input, key, key.empty() ? "" : Sha256Hex(r.body));
    if (!created.ok()) return http::Problem(created.status());
    Response out = JsonResponse(201, ToJson(created->referral));
    out.Set("Location", "/api/v1/referrals/" + std::to_string(created->referral.id));
    if (created->replayed) out.Set("Idempotent-Replayed", "true");
    return out;
  }

  Response List(Request& r) {
    auto page = http::PageNumber(r.Query("page"));
    if (!page.ok()) return http::Problem(page.status(), 400);
    ReferralQuery query;
    query.page = *page;
    query.practice = r.Query("practice");
    std::string status = r.Query("status");
    if (status == "open") {
      query.open_only = true;
    } else if (!status.empty()) {
      query.state = ParseReferralState(status);
      if (!query.state) {
        return http::Problem(Status::Invalid("status is not a referral status",
                                             {{"status", "is not a referral status"}}),
                             400);
      }
    }
    auto found = referrals_.ListReferrals(*r.principal, query);
    if (!found.ok()) return http::Problem(found.status());
    return JsonResponse(200, http::PageToJson(*found, [](const auto& x) { return ToJson(x); }));
  }

  Response Get(Request& r) {
    auto id = ParseId(r.route.at("id"));
    if (!id) return http::Problem(404, "no referral with that id");
    auto read = referrals_.View(*r.principal, *id);
    if (!read.ok()) return http::Problem(read.status());
    json::object out = ToJson(read->referral);
    json::array history;
    for (const auto& e : read->history) history.push_back(ToJson(e));
    out["history"] = std::move(history);
    return JsonResponse(200, out);
  }

  Response Move(Request& r, const json::object& body) {
    auto id = ParseId(r.route.at("id"));
    if (!id) return http::Problem(404, "no referral with that id");
    auto request = TransitionFromJson(body);
    if (!request.ok()) return http::Problem(request.status());
    auto moved = referrals_.Move(*r.principal, *id, *request);
    if (!moved.ok()) return http::Problem(moved.status());
    return JsonResponse(200, ToJson(*moved));
  }

  Response CreateDraft(Request& r, const json::object& body) {
    auto input = ReferralInputFromJson(body);  // shape check only; the clinician completes it
    if (!input.ok()) return http::Problem(input.status());
    auto token = referrals_.CreateDraft(*r.principal, json::serialize(body));
    if (!token.ok()) return http::Problem(token.status());
    return JsonResponse(201, json::object{{"url", "/referrals/new?draft=" + *token},
                                          {"expires_in_seconds", Referrals::kDraftLifetime}});
  }

  Response CreateSignpost(Request& r, const json::object& body) {
    auto input = SignpostInputFromJson(body);
    if (!input.ok()) return http::Problem(input.status());
    auto created = referrals_.RecordSignpost(*r.principal, *input);
    if (!created.ok()) return http::Problem(created.status());
    return JsonResponse(201, ToJson(*created));
  }

  Response ListSignposts(Request& r) {
    auto page = http::PageNumber(r.Query("page"));
    if (!page.ok()) return http::Problem(page.status(), 400);
    SignpostQuery query;
    query.page = *page;
    query.practice = r.Query("practice");
    auto found = referrals_.ListSignposts(*r.principal, query);
    if (!found.ok()) return http::Problem(found.status());
    return JsonResponse(200, http::PageToJson(*found, [](const auto& x) { return ToJson(x); }));
  }

 private:
  Referrals& referrals_;
};

}  // namespace

void RegisterReferralApi(http::Router& router, Referrals& referrals) {
  auto api = std::make_shared<ReferralApi>(referrals);
  auto json = [api](auto method) {
    return [api, method](Request& r, const json::object& body) { return (*api.*method)(r, body); };
  };
  auto plain = [api](auto method) {
    return [api, method](Request& r) { return (*api.*method)(r); };
  };
  router.Add("POST", "/api/v1/referrals", http::GuardJson(Workers(), json(&ReferralApi::Create)));
  router.Add("GET", "/api/v1/referrals", http::GuardApi(Workers(), plain(&ReferralApi::List)));
  router.Add("GET", "/api/v1/referrals/{id}", http::GuardApi(Workers(), plain(&ReferralApi::Get)));
  router.Add("POST", "/api/v1/referrals/{id}/transitions",
             http::GuardJson(Workers(), json(&ReferralApi::Move)));
  router.Add("POST", "/api/v1/referral-drafts",
             http::GuardJson(Workers(), json(&ReferralApi::CreateDraft)));
  router.Add("POST", "/api/v1/signposts",
             http::GuardJson(Workers(), json(&ReferralApi::CreateSignpost)));
  router.Add("GET", "/api/v1/signposts",
             http::GuardApi(Workers(), plain(&ReferralApi::ListSignposts)));
}

}  // namespace linkway
