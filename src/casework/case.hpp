// A link worker's case: the coded choices casework records, what each record holds, and the
// checks every input passes before it is stored. Pure data and pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "casework/measures.hpp"
#include "core/choice.hpp"
#include "core/clock.hpp"
#include "core/status.hpp"

namespace linkway {

// NHS England guidance: a full-time link worker holds 200-250 people a year.
inline constexpr int kDefaultCapacity = 250;

inline constexpr Choice kContactKinds[] = {
    {"face_to_face_practice", "Face to face at a GP practice"},
    {"face_to_face_home", "Face to face at home"},
    {"face_to_face_community", "Face to face at a community venue"},
    {"phone", "Phone"},
    {"video", "Video"},
    {"message", "Message"},
};

// The what-matters conversation's domains, which goals are set in too.
inline constexpr Choice kDomains[] = {
    {"loneliness", "Loneliness and connection"},
    {"mental_wellbeing", "Mental wellbeing"},
    {"physical_health", "Physical health and activity"},
    {"money", "Money and debt"},
    {"housing", "Housing"},
    {"work", "Work and learning"},
    {"caring", "Caring"},
    {"relationships", "Relationships"},
    {"practical", "Practical tasks"},
};

inline constexpr Choice kIntensities[] = {
    {"signposting", "Signposting"},
    {"light", "Light"},
    {"medium", "Medium"},
    {"holistic", "Holistic"},
};

inline constexpr Choice kGoalStatuses[] = {
    {"not_started", "Not started"},
    {"in_progress", "In progress"},
    {"achieved", "Achieved"},
    {"no_longer_relevant", "No longer relevant"},
};

inline constexpr Choice kTimepoints[] = {
    {"baseline", "Baseline"},
    {"follow_up", "Follow-up"},
    {"discharge", "Discharge"},
};

// offered -> agreed -> sent -> accepted (by the service) -> attended | did_not_attend; sent or
// accepted -> declined (by the service, or when it does not answer in 14 days). A link worker
// may record attendance straight from sent when the service does not use Linkway.
inline constexpr Choice kConnectionStates[] = {
    {"offered", "Offered"},
    {"agreed", "Agreed by the person"},
    {"sent", "Sent to the service"},
    {"accepted", "Accepted by the service"},
    {"attended", "Attended"},
    {"did_not_attend", "Did not attend"},
    {"declined", "Declined by the service"},
};

inline constexpr Choice kSessions[] = {{"morning", "Morning"}, {"afternoon", "Afternoon"}};
inline constexpr Choice kWeekdays[] = {
    {"1", "Monday"}, {"2", "Tuesday"}, {"3", "Wednesday"}, {"4", "Thursday"}, {"5", "Friday"}};

inline constexpr std::size_t kMaxText = 4000;
inline constexpr std::size_t kMaxGoals = 20;

struct ContactInput {
  std::string kind;
  std::string date;  // YYYY-MM-DD
  std::int64_t minutes = 0;
  std::string practice;
};

struct Contact {
  std::int64_t id = 0;
  UnixSeconds at = 0;
  std::string by;  // display name of who logged it
  ContactInput contact;
};

struct WhatMatters {
  std::map<std::string, std::string> domains;  // kDomains code -> what the person said
  std::string intensity;
};

struct Goal {
  std::string text;
  std::string domain;
  std::string target_date;
  std::string status = "not_started";
};

struct PlanInput {
  std::vector<Goal> goals;
  std::string review_date;  // the next planned review
};

struct PlanReview {
  std::int64_t id = 0;
  std::string date;
  std::string note;
  UnixSeconds at = 0;
  std::string by;
};

struct Plan {
  std::vector<Goal> goals;
  std::string review_date;
  std::optional<UnixSeconds> updated_at;  // none: no plan yet
  std::vector<PlanReview> reviews;
};

struct MeasureResult {
  std::int64_t id = 0;
  std::string measure;  // a definition's id
  std::string measure_name;
  std::string timepoint;
  UnixSeconds at = 0;
  std::string by;
  std::map<std::string, std::int64_t> answers;
  std::vector<ScoreValue> scores;
};

struct Connection {
  std::int64_t id = 0;
  std::int64_t referral_id = 0;
  std::string organisation_code;  // before the directory
  std::string service_id;         // a directory service
  std::string service_name;
  std::string state = "offered";
  std::string reason;
  UnixSeconds created_at = 0;
  UnixSeconds updated_at = 0;
  std::optional<UnixSeconds> sent_at;
  std::optional<UnixSeconds> responded_at;
  std::optional<UnixSeconds> reminded_at;
  std::int64_t made_by = 0;  // the link worker who offered it (read by the sweep only)
};

// A service answers a connection in time: reminded after 7 days, declined after 14.
inline constexpr UnixSeconds kReminderAfter = 7 * 86400;
inline constexpr UnixSeconds kDeclineAfter = 14 * 86400;
inline constexpr std::string_view kNoReplyReason = "No reply from the service within 14 days";

struct Note {
  std::int64_t id = 0;
  UnixSeconds at = 0;
  std::string by;
  std::string text;
  bool shareable = false;
  bool case_study = false;  // anonymised, with consent: shown in the practice's digest
};

struct ConcernInput {
  std::string concern;      // what
  std::string occurred_on;  // when, YYYY-MM-DD
  std::string who_told;
  std::string action;
  bool shareable = false;  // may appear in feedback
};

struct Concern {
  std::int64_t id = 0;
  UnixSeconds at = 0;
  std::string by;
  ConcernInput input;
};

// One entry of a case's own history (the referral's steps are the referrals module's).
struct CaseEvent {
  UnixSeconds at = 0;
  std::string by;
  std::string kind;  // "assigned", "contact", "plan", "measure", "connection", ...
  std::string summary;
};

// Checks return kInvalid with every field error under its JSON path; `today` is days since
// 1970-01-01, for dates that must not be in the future.
Status CheckContact(const ContactInput& input, std::int64_t today);
Status CheckWhatMatters(const WhatMatters& input);
Status CheckPlan(const PlanInput& input);
Status CheckNote(const std::string& text);
Status CheckConcern(const ConcernInput& input, std::int64_t today);
Status CheckDischarge(const std::string& outcome, const std::string& summary);
Status CheckReview(const std::string& date, const std::string& note, std::int64_t today);

// The states that may follow a connection's `from`, in the order pages offer them.
std::vector<std::string_view> NextConnectionStates(std::string_view from);
// Ok when `to` may follow `from`; kConflict naming both when not; kInvalid when a decline
// has no reason.
Status CheckConnectionStep(std::string_view from, std::string_view to, const std::string& reason);

}  // namespace linkway
