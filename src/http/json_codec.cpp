#include "http/json_codec.hpp"

#include "core/clock.hpp"
#include "core/nhs_number.hpp"

namespace linkway::http {
namespace json = boost::json;
namespace {

// Reads an optional string member; a present non-string is a field error.
std::string String(const json::object& o, std::string_view key, const std::string& path,
                   FieldErrors& errors) {
  auto it = o.find(key);
  if (it == o.end() || it->value().is_null()) return {};
  if (!it->value().is_string()) {
    errors.Add(path, "must be a string");
    return {};
  }
  return std::string(it->value().get_string());
}

bool Bool(const json::object& o, std::string_view key, const std::string& path,
          FieldErrors& errors) {
  auto it = o.find(key);
  if (it == o.end() || it->value().is_null()) return false;
  if (!it->value().is_bool()) {
    errors.Add(path, "must be true or false");
    return false;
  }
  return it->value().get_bool();
}

const json::object* Object(const json::object& o, std::string_view key, const std::string& path,
                           FieldErrors& errors) {
  auto it = o.find(key);
  if (it == o.end() || it->value().is_null()) return nullptr;
  if (!it->value().is_object()) {
    errors.Add(path, "must be an object");
    return nullptr;
  }
  return &it->value().get_object();
}

std::vector<std::string> Strings(const json::object& o, std::string_view key,
                                 const std::string& path, FieldErrors& errors) {
  std::vector<std::string> out;
  auto it = o.find(key);
  if (it == o.end() || it->value().is_null()) return out;
  if (!it->value().is_array()) {
    errors.Add(path, "must be an array of strings");
    return out;
  }
  for (const auto& v : it->value().get_array()) {
    if (!v.is_string()) {
      errors.Add(path, "must be an array of strings");
      return {};
    }
    out.emplace_back(v.get_string());
  }
  return out;
}

json::array StringArray(const std::vector<std::string>& items) {
  json::array out;
  for (const auto& i : items) out.emplace_back(i);
  return out;
}

}  // namespace

Result<json::object> ParseObject(std::string_view body) {
  boost::system::error_code ec;
  json::value value = json::parse(body, ec);
  if (ec) return Status::Invalid("the body is not valid JSON: " + ec.message());
  if (!value.is_object()) return Status::Invalid("the body must be a JSON object");
  return std::move(value.get_object());
}

Result<ReferralInput> ReferralInputFromJson(const json::object& body) {
  FieldErrors errors;
  ReferralInput in;
  if (const auto* p = Object(body, "patient", "patient", errors)) {
    in.patient.nhs_number = String(*p, "nhs_number", "patient.nhs_number", errors);
    in.patient.given_name = String(*p, "given_name", "patient.given_name", errors);
    in.patient.family_name = String(*p, "family_name", "patient.family_name", errors);
    in.patient.date_of_birth = String(*p, "date_of_birth", "patient.date_of_birth", errors);
    in.patient.postcode = String(*p, "postcode", "patient.postcode", errors);
    in.patient.phone = String(*p, "phone", "patient.phone", errors);
  }
  in.practice = String(body, "practice", "practice", errors);
  in.reasons = Strings(body, "reasons", "reasons", errors);
  in.reason_other = String(body, "reason_other", "reason_other", errors);
  if (const auto* c = Object(body, "consent", "consent", errors)) {
    in.consent_referral = Bool(*c, "referral", "consent.referral", errors);
    in.consent_share = Bool(*c, "share_with_link_worker", "consent.share_with_link_worker", errors);
  }
  if (body.contains("urgency")) in.urgency = String(body, "urgency", "urgency", errors);
  in.note = String(body, "note", "note", errors);
  if (!errors.empty()) return errors.ToStatus();
  return in;
}

Result<TransitionRequest> TransitionFromJson(const json::object& body) {
  FieldErrors errors;
  std::string to = String(body, "to", "to", errors);
  TransitionRequest request;
  request.reason = String(body, "reason", "reason", errors);
  request.outcome = String(body, "outcome", "outcome", errors);
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
  in.service = String(body, "service", "service", errors);
  in.reasons = Strings(body, "reasons", "reasons", errors);
  in.note = String(body, "note", "note", errors);
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
        {"postcode", r.patient.postcode},
        {"phone", r.patient.phone}}},
      {"practice", r.practice_code},
      {"practice_name", r.practice_name},
      {"pcn", r.pcn_code},
      {"referrer",
       {{"id", r.referrer_id}, {"name", r.referrer_name}, {"profession", r.referrer_profession}}},
      {"reasons", StringArray(r.reasons)},
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
          {"reasons", StringArray(s.reasons)},
          {"note", s.note},
          {"code", {{"system", s.code_system}, {"code", s.code}}}};
}

}  // namespace linkway::http
