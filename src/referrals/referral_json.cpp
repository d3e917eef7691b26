#include "referrals/referral_json.hpp"

#include "http/json.hpp"

#include "core/clock.hpp"
#include "core/nhs_number.hpp"

namespace linkway {
namespace json = boost::json;
using http::JsonArray;
using http::JsonBool;
using http::JsonObject;
using http::JsonString;
using http::JsonStrings;

Result<ReferralInput> ReferralInputFromJson(const json::object& body) {
  FieldErrors errors;
  ReferralInput in;
  if (const auto* p = JsonObject(body, "patient", "patient", errors)) {
    in.patient.nhs_number = JsonString(*p, "nhs_number", "patient.nhs_number", errors);
    in.patient.given_name = JsonString(*p, "given_name", "patient.given_name", errors);
    in.patient.family_name = JsonString(*p, "family_name", "patient.family_name", errors);
    in.patient.date_of_birth = JsonString(*p, "date_of_birth", "patient.date_of_birth", errors);
    if (p->contains("sex")) in.patient.sex = JsonString(*p, "sex", "patient.sex", errors);
    in.patient.postcode = JsonString(*p, "postcode", "patient.postcode", errors);
    in.patient.phone = JsonString(*p, "phone", "patient.phone", errors);
  }
  in.practice = JsonString(body, "practice", "practice", errors);
  in.reasons = JsonStrings(body, "reasons", "reasons", errors);
  in.reason_other = JsonString(body, "reason_other", "reason_other", errors);
  if (const auto* c = JsonObject(body, "consent", "consent", errors)) {
    in.consent_referral = JsonBool(*c, "referral", "consent.referral", errors);
    in.consent_share =
        JsonBool(*c, "share_with_link_worker", "consent.share_with_link_worker", errors);
  }
  if (body.contains("urgency")) in.urgency = JsonString(body, "urgency", "urgency", errors);
  in.note = JsonString(body, "note", "note", errors);
  if (!errors.empty()) return errors.ToStatus();
  return in;
}

Result<TransitionRequest> TransitionFromJson(const json::object& body) {
  FieldErrors errors;
  std::string to = JsonString(body, "to", "to", errors);
  TransitionRequest request;
  request.reason = JsonString(body, "reason", "reason", errors);
  request.outcome = JsonString(body, "outcome", "outcome", errors);
  if (auto state = ParseReferralState(to)) {
    request.to = *state;
  } else if (errors.empty()) {
    errors.Add("to", to.empty() ? "is required" : "is not a referral status");
  }
  if (!errors.empty()) return errors.ToStatus();
  return request;
}

Result<SignpostInput> SignpostInputFromJson(const json::object& body) {
  FieldErrors errors;
  SignpostInput in;
  in.service = JsonString(body, "service", "service", errors);
  in.reasons = JsonStrings(body, "reasons", "reasons", errors);
  in.note = JsonString(body, "note", "note", errors);
  if (!errors.empty()) return errors.ToStatus();
  return in;
}

json::object ToJson(const Referral& r) {
  json::object stamps;
  for (const auto& [state, at] : r.stamps) stamps[ToString(state)] = FormatTimestamp(at);
  return {
      {"id", r.id},
      {"status", ToString(r.state)},
      {"patient",
       {{"nhs_number", r.patient.nhs_number},
        {"given_name", r.patient.given_name},
        {"family_name", r.patient.family_name},
        {"date_of_birth", r.patient.date_of_birth},
        {"sex", r.patient.sex},
        {"postcode", r.patient.postcode},
        {"phone", r.patient.phone}}},
      {"practice", r.practice_code},
      {"practice_name", r.practice_name},
      {"pcn", r.pcn_code},
      {"referrer",
       {{"id", r.referrer_id}, {"name", r.referrer_name}, {"profession", r.referrer_profession}}},
      {"reasons", JsonArray(r.reasons)},
      {"reason_other", r.reason_other},
      {"consent", {{"referral", r.consent_referral}, {"share_with_link_worker", r.consent_share}}},
      {"urgency", r.urgency},
      {"note", r.note},
      {"outcome", r.outcome},
      {"status_reason", r.state_reason},
      {"timestamps", std::move(stamps)},
  };
}

json::object ToJson(const ReferralEvent& e) {
  json::object o{
      {"id", e.id},
      {"at", FormatTimestamp(e.at)},
      {"user", e.username},
      {"role", e.role},
      {"to", ToString(e.to)},
      {"reason", e.reason},
      {"code", {{"system", e.code_system}, {"code", e.code}, {"display", e.code_display}}}};
  o["from"] = e.from ? json::value(ToString(*e.from)) : json::value(nullptr);
  return o;
}

json::object ToJson(const Signpost& s) {
  return {{"id", s.id},
          {"at", FormatTimestamp(s.at)},
          {"practice", s.practice_code},
          {"pcn", s.pcn_code},
          {"user", s.username},
          {"profession", s.profession},
          {"service", s.service},
          {"reasons", JsonArray(s.reasons)},
          {"note", s.note},
          {"code", {{"system", s.code_system}, {"code", s.code}}}};
}

}  // namespace linkway
