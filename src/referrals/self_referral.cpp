// A person refers themselves: checked here, then written as any referral is (one durable write
// with its first event and audit row), made by the built-in "self-referral" user.
#include "core/nhs_number.hpp"
#include "core/postcode.hpp"
#include "core/text.hpp"
#include "referrals/referrals.hpp"

namespace linkway {
namespace {

void Text(FieldErrors& e, const std::string& field, const std::string& value, std::size_t limit,
          const char* required, bool multiline = false) {
  if (Trim(value).empty()) {
    if (required) e.Add(field, required);
    return;
  }
  if (value.size() > limit) {
    e.Add(field, "must be at most " + std::to_string(limit) + " characters");
    return;
  }
  CheckStorable(e, field, value, multiline);
}

}  // namespace

Result<CreatedReferral> Referrals::CreateSelfReferral(const SelfReferralInput& in) {
  FieldErrors e;
  Text(e, "given_name", in.given_name, 100, "Enter your first name");
  Text(e, "family_name", in.family_name, 100, "Enter your last name");
  Text(e, "phone", in.phone, 30, nullptr);
  Text(e, "email", in.email, 200, nullptr);
  if (Trim(in.phone).empty() && Trim(in.email).empty()) {
    e.Add("phone", "Give a phone number or an email address so we can contact you");
  }
  if (!Trim(in.email).empty() && in.email.find('@') == std::string::npos) {
    e.Add("email", "Enter an email address like name@example.com");
  }
  std::string phone_digits;
  for (char c : in.phone) {
    if (c >= '0' && c <= '9') phone_digits.push_back(c);
  }
  if (!Trim(in.phone).empty() && (phone_digits.size() < 10 || phone_digits.size() > 13)) {
    e.Add("phone", "Enter a phone number like 01432 123456 or 07700 900123");
  }
  std::string postcode;
  if (Trim(in.postcode).empty()) {
    e.Add("postcode", "Enter your postcode");
  } else if (auto p = ParsePostcode(in.postcode); !p.ok()) {
    e.Add("postcode", "Enter a full UK postcode, like HR4 9AA");
  } else {
    postcode = *p;
  }
  Text(e, "help", in.help, 2000, "Tell us what you would like help with", true);
  std::string nhs;
  if (!Trim(in.nhs_number).empty()) {
    auto n = ParseNhsNumber(in.nhs_number);
    if (!n.ok()) {
      e.Add("nhs_number", "NHS number " + n.status().message());
    } else {
      nhs = *n;
    }
  }
  if (!in.agreed) e.Add("agreed", "Confirm that you agree, so that we can contact you");
  Result<Organisation> practice = Status::NotFound("");
  if (in.practice.empty()) {
    e.Add("practice", "Choose your GP practice");
  } else {
    practice = orgs_.Get(in.practice);
    if (!practice.ok() && practice.status().code() != Code::kNotFound) return practice.status();
    if (!practice.ok() || practice->kind != OrgKind::kPractice) {
      e.Add("practice", "Choose your GP practice from the list");
    }
  }
  if (!e.empty()) return e.ToStatus("The form has errors; see fields.");

  // The built-in user every self-referral is made by, in the practice's ICB.
  auto user = users_.FindUser(kSelfReferralUser);
  if (!user.ok() && user.status().code() == Code::kNotFound) {
    auto pcn = orgs_.Get(practice->parent_code);
    std::string org = pcn.ok() && !pcn->parent_code.empty() ? pcn->parent_code : practice->code;
    User u{
        0, std::string(kSelfReferralUser), "Self-referral", Role::kReferrer, "self_referral", org,
        ""};
    user = users_.AddUser(u);
    if (!user.ok() && user.status().code() == Code::kConflict) {
      user = users_.FindUser(kSelfReferralUser);  // another request made it first
    }
  }
  if (!user.ok()) return user.status();

  UnixSeconds now = clock_.Now();
  NewReferral nr;
  nr.input.patient = {nhs, Trim(in.given_name), Trim(in.family_name), "", postcode, Trim(in.phone)};
  nr.input.practice = practice->code;
  nr.input.reasons = {"other"};
  std::string summary = Trim(in.help);
  if (summary.size() > 200) {
    std::size_t cut = 200;
    while (cut > 0 && (static_cast<unsigned char>(summary[cut]) & 0xC0) == 0x80) --cut;
    summary.resize(cut);  // on a character boundary
  }
  nr.input.reason_other = summary;
  nr.input.consent_referral = true;
  nr.input.consent_share = true;
  nr.input.urgency = "routine";
  nr.input.note = "In their own words: " + Trim(in.help) +
                  (Trim(in.email).empty() ? "" : "\nEmail: " + Trim(in.email));
  nr.pcn_code = practice->parent_code;
  nr.practice_name = practice->name;
  nr.referrer_id = user->id;
  nr.referrer_name = user->display_name;
  nr.referrer_profession = "self_referral";
  nr.at = now;
  ClinicalCode code = codes_.Current()->ForState(ReferralState::kReceived);
  nr.first_event.at = now;
  nr.first_event.user_id = user->id;
  nr.first_event.role = std::string(ToString(Role::kReferrer));
  nr.first_event.to = ReferralState::kReceived;
  nr.first_event.code_system = code.system;
  nr.first_event.code = code.code;
  nr.first_event.code_display = code.display;
  Principal who;
  who.user_id = user->id;
  who.username = user->username;
  who.role = Role::kReferrer;
  return store_.Create(nr, AuditFor(who, now, "referral.self_create", "referral", ""));
}

}  // namespace linkway
