#include "http/api.hpp"

#include "auth/secrets.hpp"
#include "http/json_codec.hpp"
#include "http/problem.hpp"

namespace linkway::http {
namespace json = boost::json;
namespace {

Response JsonResponse(int status, const json::value& body) {
  return Response::Json(status, json::serialize(body));
}

// Every API route but sign-in needs a principal.
Result<Principal> Caller(const Request& r) {
  if (!r.principal) return Status::Unauthenticated("sign in or send a bearer token");
  return *r.principal;
}

// A JSON object body, or the 400/415 response to send instead.
Result<json::object> Body(const Request& r, Response& error) {
  std::string type = r.Header("Content-Type");
  if (type.rfind("application/json", 0) != 0) {
    error = Problem(415, "send the body as application/json");
    return Status::Invalid("");
  }
  auto body = ParseObject(r.body);
  if (!body.ok()) error = Problem(body.status(), 400);
  return body;
}

std::optional<std::int64_t> Id(const Request& r) {
  const std::string& text = r.route.at("id");
  if (text.empty() || text.size() > 18) return std::nullopt;
  std::int64_t id = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    id = id * 10 + (c - '0');
  }
  return id;
}

int PageParam(const Request& r, Response& error) {
  std::string text = r.Query("page");
  if (text.empty()) return 1;
  int page = 0;
  for (char c : text) {
    if (c < '0' || c > '9' || page > 100000) {
      error = Problem(Status::Invalid("page must be a whole number from 1",
                                      {{"page", "must be a whole number from 1"}}),
                      400);
      return 0;
    }
    page = page * 10 + (c - '0');
  }
  if (page < 1) {
    error = Problem(Status::Invalid("page must be a whole number from 1",
                                    {{"page", "must be a whole number from 1"}}),
                    400);
  }
  return page;
}

Response SignIn(ApiContext& ctx, Request& r) {
  Response error;
  auto body = Body(r, error);
  if (!body.ok()) return error;
  auto username = body->if_contains("username");
  auto password = body->if_contains("password");
  if (username == nullptr || password == nullptr || !username->is_string() ||
      !password->is_string()) {
    return Problem(Status::Invalid("give username and password as strings"), 400);
  }
  auto signed_in = ctx.auth.SignIn(username->get_string(), password->get_string());
  if (!signed_in.ok()) return Problem(signed_in.status());
  const Principal& p = signed_in->principal;
  Response out = JsonResponse(200, json::object{{"username", p.username},
                                                {"name", p.display_name},
                                                {"role", ToString(p.role)},
                                                {"organisation", p.org_code},
                                                {"csrf_token", p.csrf_token}});
  out.Set("Set-Cookie", SessionCookie(signed_in->session_token, r.secure));
  return out;
}

Response SignOut(ApiContext& ctx, Request& r) {
  // The session must end in the store: a cookie cleared while the session lives on would
  // leave it usable for hours, so a failure is reported, not ignored.
  if (!r.session_token.empty()) {
    if (Status s = ctx.auth.SignOut(r.session_token); !s.ok()) return Problem(s);
  }
  Response out{204, {}, ""};
  out.Set("Set-Cookie", SessionCookie("", r.secure, true));
  return out;
}

Response CreateReferral(ApiContext& ctx, Request& r) {
  auto who = Caller(r);
  if (!who.ok()) return Problem(who.status());
  Response error;
  auto body = Body(r, error);
  if (!body.ok()) return error;
  auto input = ReferralInputFromJson(*body);
  if (!input.ok()) return Problem(input.status());
  std::string key = r.Header("Idempotency-Key");
  auto created =
      ctx.referrals.CreateReferral(*who, *input, key, key.empty() ? "" : Sha256Hex(r.body));
  if (!created.ok()) return Problem(created.status());
  Response out = JsonResponse(201, ToJson(created->referral));
  out.Set("Location", "/api/v1/referrals/" + std::to_string(created->referral.id));
  if (created->replayed) out.Set("Idempotent-Replayed", "true");
  return out;
}

Response ListReferrals(ApiContext& ctx, Request& r) {
  auto who = Caller(r);
  if (!who.ok()) return Problem(who.status());
  Response error;
  ReferralQuery query;
  query.page = PageParam(r, error);
  if (error.status != 200) return error;
  query.practice = r.Query("practice");
  std::string status = r.Query("status");
  if (status == "open") {
    query.open_only = true;
  } else if (!status.empty()) {
    query.state = ParseReferralState(status);
    if (!query.state) {
      return Problem(Status::Invalid("status is not a referral status",
                                     {{"status", "is not a referral status"}}),
                     400);
    }
  }
  auto page = ctx.referrals.ListReferrals(*who, query);
  if (!page.ok()) return Problem(page.status());
  return JsonResponse(200, PageToJson(*page));
}

Response GetReferral(ApiContext& ctx, Request& r) {
  auto who = Caller(r);
  if (!who.ok()) return Problem(who.status());
  auto id = Id(r);
  if (!id) return Problem(404, "no referral with that id");
  auto read = ctx.referrals.View(*who, *id);
  if (!read.ok()) return Problem(read.status());
  json::object out = ToJson(read->referral);
  json::array history;
  for (const auto& e : read->history) history.push_back(ToJson(e));
  out["history"] = std::move(history);
  return JsonResponse(200, out);
}

Response Transition(ApiContext& ctx, Request& r) {
  auto who = Caller(r);
  if (!who.ok()) return Problem(who.status());
  auto id = Id(r);
  if (!id) return Problem(404, "no referral with that id");
  Response error;
  auto body = Body(r, error);
  if (!body.ok()) return error;
  auto request = TransitionFromJson(*body);
  if (!request.ok()) return Problem(request.status());
  auto moved = ctx.referrals.Move(*who, *id, *request);
  if (!moved.ok()) return Problem(moved.status());
  return JsonResponse(200, ToJson(*moved));
}

Response CreateDraft(ApiContext& ctx, Request& r) {
  auto who = Caller(r);
  if (!who.ok()) return Problem(who.status());
  Response error;
  auto body = Body(r, error);
  if (!body.ok()) return error;
  auto input = ReferralInputFromJson(*body);  // shape check only; the clinician completes it
  if (!input.ok()) return Problem(input.status());
  auto token = ctx.referrals.CreateDraft(*who, json::serialize(*body));
  if (!token.ok()) return Problem(token.status());
  return JsonResponse(201, json::object{{"url", "/referrals/new?draft=" + *token},
                                        {"expires_in_seconds", Referrals::kDraftLifetime}});
}

Response CreateSignpost(ApiContext& ctx, Request& r) {
  auto who = Caller(r);
  if (!who.ok()) return Problem(who.status());
  Response error;
  auto body = Body(r, error);
  if (!body.ok()) return error;
  auto input = SignpostInputFromJson(*body);
  if (!input.ok()) return Problem(input.status());
  auto created = ctx.referrals.RecordSignpost(*who, *input);
  if (!created.ok()) return Problem(created.status());
  return JsonResponse(201, ToJson(*created));
}

Response ListSignposts(ApiContext& ctx, Request& r) {
  auto who = Caller(r);
  if (!who.ok()) return Problem(who.status());
  Response error;
  SignpostQuery query;
  query.page = PageParam(r, error);
  if (error.status != 200) return error;
  query.practice = r.Query("practice");
  auto page = ctx.referrals.ListSignposts(*who, query);
  if (!page.ok()) return Problem(page.status());
  return JsonResponse(200, PageToJson(*page));
}

}  // namespace

