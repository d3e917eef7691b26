// Casework: what a link worker does with a referral once it reaches them. Waiting lists and
// caseloads against capacity, assignment, contacts, presence at practices, the what-matters
// conversation, the personalised plan, outcome measures, connections to community services,
// notes, safeguarding, and the discharge that writes one feedback message to the referrer.
// The public face of the casework module.
//
// Access, denied by default: a link worker works the cases of their PCN; their PCN's lead and
// an admin also assign; a referrer reads the feedback of their practice's referrals (their own
// when not in a practice) and the notes marked shareable, never the others. A case the caller
// may not see is kNotFound, as if it did not exist. Every read and write writes an audit row
// (a list's row names the referrals it showed); every change is an event in the case history.
// Thread safety: all methods may be called concurrently.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "auth/audit.hpp"
#include "auth/auth_store.hpp"
#include "casework/case.hpp"
#include "casework/case_store.hpp"
#include "casework/feedback.hpp"
#include "casework/measures.hpp"
#include "directory/directory.hpp"
#include "reference/org_directory.hpp"
#include "referrals/referrals.hpp"

namespace linkway {

// A PCN's link workers with their load, and the PCN's load against their capacity together.
struct PcnLoad {
  std::string pcn_code;
  std::string pcn_name;
  std::vector<cases::LinkWorker> link_workers;
  int capacity = 0;
  int year = 0;
  bool over_capacity() const { return year > capacity; }
};

struct CaseQuery {
  std::string pcn;          // empty: the caller's own
  std::string link_worker;  // a username; empty: anyone in the PCN
  int page = 1;
  int page_size = 50;
};

// Everything the case page shows.
struct CaseFile {
  ReferralView referral;
  std::optional<cases::CaseRow> row;  // none until a link worker holds it
  std::vector<cases::Holder> holders;
  std::vector<CaseEvent> events;
  std::vector<Contact> contacts;
  WhatMatters what_matters;
  Plan plan;
  std::vector<MeasureResult> measures;
  std::vector<Connection> connections;
  std::vector<Note> notes;
  std::vector<Concern> concerns;
  std::vector<cases::Earlier> earlier;
  std::optional<Feedback> feedback;
};

// Who a practice's referrers can turn to, and when they are in.
struct PracticeLinkWorker {
  cases::LinkWorker link_worker;
  std::vector<cases::Slot> here;  // their sessions at this practice
  std::string next_in;            // "2026-12-03 morning"; empty when never here
};
struct PracticePresence {
  Organisation practice;
  std::vector<PracticeLinkWorker> link_workers;  // those with sessions here first
  int face_to_face_90_days = 0;
};

// The measures shipped in data/measures, compiled in (a deployer's folder comes on top).
const EmbeddedFiles& MeasureFiles();
MeasureSet BuiltinMeasures();

class Casework {
 public:
  Casework(sql::Database& db, Referrals& referrals, OrgDirectory& orgs, AuthStore& users,
           const Clock& clock, const MeasureSet& measures, ServiceDirectory& services);

  // Puts the case in step with every referral step (a hook on Referrals; call once).
  void Attach();
  // What the hook does, inside the step's write: keeps the case row in step, assigns an
  // accepted case to whoever accepted it, and writes the feedback when it closes. For writers
  // that move referrals through the store themselves (the demo seed).
  Status FollowStep(sql::Tx& tx, const StepContext& step) { return HookStep(tx, step); }

  // Accepted, not yet contacted: urgent first, then the longest wait.
  Result<Page<cases::CaseRow>> WaitingList(const Principal& who, const CaseQuery& query);
  // Contacted or active: the next action due first.
  Result<Page<cases::CaseRow>> Caseload(const Principal& who, const CaseQuery& query);
  Result<PcnLoad> Load(const Principal& who, const std::string& pcn);

  // Gives every case in `referral_ids` to `link_worker`, or none of them: kInvalid naming the
  // field when the link worker is not one of the PCN's, kNotFound when a case is not the
  // caller's to assign.
  Result<int> Assign(const Principal& who, const std::vector<std::int64_t>& referral_ids,
                     const std::string& link_worker);

  Result<CaseFile> Open(const Principal& who, std::int64_t referral_id);

  // Logs a contact; the first contact on an accepted referral moves it to contacted.
  Result<Contact> LogContact(const Principal& who, std::int64_t referral_id, ContactInput input);
  Status SetWhatMatters(const Principal& who, std::int64_t referral_id, const WhatMatters& what);
  // Saves the whole plan or none of it; a first plan on a contacted referral makes it active.
  Result<Plan> SavePlan(const Principal& who, std::int64_t referral_id, const PlanInput& plan);
  Result<Plan> GetPlan(const Principal& who, std::int64_t referral_id);
  Status RecordReview(const Principal& who, std::int64_t referral_id, const std::string& date,
                      const std::string& note);
  Status SetNextAction(const Principal& who, std::int64_t referral_id, const std::string& action,
                       const std::string& due);
  Result<MeasureResult> RecordMeasure(const Principal& who, std::int64_t referral_id,
                                      const std::string& measure, const std::string& timepoint,
                                      const std::map<std::string, std::int64_t>& answers);
  // To a directory service (its id), or to an organisation (a VCSE code) for a service not
  // listed. A service not accepting referrals is refused; a waiting list is not.
  Result<Connection> Connect(const Principal& who, std::int64_t referral_id,
                             const std::string& organisation, const std::string& service);

