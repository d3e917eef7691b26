#include "casework/case.hpp"

#include "core/text.hpp"
#include "referrals/referrals.hpp"

namespace linkway {
namespace {

// Required text of at most kMaxText characters that both backends store alike.
void CheckText(FieldErrors& errors, const std::string& field, const std::string& text,
               bool required = true, std::size_t limit = kMaxText) {
  if (Trim(text).empty()) {
    if (required) errors.Add(field, "is required");
    return;
  }
  if (text.size() > limit) {
    errors.Add(field, "must be at most " + std::to_string(limit) + " characters");
    return;
  }
  CheckStorable(errors, field, text, true);
}

void CheckDate(FieldErrors& errors, const std::string& field, const std::string& date,
               std::optional<std::int64_t> not_after = std::nullopt) {
  if (date.empty()) {
    errors.Add(field, "is required");
    return;
  }
  auto day = ParseDate(date);
  if (!day) {
    errors.Add(field, "must be a real date, YYYY-MM-DD");
  } else if (not_after && *day > *not_after) {
    errors.Add(field, "must not be in the future");
  }
}

}  // namespace

Status CheckContact(const ContactInput& input, std::int64_t today) {
  FieldErrors errors;
  if (input.kind.empty()) {
    errors.Add("kind", "is required");
  } else if (!IsChoice(kContactKinds, input.kind)) {
    errors.Add("kind",
               "must be one of face_to_face_practice, face_to_face_home, "
               "face_to_face_community, phone, video or message");
  }
  CheckDate(errors, "date", input.date, today);
  if (input.minutes < 1 || input.minutes > 600) {
    errors.Add("minutes", "must be from 1 to 600");
  }
  if (input.kind == "face_to_face_practice" && input.practice.empty()) {
    errors.Add("practice", "is required for a contact at a practice");
  }
  return errors.ToStatus();
}

Status CheckWhatMatters(const WhatMatters& input) {
  FieldErrors errors;
  for (const auto& [domain, text] : input.domains) {
    if (!IsChoice(kDomains, domain)) {
      errors.Add("domains." + domain, "is not a what-matters domain");
    } else {
      CheckText(errors, "domains." + domain, text, false);
    }
  }
  if (input.intensity.empty()) {
    errors.Add("intensity", "is required");
  } else if (!IsChoice(kIntensities, input.intensity)) {
    errors.Add("intensity", "must be one of signposting, light, medium or holistic");
  }
  return errors.ToStatus();
}

Status CheckPlan(const PlanInput& input) {
  FieldErrors errors;
  if (input.goals.empty()) errors.Add("goals", "give at least one goal");
  if (input.goals.size() > kMaxGoals) {
    errors.Add("goals", "must be at most " + std::to_string(kMaxGoals) + " goals");
  }
  for (std::size_t i = 0; i < input.goals.size() && i < kMaxGoals; ++i) {
    const Goal& g = input.goals[i];
    std::string at = "goals[" + std::to_string(i) + "].";
    CheckText(errors, at + "text", g.text, true, 500);
    if (g.domain.empty()) {
      errors.Add(at + "domain", "is required");
    } else if (!IsChoice(kDomains, g.domain)) {
      errors.Add(at + "domain", "is not a what-matters domain");
    }
    CheckDate(errors, at + "target_date", g.target_date);
    if (!IsChoice(kGoalStatuses, g.status)) {
      errors.Add(at + "status",
                 "must be one of not_started, in_progress, achieved or "
                 "no_longer_relevant");
    }
  }
  CheckDate(errors, "review_date", input.review_date);
  return errors.ToStatus();
}

Status CheckNote(const std::string& text) {
  FieldErrors errors;
  CheckText(errors, "text", text);
  return errors.ToStatus();
}

Status CheckConcern(const ConcernInput& input, std::int64_t today) {
  FieldErrors errors;
  CheckText(errors, "concern", input.concern);
  CheckDate(errors, "occurred_on", input.occurred_on, today);
  CheckText(errors, "who_told", input.who_told, true, 500);
  CheckText(errors, "action", input.action);
  return errors.ToStatus();
}

Status CheckDischarge(const std::string& outcome, const std::string& summary) {
  FieldErrors errors;
  if (outcome.empty()) {
    errors.Add("outcome", "is required");
  } else if (!IsChoice(kOutcomes, outcome)) {
    errors.Add("outcome", "is not an outcome code");
  }
  CheckText(errors, "summary", summary);
  return errors.ToStatus();
}

Status CheckReview(const std::string& date, const std::string& note, std::int64_t today) {
  FieldErrors errors;
  CheckDate(errors, "date", date, today);
  CheckText(errors, "note", note);
  return errors.ToStatus();
}

std::vector<std::string_view> NextConnectionStates(std::string_view from) {
  if (from == "offered") return {"agreed"};
  if (from == "agreed") return {"sent"};
  if (from == "sent") return {"accepted", "declined", "attended", "did_not_attend"};
  if (from == "accepted") return {"attended", "did_not_attend", "declined"};
  return {};
}

Status CheckConnectionStep(std::string_view from, std::string_view to, const std::string& reason) {
  if (!IsChoice(kConnectionStates, to)) {
    return Status::Invalid("The request has errors; see fields.",
                           {{"to",
                             "must be one of agreed, sent, accepted, attended, "
                             "did_not_attend or declined"}});
  }
  bool allowed = false;
  for (auto next : NextConnectionStates(from)) allowed = allowed || next == to;
  if (!allowed) {
    return Status::Conflict("cannot move a connection that is " + std::string(from) + " to " +
                            std::string(to));
  }
  FieldErrors errors;
  CheckText(errors, "reason", reason, to == "declined", 1000);
  return errors.ToStatus();
}

}  // namespace linkway
