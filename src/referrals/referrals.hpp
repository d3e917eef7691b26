// Referrals: intake, a referral's life, signposts and GP systems' drafts, as the pages and the
// API use them; the public face of the referrals module, and the header other capabilities
// read referrals through. Each call checks access (access.hpp), validates, writes an audit row
// for every read and write of a person's data, and returns the core's Status on failure.
// Thread safety: all methods may be called concurrently.
#pragma once

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
struct ReferralView {
  Referral referral;
  std::vector<ReferralEvent> history;
};

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
        codes_(codes) {}

  // `input.practice` empty means the caller's own practice.
  Result<CreatedReferral> CreateReferral(const Principal& who, ReferralInput input,
                                         const std::string& idempotency_key = "",
                                         const std::string& request_hash = "");
  Result<Referral> GetReferral(const Principal& who, std::int64_t id);
  // The referral and its history, read under one audit row.
  Result<ReferralView> View(const Principal& who, std::int64_t id);
  Result<Page<Referral>> ListReferrals(const Principal& who, const ReferralQuery& query);
  Result<Referral> Move(const Principal& who, std::int64_t id, const TransitionRequest& request);

  Result<Signpost> RecordSignpost(const Principal& who, const SignpostInput& input);
  Result<Page<Signpost>> ListSignposts(const Principal& who, const SignpostQuery& query);

  // Stores a prefilled referral from a GP system and returns the one-time token for its link.
  Result<std::string> CreateDraft(const Principal& who, const std::string& payload_json);
  // The draft's payload, once; kNotFound when used, expired or unknown.
  Result<std::string> OpenDraft(const Principal& who, const std::string& token);

  UnixSeconds Now() const { return clock_.Now(); }
  OrgDirectory& organisations() { return orgs_; }

 private:
  AuditEntry Audit(const Principal& who, std::string action, std::string type,
                   std::string id) const {
    return AuditFor(who, clock_.Now(), std::move(action), std::move(type), std::move(id));
  }

  ReferralStore& store_;
  OrgDirectory& orgs_;
  AuthStore& users_;
  AuditTrail audit_;
  const Clock& clock_;
  const CodeTable& codes_;
};

}  // namespace linkway