  // The community organisation's side (role vcse): its connections, open (sent, accepted) or
  // answered, and its answer to one: accepted, declined (with a reason), attended or did not
  // attend. A connection of another organisation answers as if it did not exist.
  Result<Page<cases::InboxRow>> ServiceInbox(const Principal& who, bool open, int page);
  Result<cases::InboxRow> ServiceConnection(const Principal& who, std::int64_t connection_id);
  Result<Connection> AnswerConnection(const Principal& who, std::int64_t connection_id,
                                      const std::string& to, const std::string& reason);
  // Connections sent and unanswered: a reminder after 7 days, and after 14 declined with
  // kNoReplyReason, the link worker told by the case's next action. Returns how many of each.
  struct SweepReport {
    int reminded = 0;
    int declined = 0;
  };
  Result<SweepReport> Sweep();
  // How a service has answered the connections sent to it in the last year.
  ReplyStats Replies(const std::string& service_id);
  ServiceDirectory& services() { return services_; }
  Result<Connection> MoveConnection(const Principal& who, std::int64_t connection_id,
                                    const std::string& to, const std::string& reason);
  // A case study (anonymised, for the practice's digest) needs the person's consent to share:
  // kInvalid naming case_study without it.
  Result<Note> AddNote(const Principal& who, std::int64_t referral_id, const std::string& text,
                       bool shareable, bool case_study = false);
  // A referrer sees the shareable ones only.
  Result<std::vector<Note>> Notes(const Principal& who, std::int64_t referral_id);
  Result<Concern> RaiseConcern(const Principal& who, std::int64_t referral_id,
                               const ConcernInput& concern);
  // Closes the case (active -> closed) with an outcome code and a summary, and in the same
  // write the one feedback message to the referrer (none for a self-referral).
  Result<Referral> Discharge(const Principal& who, std::int64_t referral_id,
                             const std::string& outcome, const std::string& summary);

  // The caller's practice's feedback (a referrer's own outside a practice), unread first.
  Result<Page<cases::FeedbackRow>> ListFeedback(const Principal& who, int page);
  int UnreadFeedback(const Principal& who);
  // One message, marked read when a referrer reads it.
  Result<Feedback> ReadFeedback(const Principal& who, std::int64_t feedback_id);

  Result<std::vector<cases::Slot>> GetPresence(const Principal& who, const std::string& username);
  Status SetPresence(const Principal& who, const std::string& username,
                     const std::vector<cases::Slot>& slots);
  Result<PracticePresence> PracticeLinkWorkers(const Principal& who, const std::string& practice);
  // Capacity, phone and email (the link worker, their lead or an admin); lead (an admin).
  Status SetSettings(const Principal& who, const std::string& username, int capacity,
                     std::optional<bool> pcn_lead, const std::string& phone,
                     const std::string& email);
  Result<cases::LinkWorker> GetLinkWorker(const Principal& who, const std::string& username);

  // Every record of the person with `nhs_number` that the audit trail may name, as
  // (record_type, record_id): their referrals and cases, connections and feedback; only those
  // of PCN `pcn` unless it is empty. For an administrator's "who has seen this person".
  Result<std::vector<std::pair<std::string, std::string>>> PersonRecords(
      const std::string& nhs_number, const std::string& pcn);

  const MeasureSet& measures() const { return measures_; }
  UnixSeconds Now() const { return clock_.Now(); }
  OrgDirectory& organisations() { return orgs_; }

 private:
  AuditEntry Audit(const Principal& who, std::string action, std::string type,
                   std::string id) const {
    return AuditFor(who, clock_.Now(), std::move(action), std::move(type), std::move(id));
  }
  // The case's referral if `who` may work it (a link worker of its PCN), else kNotFound.
  // Read inside the write that needs it, so the check and the change agree.
  Result<cases::ReferralFacts> Workable(const Principal& who, sql::Connection& c,
                                        std::int64_t referral_id);
  // Writes `change` with the case's facts once `who` may work it.
  using Change = std::function<Status(sql::Tx&, const cases::ReferralFacts&)>;
  Status WriteCase(const Principal& who, std::int64_t referral_id, const Change& change);
  // As WriteCase; but when the referral is in `from`, it moves to `to` in the same write.
  Status WriteStepping(const Principal& who, std::int64_t referral_id, ReferralState from,
                       ReferralState to, const Change& change);
  // The PCN a link worker's organisation is in ("" when none).
  std::string PcnOf(const std::string& org_code);
  Status WriteFeedback(sql::Tx& tx, const StepContext& step, std::int64_t holder);
  Status HookStep(sql::Tx& tx, const StepContext& step);
  Result<std::string> ScopePcn(const Principal& who, const std::string& pcn);
  Result<Page<cases::CaseRow>> ListCases(const Principal& who, const CaseQuery& query,
                                         bool waiting);

  sql::Database& db_;
  Referrals& referrals_;
  OrgDirectory& orgs_;
  AuthStore& users_;
  AuditTrail audit_;
  const Clock& clock_;
  const MeasureSet& measures_;
  ServiceDirectory& services_;
};

}  // namespace linkway
