// The referral: what a referrer sends, its validation, and the record the link worker works.
// Pure data and pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/choice.hpp"
#include "core/clock.hpp"
#include "core/status.hpp"

namespace linkway {

enum class ReferralState {
  kReceived,
  kAccepted,
  kDeclined,
  kWithdrawn,
  kContacted,
  kUnableToContact,
  kActive,
  kClosed,
};

inline constexpr ReferralState kAllStates[] = {
    ReferralState::kReceived,  ReferralState::kAccepted,  ReferralState::kDeclined,
    ReferralState::kWithdrawn, ReferralState::kContacted, ReferralState::kUnableToContact,
    ReferralState::kActive,    ReferralState::kClosed,
};

std::string_view ToString(ReferralState state);
// Words for pages: "unable to contact".
std::string_view Label(ReferralState state);
std::optional<ReferralState> ParseReferralState(std::string_view text);

inline constexpr Choice kReasons[] = {
    {"loneliness", "Loneliness or isolation"},
    {"mental_wellbeing", "Mental wellbeing"},
    {"money", "Money, debt or benefits"},
    {"housing", "Housing"},
    {"work", "Work or learning"},
    {"activity", "Physical activity or lifestyle"},
    {"caring", "Caring responsibilities"},
    {"long_term_condition", "Long-term condition support"},
    {"bereavement", "Bereavement"},
    {"other", "Other"},
};

// The person's sex, as the referrer records it (for equity figures); not_known when not given.
inline constexpr Choice kSexes[] = {{"female", "Female"},
                                    {"male", "Male"},
                                    {"other", "Other"},
                                    {"not_known", "Not known or not given"}};

inline constexpr Choice kUrgencies[] = {{"routine", "Routine"}, {"urgent", "Urgent"}};

inline constexpr Choice kOutcomes[] = {
    {"goals_met", "Goals met"},       {"some_goals_met", "Some goals met"},
    {"no_goals_met", "No goals met"}, {"disengaged", "Person stopped taking part"},
    {"moved_away", "Moved away"},     {"other", "Other"},
};

// Checks reason codes against kReasons and returns them de-duplicated in table order; adds a
// "reasons" field error for each unknown code, or when there is none.
std::vector<std::string> ValidateReasons(const std::vector<std::string>& reasons,
                                         FieldErrors& errors);
struct Patient {
  std::string nhs_number;  // ten digits, no spaces, once validated
  std::string given_name;
  std::string family_name;
  std::string date_of_birth;  // YYYY-MM-DD
  std::string postcode;       // normalised, may be empty
  std::string phone;
  std::string sex;  // a code from kSexes once validated ("" given is not_known)
  bool operator==(const Patient&) const = default;
};

// What a referrer sends, before validation.
struct ReferralInput {
  Patient patient;
  std::string practice;
  std::vector<std::string> reasons;
  std::string reason_other;
  bool consent_referral = false;
  bool consent_share = false;
  std::string urgency = "routine";
  std::string note;
};

// Checks every field and returns the cleaned input (NHS number digits only, postcode
// normalised, reasons de-duplicated in table order), or kInvalid listing every field error
// under its JSON path ("patient.nhs_number: check digit does not match").
// `today` is days since 1970-01-01, for the date-of-birth checks.
Result<ReferralInput> ValidateReferral(const ReferralInput& input, std::int64_t today);

struct Referral {
  std::int64_t id = 0;
  Patient patient;
  std::string practice_code;
  std::string practice_name;
  std::string pcn_code;
  std::int64_t referrer_id = 0;
  std::string referrer_name;
  std::string referrer_profession;
  std::vector<std::string> reasons;
  std::string reason_other;
  bool consent_referral = false;
  bool consent_share = false;
  std::string urgency;
  std::string note;
  ReferralState state = ReferralState::kReceived;
  std::string outcome;                          // set when closed
  std::string state_reason;                     // the reason given for the latest step, if any
  std::map<ReferralState, UnixSeconds> stamps;  // when each step happened
  UnixSeconds created_at() const { return stamps.at(ReferralState::kReceived); }
};

// One step in a referral's append-only history.
struct ReferralEvent {
  std::int64_t id = 0;
  std::int64_t referral_id = 0;
  UnixSeconds at = 0;
  std::int64_t user_id = 0;
  std::string username;
  std::string role;
  std::optional<ReferralState> from;  // none for the first event
  ReferralState to = ReferralState::kReceived;
  std::string reason;
  std::string outcome;  // a kOutcomes code, on the step to closed
  std::string code_system;
  std::string code;
  std::string code_display;
};

}  // namespace linkway