std::string SessionCookie(const std::string& token, bool secure, bool clear) {
  return CookieHeader(kSessionCookie, token, secure, clear ? 0 : Auth::kSessionLifetime);
}

void RegisterApi(Router& router, ApiContext& ctx) {
  auto bind = [&ctx](Response (*f)(ApiContext&, Request&)) {
    return [&ctx, f](Request& r) { return f(ctx, r); };
  };
  router.Add("POST", "/api/v1/session", bind(SignIn));
  router.Add("DELETE", "/api/v1/session", bind(SignOut));
  router.Add("POST", "/api/v1/referrals", bind(CreateReferral));
  router.Add("GET", "/api/v1/referrals", bind(ListReferrals));
  router.Add("GET", "/api/v1/referrals/{id}", bind(GetReferral));
  router.Add("POST", "/api/v1/referrals/{id}/transitions", bind(Transition));
  router.Add("POST", "/api/v1/referral-drafts", bind(CreateDraft));
  router.Add("POST", "/api/v1/signposts", bind(CreateSignpost));
  router.Add("GET", "/api/v1/signposts", bind(ListSignposts));
  router.Add("GET", "/healthz", [&ctx](Request&) {
    auto empty = ctx.organisations.IsEmpty();
    if (!empty.ok()) return Problem(empty.status());
    return Response::Json(200, R"({"status":"ok"})");
  });
}

Response Authenticate(Request& request, Auth& auth, const Router& router) {
  std::string authorization = request.Header("Authorization");
  if (!authorization.empty()) {
    if (authorization.rfind("Bearer ", 0) != 0) {
      return Problem(Status::Unauthenticated("use Authorization: Bearer <token>"));
    }
    auto principal = auth.FromBearer(authorization.substr(7));
    if (!principal.ok()) return Problem(principal.status());
    request.principal = std::move(principal).value();
  } else if (std::string token = request.Cookie(kSessionCookie); !token.empty()) {
    auto principal = auth.FromSession(token);
    if (principal.ok()) {
      request.principal = std::move(principal).value();
      request.session_token = token;
    } else if (principal.status().code() == Code::kUnavailable) {
      return Problem(principal.status());
    }
  }
  return router.Handle(request);
}

}  // namespace linkway::http
