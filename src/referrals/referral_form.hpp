// The referral form as the page sees it: the values typed (kept as typed, so a form with errors
// comes back as it was sent), read from a post or from a GP system's draft, turned into the
// core's ReferralInput, and the page that shows them. Internal to the referrals module.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/people.hpp"
#include "http/message.hpp"
#include "reference/organisations.hpp"
#include "referrals/referral.hpp"
#include "web/form.hpp"

namespace linkway {

struct ReferralFormValues {
  std::string nhs_number;
  std::string given_name;
  std::string family_name;
  std::string dob_day;
  std::string dob_month;
  std::string dob_year;
  std::string postcode;
  std::string phone;
  std::string sex;
  std::vector<std::string> reasons;
  std::string reason_other;
  bool consent_referral = false;
  bool consent_share = false;
  std::string urgency = "routine";
  std::string note;
  std::string practice;
  std::string idempotency_key;
};

ReferralFormValues ValuesFromForm(const http::Params& form);
// Values from a draft's JSON, in the API body's shape ({"patient": {...}, "reasons": [...],
// "consent": {...}, ...}); fields of the wrong type are left empty. nullopt when the text is
// not a JSON object.
std::optional<ReferralFormValues> ValuesFromDraft(std::string_view json);
// The date of birth combined as YYYY-MM-DD; see CombineDate.
ReferralInput ToInput(const ReferralFormValues& values);
// A failed validation's field errors, worded for the form and linked to its inputs.
web::FormErrors ReferralErrors(const Status& status, const ReferralFormValues& values);

// The form page, prefilled with `values`. The practice is fixed to the referrer's own when they
// work in a practice; otherwise they choose one from the known practices.
http::Response ReferralFormPage(const http::Request& request, Organisations& organisations,
                                const ReferralFormValues& values, const web::FormErrors& errors,
                                int status);

}  // namespace linkway
