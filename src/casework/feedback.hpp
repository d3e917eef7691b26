// The one message back to the referrer a closed case sends, following the headings of the
// PRSB Social Prescribing Information Standard v1.1 (the "message back to GP and referrer"
// model): each section names the standard's section it maps to. The message is built once,
// when the case closes, from what the case recorded, and kept as written.
// Safeguarding concerns and notes appear only when marked to share.
// Thread safety: pure data and functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "casework/case.hpp"
#include "core/clock.hpp"
#include "core/status.hpp"

namespace linkway {

struct FeedbackSection {
  std::string heading;                                    // the words on the letter
  std::string prsb;                                       // the PRSB section it maps to
  std::vector<std::pair<std::string, std::string>> rows;  // key, value
  std::vector<std::string> paragraphs;
};

struct FeedbackMessage {
  std::string title;
  std::vector<FeedbackSection> sections;
};

struct Feedback {
  std::int64_t id = 0;
  std::int64_t referral_id = 0;
  std::string practice_code;
  std::int64_t referrer_id = 0;
  UnixSeconds created_at = 0;
  std::optional<UnixSeconds> read_at;
  FeedbackMessage message;
};

// What a closed case tells its referrer; the referral's own facts are plain text here so that
// this stays free of the referrals module's types.
struct FeedbackFacts {
  std::int64_t referral_id = 0;
  std::string person_name;
  std::string nhs_number;
  std::string date_of_birth;  // YYYY-MM-DD
  std::string practice_name;
  std::string practice_code;
  std::string referrer_name;
  UnixSeconds received_at = 0;
  UnixSeconds closed_at = 0;
  std::string reasons;  // labels, comma separated
  std::string link_worker_name;
  std::string link_worker_contact;
  std::string outcome_label;
  std::string summary;
  std::string intensity;
  int contacts = 0;
  std::vector<Goal> goals;
  std::vector<Connection> connections;
  std::vector<MeasureResult> measures;  // in the order recorded
  // Coded events from the referral's history: date, display, system and code.
  struct CodedEvent {
    UnixSeconds at = 0;
    std::string step;
    std::string code;
    std::string display;
  };
  std::vector<CodedEvent> coded_events;
  std::vector<Note> shared_notes;
  std::vector<Concern> shared_concerns;
};

FeedbackMessage BuildFeedback(const FeedbackFacts& facts);

// The message as JSON text, for storage and the API, and back; kInternal when the text is not
// a message this module wrote.
std::string FeedbackToJson(const FeedbackMessage& message);
Result<FeedbackMessage> FeedbackFromJson(const std::string& text);

}  // namespace linkway
