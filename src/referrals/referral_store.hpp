// The referrals module's storage: referrals with their append-only history and idempotency
// keys, signposts, and GP systems' drafts, in its own tables (schema.hpp). Every write records
// its audit row in the same transaction.
//
// Intake is the hot path: on PostgreSQL, concurrent referrals are inserted with their first
// events, audit rows and keys in one statement per batch (referral_intake.cpp); elsewhere one
// at a time within the batch. Either way a referral is acknowledged only once committed.
// Thread safety: every method may be called from any thread.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/audit.hpp"
#include "core/page.hpp"
#include "referrals/referral.hpp"
#include "referrals/signpost.hpp"
#include "store/database.hpp"

namespace linkway {

// A referral to create: the validated input plus where it goes and who sent it.
struct NewReferral {
  ReferralInput input;  // already validated
  std::string pcn_code;
  std::string practice_name;  // for the returned record only
  std::int64_t referrer_id = 0;
  std::string referrer_name;  // for the returned record only
  std::string referrer_profession;
  UnixSeconds at = 0;
  ReferralEvent first_event;    // the "received" event; ids are filled in by the store
  std::string idempotency_key;  // empty when the client sent none
  std::string request_hash;     // of the request body, to spot a reused key
};

// The record `referral` becomes once stored with `id`, without reading it back.
Referral StoredReferral(std::int64_t id, const NewReferral& referral);

struct CreatedReferral {
  Referral referral;
  bool replayed = false;  // true when the idempotency key had been seen with the same body
};

struct ReferralFilter {
  std::string practice_code;          // empty: any
  std::string pcn_code;               // empty: any
  std::vector<ReferralState> states;  // empty: any
  int page = 1;                       // from 1
  int page_size = 50;
  bool oldest_first = true;
};

struct SignpostFilter {
  std::string practice_code;
  std::string pcn_code;
  int page = 1;
  int page_size = 50;
};

// A prefilled referral a GP system handed over, waiting for the clinician to open it once.
struct DraftRecord {
  std::string token_hash;
  std::int64_t created_by = 0;  // the integration's user
  std::string payload;          // JSON of the prefilled ReferralInput
  UnixSeconds created_at = 0;
  UnixSeconds expires_at = 0;
};

class ReferralStore {
 public:
  explicit ReferralStore(sql::Database& db);
  ~ReferralStore();
  ReferralStore(const ReferralStore&) = delete;
  ReferralStore& operator=(const ReferralStore&) = delete;
  sql::Database& db() { return db_; }

  // Creates a referral with its first event and the audit row (its record_id set to the new
  // id). With an idempotency key this referrer used before: the same request_hash returns the
  // earlier referral with replayed=true (and a new audit row); a different one kConflict. An
  // unknown practice or referrer is kInvalid.
  Result<CreatedReferral> Create(const NewReferral& referral, const AuditEntry& audit);
  Result<Referral> Get(std::int64_t id);  // kNotFound
  Result<Page<Referral>> List(const ReferralFilter& filter);
  Result<std::vector<ReferralEvent>> Events(std::int64_t referral_id);

  // Read-modify-write of one referral in one transaction: reads it (locked against other
  // writers), calls `decide` with it, and when `decide` returns an event, appends the event,
  // moves the referral to event.to (setting that step's time, the outcome and reason) and
  // writes `audit`; then calls `after` (when given) in the same transaction with the referral
  // before and after the step and the event (its id set), so that other tables can change with
  // the step. A failed Status from `decide` or `after` is returned unchanged and nothing is
  // written.
  using Decide = std::function<Result<ReferralEvent>(const Referral&)>;
  using After = std::function<Status(sql::Tx&, const Referral& before, const Referral& after,
                                     const ReferralEvent& event)>;
  Result<Referral> Update(std::int64_t id, const Decide& decide, const AuditEntry& audit,
                          const After& after = {});

  // The signpost with its id; the audit row's record_id is set to it.
  Result<Signpost> CreateSignpost(const Signpost& signpost, const AuditEntry& audit);
  Result<Page<Signpost>> ListSignposts(const SignpostFilter& filter);

  Status PutDraft(const DraftRecord& draft, const AuditEntry& audit);
  // Returns the draft and marks it used (its payload, patient data, is then dropped), once: a
  // second call, one after expiry, or one from outside `org_code` (the organisation of the user
  // who made it) gets kNotFound and leaves the draft as it was.
  Result<DraftRecord> TakeDraft(std::string_view token_hash, UnixSeconds now,
                                std::string_view org_code, const AuditEntry& audit);
  // Removes drafts that expired or were used before `before`; how many.
  Result<std::int64_t> PurgeDrafts(UnixSeconds before);

  // One referral in a merged intake write (referral_intake.cpp).
  struct Intake;

 private:
  sql::Database& db_;
  std::unique_ptr<sql::Merge<Intake>> intake_;
};

}  // namespace linkway
