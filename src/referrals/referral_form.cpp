#include "referrals/referral_form.hpp"

#include <boost/json.hpp>

#include <span>

namespace linkway {

using namespace web;  // NOLINT(google-build-using-namespace): the page frame's words

namespace {

namespace json = boost::json;

constexpr FieldInfo kReferralFields[] = {
    {"patient.nhs_number", "nhs_number", "NHS number", "Enter the person's NHS number"},
    {"patient.given_name", "given_name", "Given name", "Enter the person's given name"},
    {"patient.family_name", "family_name", "Family name", "Enter the person's family name"},
    {"patient.date_of_birth", "dob_day", "Date of birth", "Enter the person's date of birth"},
    {"patient.postcode", "postcode", "Postcode", ""},
    {"patient.sex", "sex", "Sex", ""},
    {"patient.phone", "phone", "Phone number", "Enter a phone number for the person"},
    {"practice", "practice", "Practice", "Choose the person's GP practice"},
    {"reasons", "reasons", "Reason", "Choose at least one reason"},
    {"reason_other", "reason_other", "Other reason", "Describe the other reason"},
    {"consent.referral", "consent_referral", "Consent to the referral", ""},
    {"consent.share_with_link_worker", "consent_share", "Consent to share details", ""},
    {"urgency", "urgency", "Urgency", "Choose routine or urgent"},
    {"note", "note", "Note", ""},
};

std::string String(const json::object& object, std::string_view key) {
  if (const json::value* v = object.if_contains(key); v && v->is_string()) {
    return std::string(v->get_string());
  }
  return {};
}

bool Flag(const json::object& object, std::string_view key) {
  const json::value* v = object.if_contains(key);
  return v && v->is_bool() && v->get_bool();
}

std::string NoLeadingZero(std::string_view digits) {
  while (digits.size() > 1 && digits.front() == '0') digits.remove_prefix(1);
  return std::string(digits);
}

void SplitDate(const std::string& ymd, ReferralFormValues& values) {
  if (ymd.size() != 10 || ymd[4] != '-' || ymd[7] != '-') return;
  values.dob_year = ymd.substr(0, 4);
  values.dob_month = NoLeadingZero(std::string_view(ymd).substr(5, 2));
  values.dob_day = NoLeadingZero(std::string_view(ymd).substr(8, 2));
}

}  // namespace

ReferralFormValues ValuesFromForm(const http::Params& form) {
  ReferralFormValues v;
  v.nhs_number = FormValue(form, "nhs_number");
  v.given_name = FormValue(form, "given_name");
  v.family_name = FormValue(form, "family_name");
  v.dob_day = FormValue(form, "dob_day");
  v.dob_month = FormValue(form, "dob_month");
  v.dob_year = FormValue(form, "dob_year");
  v.postcode = FormValue(form, "postcode");
  v.phone = FormValue(form, "phone");
  v.sex = FormValue(form, "sex");
  v.reasons = FormValues(form, "reasons");
  v.reason_other = FormValue(form, "reason_other");
  v.consent_referral = !FormValue(form, "consent_referral").empty();
  v.consent_share = !FormValue(form, "consent_share").empty();
  v.urgency = FormValue(form, "urgency");
  v.note = FormValue(form, "note");
  v.practice = FormValue(form, "practice");
  v.idempotency_key = FormValue(form, "idempotency_key");
  return v;
}

std::optional<ReferralFormValues> ValuesFromDraft(std::string_view text) {
  boost::system::error_code ec;
  json::value doc = json::parse(text, ec);
  if (ec || !doc.is_object()) return std::nullopt;
  const json::object& o = doc.get_object();
  ReferralFormValues v;
  if (const json::value* p = o.if_contains("patient"); p && p->is_object()) {
    const json::object& patient = p->get_object();
    v.nhs_number = String(patient, "nhs_number");
    v.given_name = String(patient, "given_name");
    v.family_name = String(patient, "family_name");
    SplitDate(String(patient, "date_of_birth"), v);
    v.postcode = String(patient, "postcode");
    v.phone = String(patient, "phone");
    v.sex = String(patient, "sex");
  }
  v.practice = String(o, "practice");
  if (const json::value* r = o.if_contains("reasons"); r && r->is_array()) {
    for (const json::value& reason : r->get_array())
      if (reason.is_string()) v.reasons.emplace_back(reason.get_string());
  }
  v.reason_other = String(o, "reason_other");
  if (const json::value* c = o.if_contains("consent"); c && c->is_object()) {
    v.consent_referral = Flag(c->get_object(), "referral");
    v.consent_share = Flag(c->get_object(), "share_with_link_worker");
  }
  if (std::string urgency = String(o, "urgency"); !urgency.empty()) v.urgency = urgency;
  v.note = String(o, "note");
  return v;
}

ReferralInput ToInput(const ReferralFormValues& values) {
  ReferralInput in;
  in.patient.nhs_number = values.nhs_number;
  in.patient.given_name = values.given_name;
  in.patient.family_name = values.family_name;
  in.patient.date_of_birth = CombineDate(values.dob_day, values.dob_month, values.dob_year);
  in.patient.postcode = values.postcode;
  in.patient.phone = values.phone;
  in.patient.sex = values.sex;
  in.practice = values.practice;
  in.reasons = values.reasons;
  in.reason_other = values.reason_other;
  in.consent_referral = values.consent_referral;
  in.consent_share = values.consent_share;
  in.urgency = values.urgency;
  in.note = values.note;
  return in;
}

FormErrors ReferralErrors(const Status& status, const ReferralFormValues& values) {
  FormErrors errors;
  std::string missing = MissingDateParts(values.dob_day, values.dob_month, values.dob_year);
  for (const auto& error : status.fields()) {
    if (error.field == "patient.date_of_birth" && !missing.empty()) {
      std::string first = missing.substr(0, missing.find(' '));
      errors.Add("dob_" + first, "Date of birth must include a " + missing);
    } else if (error.field == "patient.date_of_birth" &&
               error.message.starts_with("must be a real date")) {
      errors.Add("dob_day", "Date of birth must be a real date");
    } else {
      errors.AddStatus(Status::Invalid("", {error}), kReferralFields);
    }
  }
  if (status.fields().empty()) errors.Add("", Capitalise(status.message()));
  return errors;
}

}  // namespace linkway
