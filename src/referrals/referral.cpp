#include "referrals/referral.hpp"

#include <algorithm>

#include "core/nhs_number.hpp"
#include "core/postcode.hpp"
#include "core/text.hpp"

namespace linkway {
namespace {

struct StateName {
  ReferralState state;
  std::string_view code;
  std::string_view label;
};

constexpr StateName kStateNames[] = {
    {ReferralState::kReceived, "received", "received"},
    {ReferralState::kAccepted, "accepted", "accepted"},
    {ReferralState::kDeclined, "declined", "declined"},
    {ReferralState::kWithdrawn, "withdrawn", "withdrawn"},
    {ReferralState::kContacted, "contacted", "contacted"},
    {ReferralState::kUnableToContact, "unable_to_contact", "unable to contact"},
    {ReferralState::kActive, "active", "active"},
    {ReferralState::kClosed, "closed", "closed"},
};

constexpr std::size_t kMaxName = 100;
constexpr std::size_t kMaxNote = 2000;

void CheckName(FieldErrors& errors, const std::string& field, const std::string& value) {
  if (value.empty()) {
    errors.Add(field, "is required");
  } else if (value.size() > kMaxName) {
    errors.Add(field, "must be at most 100 characters");
  }
}

}  // namespace

std::vector<std::string> ValidateReasons(const std::vector<std::string>& reasons,
                                         FieldErrors& errors) {
  std::vector<std::string> out;
  for (const auto& r : reasons) {
    if (!IsChoice(kReasons, r)) {
      errors.Add("reasons", "'" + Shorten(r, 40) + "' is not a reason code");
    }
  }
  for (const auto& c : kReasons) {
    if (std::find(reasons.begin(), reasons.end(), c.code) != reasons.end()) {
      out.emplace_back(c.code);
    }
  }
  if (reasons.empty()) errors.Add("reasons", "choose at least one reason");
  return out;
}

std::string_view ToString(ReferralState state) {
  for (const auto& n : kStateNames)
    if (n.state == state) return n.code;
  return "unknown";
}

std::string_view Label(ReferralState state) {
  for (const auto& n : kStateNames)
    if (n.state == state) return n.label;
  return "unknown";
}

std::optional<ReferralState> ParseReferralState(std::string_view text) {
  for (const auto& n : kStateNames)
    if (n.code == text) return n.state;
  return std::nullopt;
}

Result<ReferralInput> ValidateReferral(const ReferralInput& input, std::int64_t today) {
  FieldErrors unstorable;
  CheckStorable(unstorable, "patient.nhs_number", input.patient.nhs_number);
  CheckStorable(unstorable, "patient.given_name", input.patient.given_name);
  CheckStorable(unstorable, "patient.family_name", input.patient.family_name);
  CheckStorable(unstorable, "patient.date_of_birth", input.patient.date_of_birth);
  CheckStorable(unstorable, "patient.postcode", input.patient.postcode);
  CheckStorable(unstorable, "patient.phone", input.patient.phone);
  CheckStorable(unstorable, "practice", input.practice);
  for (const auto& reason : input.reasons) CheckStorable(unstorable, "reasons", reason);
  CheckStorable(unstorable, "reason_other", input.reason_other, true);
  CheckStorable(unstorable, "urgency", input.urgency);
  CheckStorable(unstorable, "note", input.note, true);
  if (!unstorable.empty()) return unstorable.ToStatus();

  FieldErrors errors;
  ReferralInput out = input;
  Patient& p = out.patient;

  if (auto nhs = ParseNhsNumber(input.patient.nhs_number); nhs.ok()) {
    p.nhs_number = *nhs;
  } else if (Trim(input.patient.nhs_number).empty()) {
    errors.Add("patient.nhs_number", "is required");
  } else {
    errors.Add("patient.nhs_number", nhs.status().message());
  }
  p.given_name = Trim(input.patient.given_name);
  p.family_name = Trim(input.patient.family_name);
  CheckName(errors, "patient.given_name", p.given_name);
  CheckName(errors, "patient.family_name", p.family_name);

  p.date_of_birth = Trim(input.patient.date_of_birth);
  if (p.date_of_birth.empty()) {
    errors.Add("patient.date_of_birth", "is required");
  } else if (auto dob = ParseDate(p.date_of_birth); !dob) {
    errors.Add("patient.date_of_birth", "must be a real date written YYYY-MM-DD");
  } else if (*dob > today) {
    errors.Add("patient.date_of_birth", "must be in the past");
  } else if (today - *dob > std::int64_t{130} * 366) {
    errors.Add("patient.date_of_birth", "must be within the last 130 years");
  }

  p.sex = Trim(input.patient.sex);
  if (p.sex.empty()) p.sex = "not_known";
  if (!IsChoice(kSexes, p.sex)) {
    errors.Add("patient.sex", "must be female, male, other or not_known");
  }
  p.postcode = Trim(input.patient.postcode);
  if (!p.postcode.empty()) {
    if (auto pc = ParsePostcode(p.postcode); pc.ok()) {
      p.postcode = *pc;
    } else {
      errors.Add("patient.postcode", pc.status().message());
    }
  }

  p.phone = Trim(input.patient.phone);
  std::size_t digits =
      std::count_if(p.phone.begin(), p.phone.end(), [](char c) { return c >= '0' && c <= '9'; });
  bool phone_chars = std::all_of(p.phone.begin(), p.phone.end(), [](char c) {
    return (c >= '0' && c <= '9') || c == ' ' || c == '+' || c == '(' || c == ')' || c == '-';
  });
  if (p.phone.empty()) {
    errors.Add("patient.phone", "is required");
  } else if (!phone_chars || digits < 10 || digits > 13) {
    errors.Add("patient.phone", "must be a UK phone number, like 01432 123456");
  }

  out.practice = Trim(input.practice);
  if (out.practice.empty()) errors.Add("practice", "is required");

  out.reasons = ValidateReasons(input.reasons, errors);
  out.reason_other = Trim(input.reason_other);
  bool has_other = std::find(out.reasons.begin(), out.reasons.end(), "other") != out.reasons.end();
  if (has_other && out.reason_other.empty()) {
    errors.Add("reason_other", "describe the other reason");
  }
  if (out.reason_other.size() > kMaxName * 2) {
    errors.Add("reason_other", "must be at most 200 characters");
  }

  if (!input.consent_referral)
    errors.Add("consent.referral", "the person must agree to the referral");
  if (!input.consent_share) {
    errors.Add("consent.share_with_link_worker",
               "the person must agree to share their details with the link worker");
  }
  if (!IsChoice(kUrgencies, input.urgency)) errors.Add("urgency", "must be routine or urgent");
  out.note = Trim(input.note);
  if (out.note.size() > kMaxNote) errors.Add("note", "must be at most 2000 characters");

  if (!errors.empty()) return errors.ToStatus();
  return out;
}

}  // namespace linkway
