// Referrals: intake, a referral's life, signposts and GP systems' drafts, as the pages and the
// API use them; the public face of the referrals module, and the header other capabilities
// read referrals through. Each call checks access (access.hpp), validates, writes an audit row
// for every read and write of a person's data, and returns the core's Status on failure.
// Thread safety: all methods may be called concurrently.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "auth/audit.hpp"
#include "auth/auth_store.hpp"
#include "reference/org_directory.hpp"
#include "referrals/codes.hpp"
#include "referrals/referral_life.hpp"
#include "referrals/referral_store.hpp"

namespace linkway {

struct ReferralQuery {
  std::string practice;  // empty: everything the caller may see
  std::optional<ReferralState> state;
  bool open_only = false;  // received, accepted, contacted, active
  int page = 1;
  int page_size = 50;
};

struct SignpostQuery {
  std::string practice;
  int page = 1;
  int page_size = 50;
};

// A referral with its whole history, as the details page and the API show it.
// What a person asks for on the self-referral form.
struct SelfReferralInput {
  std::string given_name;
  std::string family_name;
  std::string phone;
  std::string email;
  std::string postcode;
  std::string practice;    // the GP practice's code
  std::string help;        // what they would like help with
  std::string nhs_number;  // optional
  bool agreed = false;     // to be contacted by the service and to share with their practice
};

inline constexpr std::string_view kSelfReferralUser = "self-referral";

struct ReferralView {
  Referral referral;
  std::vector<ReferralEvent> history;
};

// What another capability is told, inside the write that moves a referral on: who moved it,
// the referral before and after the step, and the step's event (its id set).
struct StepContext {
  const Principal& who;
  const Referral& before;
  const Referral& after;
  const ReferralEvent& event;
};
// Runs in the same transaction as the step; a failed Status undoes the step.
using StepHook = std::function<Status(sql::Tx& tx, const StepContext& step)>;

class Referrals {
 public:
  static constexpr UnixSeconds kDraftLifetime = UnixSeconds{15} * 60;

  Referrals(ReferralStore& store, OrgDirectory& orgs, AuthStore& users, const Clock& clock,
            const CodeTable& codes)
      : store_(store),
        orgs_(orgs),
        users_(users),
        audit_(store.db()),
        clock_(clock),
        codes_(store.db(), codes) {}

  // `input.practice` empty means the caller's own practice.
  Result<CreatedReferral> CreateReferral(const Principal& who, ReferralInput input,
                                         const std::string& idempotency_key = "",
                                         const std::string& request_hash = "");
  Result<Referral> GetReferral(const Principal& who, std::int64_t id);
  // A person refers themselves (the public form): it arrives in their practice's PCN inbox as
  // a referral whose source is self (referrer profession "self_referral", made by the built-in
  // user "self-referral"). Acknowledged only once durable. kInvalid naming every field.
  Result<CreatedReferral> CreateSelfReferral(const SelfReferralInput& input);
  // The referral and its history, read under one audit row.
  Result<ReferralView> View(const Principal& who, std::int64_t id);
  Result<Page<Referral>> ListReferrals(const Principal& who, const ReferralQuery& query);
  // Moves the referral on, then runs every hook added with OnStep and `also` (when given) in the
  // same transaction: the step and their changes commit together, or none of them.
  Result<Referral> Move(const Principal& who, std::int64_t id, const TransitionRequest& request,
                        const StepHook& also = {});
  // Adds a hook run inside every step (casework keeps its cases in step this way). Call before
  // serving.
  void OnStep(StepHook hook) { hooks_.push_back(std::move(hook)); }

  Result<Signpost> RecordSignpost(const Principal& who, const SignpostInput& input);
  Result<Page<Signpost>> ListSignposts(const Principal& who, const SignpostQuery& query);

  // Stores a prefilled referral from a GP system and returns the one-time token for its link.
  Result<std::string> CreateDraft(const Principal& who, const std::string& payload_json);
  // The draft's payload, once; kNotFound when used, expired or unknown.
  Result<std::string> OpenDraft(const Principal& who, const std::string& token);
  // Removes drafts that were used or have expired (housekeeping); how many.
  Result<std::int64_t> PurgeDrafts();

  UnixSeconds Now() const { return clock_.Now(); }
  OrgDirectory& organisations() { return orgs_; }
  // The local code table in use, and who replaced it.
  const CodeBook& codes() const { return codes_; }
  // An administrator replaces the local code table from CSV text (kInvalid naming the line;
  // kForbidden for anyone else); audited in the same write.
  Status ReplaceCodes(const Principal& who, std::string_view csv);

 private:
  // Audits a refused attempt on a record, then gives `answer`: by default, as if there were
  // no such record.
  Status Refused(const Principal& who, std::string_view action, std::int64_t id,
                 Status answer = Status::NotFound("no referral with that id"));

  AuditEntry Audit(const Principal& who, std::string action, std::string type,
                   std::string id) const {
    return AuditFor(who, clock_.Now(), std::move(action), std::move(type), std::move(id));
  }

  ReferralStore& store_;
  OrgDirectory& orgs_;
  AuthStore& users_;
  AuditTrail audit_;
  const Clock& clock_;
  CodeBook codes_;
  std::vector<StepHook> hooks_;
};

}  // namespace linkway
