// The casework module's storage, written once for both backends against store/sql.hpp: its
// own tables (migrations/0001_casework.sql), and reads of the referrals and users tables that
// its lists join (read only: a referral's state changes only through the referrals module).
// Functions take the connection or write transaction their caller holds, so that the service
// can put several changes and their audit row in one Database::Write. They throw sql::Error.
// Thread safety: a Connection or Tx belongs to one thread at a time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "casework/case.hpp"
#include "casework/feedback.hpp"
#include "core/page.hpp"
#include "store/sql.hpp"

namespace linkway::cases {

// A case as the lists and the case page show it: the case row, with the names the lists need.
struct CaseRow {
  std::int64_t referral_id = 0;
  std::string pcn_code;
  std::int64_t link_worker_id = 0;  // 0: nobody holds it
  std::string link_worker_username;
  std::string link_worker_name;
  std::string state;  // the referral's state
  bool urgent = false;
  UnixSeconds received_at = 0;
  UnixSeconds assigned_at = 0;
  std::optional<UnixSeconds> ended_at;
  std::string intensity;
  std::string next_action;
  std::string next_action_due;
  std::string review_date;
  bool safeguarding = false;
  // From the referral, for the lists.
  std::string given_name;
  std::string family_name;
  std::string nhs_number;
  std::string practice_code;
  std::string practice_name;
  std::optional<UnixSeconds> accepted_at;
};

struct ListFilter {
  std::string pcn_code;             // empty: any
  std::int64_t link_worker_id = 0;  // 0: anyone
  bool waiting = true;              // accepted; false: contacted or active (the caseload)
  int page = 1;
  int page_size = 50;
};

// Waiting: urgent first, then the longest wait. Caseload: the next action due first.
Page<CaseRow> List(sql::Connection& c, const ListFilter& filter);
std::optional<CaseRow> Get(sql::Connection& c, std::int64_t referral_id);

struct LinkWorker {
  std::int64_t user_id = 0;
  std::string username;
  std::string display_name;
  std::string org_code;
  int capacity = kDefaultCapacity;
  bool pcn_lead = false;
  std::string phone;
  std::string email;
  // Load: waiting, on the caseload, and held over the last year (open now, or ended since).
  int waiting = 0;
  int caseload = 0;
  int year = 0;
};

// The link workers whose organisation is `pcn_code` or one of its practices, by name, with
// their load counted from `year_from`.
std::vector<LinkWorker> LinkWorkers(sql::Connection& c, const std::string& pcn_code,
                                    UnixSeconds year_from);
std::optional<LinkWorker> FindLinkWorker(sql::Connection& c, const std::string& username,
                                         UnixSeconds year_from);
void PutSettings(sql::Tx& tx, const LinkWorker& settings);

// Keeps the case in step with its referral's new state; creates it on the first step. A case
// nobody holds is given to `holder` (when not 0). Returns who held it before and after (0:
// nobody).
struct Step {
  std::int64_t referral_id = 0;
  std::string pcn_code;
  std::string state;
  bool urgent = false;
  UnixSeconds received_at = 0;
  UnixSeconds at = 0;
  bool ends = false;  // the case leaves the caseload
};
struct Held {
  std::int64_t before = 0;
  std::int64_t after = 0;
};
Held Follow(sql::Tx& tx, const Step& step, std::int64_t holder, std::int64_t by);
// Makes `link_worker_id` the case's holder from `at`, ending the last holder's spell; the case
// must exist. False when they already hold it.
bool Assign(sql::Tx& tx, std::int64_t referral_id, std::int64_t link_worker_id, std::int64_t by,
            UnixSeconds at);

struct Holder {
  std::string name;
  UnixSeconds from_at = 0;
  std::optional<UnixSeconds> until_at;
  std::string assigned_by;
};
std::vector<Holder> Holders(sql::Connection& c, std::int64_t referral_id);

void AddEvent(sql::Tx& tx, std::int64_t referral_id, UnixSeconds at, std::int64_t user_id,
              std::string_view kind, const std::string& summary);
std::vector<CaseEvent> Events(sql::Connection& c, std::int64_t referral_id);

// Sets columns of the case row: "intensity", "next_action", "review_date", ... (names from code,
// never from input).
void SetCaseText(sql::Tx& tx, std::int64_t referral_id, std::string_view column,
                 const std::string& value);
void SetCaseTime(sql::Tx& tx, std::int64_t referral_id, std::string_view column, UnixSeconds at);

std::int64_t AddContact(sql::Tx& tx, std::int64_t referral_id, UnixSeconds at, std::int64_t user_id,
                        const ContactInput& contact);
std::vector<Contact> Contacts(sql::Connection& c, std::int64_t referral_id);

void PutWhatMatters(sql::Tx& tx, std::int64_t referral_id, const WhatMatters& what);
WhatMatters GetWhatMatters(sql::Connection& c, std::int64_t referral_id);

void PutGoals(sql::Tx& tx, std::int64_t referral_id, const std::vector<Goal>& goals);
Plan GetPlan(sql::Connection& c, std::int64_t referral_id);
std::int64_t AddReview(sql::Tx& tx, std::int64_t referral_id, UnixSeconds at, std::int64_t user_id,
                       const std::string& date, const std::string& note);

std::int64_t AddMeasure(sql::Tx& tx, std::int64_t referral_id, const MeasureResult& result,
                        std::int64_t user_id);
// Names of measures come from the loaded definitions; `find` may return nullptr.
std::vector<MeasureResult> Measures(sql::Connection& c, std::int64_t referral_id);

std::int64_t AddConnection(sql::Tx& tx, const Connection& connection, std::int64_t user_id);
std::optional<Connection> GetConnection(sql::Connection& c, std::int64_t id);
void MoveConnection(sql::Tx& tx, std::int64_t id, const std::string& to, const std::string& reason,
                    UnixSeconds at);
std::vector<Connection> Connections(sql::Connection& c, std::int64_t referral_id);

// A connection as the service sees it: who the person is and how to reach them, and their
// link worker (connection_store.cpp).
struct InboxRow {
  Connection connection;
  std::string given_name;
  std::string family_name;
  std::string phone;
  std::string link_worker_name;
  std::string link_worker_email;
  std::string link_worker_phone;
};
// The organisation's connections: open ones (sent, accepted) oldest first, or answered ones.
Page<InboxRow> Inbox(sql::Connection& c, const std::string& org_code, bool open, int page,
                     int page_size);
std::optional<InboxRow> InboxItem(sql::Connection& c, std::int64_t id);
// Connections sent at or before `sent_before` and still unanswered (and not yet reminded).
std::vector<Connection> Unanswered(sql::Connection& c, UnixSeconds sent_before, bool unreminded);
void MarkReminded(sql::Tx& tx, std::int64_t id, UnixSeconds at);
struct ServiceReplies {
  int sent = 0;
  int answered = 0;
  int accepted = 0;
  double median_days = 0;
};
ServiceReplies Replies(sql::Connection& c, const std::string& service_id, UnixSeconds since);

std::int64_t AddNote(sql::Tx& tx, std::int64_t referral_id, UnixSeconds at, std::int64_t user_id,
                     const std::string& text, bool shareable, bool case_study);
std::vector<Note> Notes(sql::Connection& c, std::int64_t referral_id, bool shareable_only);

std::int64_t AddConcern(sql::Tx& tx, std::int64_t referral_id, UnixSeconds at, std::int64_t user_id,
                        const ConcernInput& concern);
std::vector<Concern> Concerns(sql::Connection& c, std::int64_t referral_id, bool shareable_only);

// The person's other referrals in `pcn_code`, by NHS number, newest first.
struct Earlier {
  std::int64_t referral_id = 0;
  UnixSeconds received_at = 0;
  std::string state;
  std::string outcome;
  std::string practice_name;
};
std::vector<Earlier> EarlierReferrals(sql::Connection& c, const std::string& nhs_number,
                                      const std::string& pcn_code, std::int64_t except);

// Presence: the whole schedule of one link worker.
struct Slot {
  int weekday = 1;  // 1 Monday .. 5 Friday
  std::string session;
  std::string practice_code;
  std::string practice_name;  // when read
};
void PutPresence(sql::Tx& tx, std::int64_t user_id, const std::vector<Slot>& slots);
std::vector<Slot> Presence(sql::Connection& c, std::int64_t user_id);
// Every slot at `practice_code`, with whose it is.
struct PracticeSlot {
  Slot slot;
  std::int64_t user_id = 0;
};
std::vector<PracticeSlot> PresenceAt(sql::Connection& c, const std::string& practice_code);
// Face-to-face contacts at the practice on or after `from_date` (YYYY-MM-DD).
int FaceToFaceAt(sql::Connection& c, const std::string& practice_code,
                 const std::string& from_date);

// What casework needs of a referral to check access and state, read from the referrals table.
struct ReferralFacts {
  std::int64_t id = 0;
  std::string pcn_code;
  std::string practice_code;
  std::string state;
  std::string urgency;
  std::string referrer_profession;
  std::int64_t referrer_id = 0;
  UnixSeconds received_at = 0;
};
// `lock`: inside a write, holds the referral's row until it ends.
std::optional<ReferralFacts> Facts(sql::Connection& c, std::int64_t referral_id, bool lock = false);
// The referral's coded steps, oldest first.
std::vector<FeedbackFacts::CodedEvent> CodedEvents(sql::Connection& c, std::int64_t referral_id);

// Feedback messages: one per referral (a second is kConflict).
std::int64_t AddFeedback(sql::Tx& tx, const Feedback& feedback);
std::optional<Feedback> GetFeedback(sql::Connection& c, std::int64_t id);
std::optional<Feedback> FeedbackFor(sql::Connection& c, std::int64_t referral_id);
void MarkRead(sql::Tx& tx, std::int64_t id, UnixSeconds at);
// A practice's (or, with `practice_code` empty, one referrer's) messages, unread first, then
// the newest; with the person's name and the outcome.
struct FeedbackRow {
  std::int64_t id = 0;
  std::int64_t referral_id = 0;
  UnixSeconds created_at = 0;
  bool read = false;
  std::string outcome;
  std::string given_name;
  std::string family_name;
};
Page<FeedbackRow> ListFeedback(sql::Connection& c, const std::string& practice_code,
                               std::int64_t referrer_id, int page, int page_size);
int UnreadFeedback(sql::Connection& c, const std::string& practice_code, std::int64_t referrer_id);

}  // namespace linkway::cases
