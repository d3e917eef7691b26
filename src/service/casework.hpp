// Casework: referrals, their life, signposts and drafts, as the pages and the API use them.
// Each call checks access (auth/access.hpp), validates, writes an audit row for every read and
// write of a person's data, and returns the core's Status on failure.
// Thread safety: all methods may be called concurrently.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/codes.hpp"
#include "core/referral_life.hpp"
#include "service/org_directory.hpp"
#include "store/store.hpp"

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

class Casework {
 public:
  static constexpr UnixSeconds kDraftLifetime = UnixSeconds{15} * 60;

  Casework(Store& store, const Clock& clock, const CodeTable& codes)
      : store_(store), clock_(clock), codes_(codes), orgs_(store) {}

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
  AuditEntry AuditFor(const Principal& who, std::string action, std::string type,
                      std::string id) const;

  Store& store_;
  const Clock& clock_;
  const CodeTable& codes_;
  OrgDirectory orgs_;
};

}  // namespace linkway
