// The PostgreSQL implementation of Store, through libpq: a bounded pool of connections shared
// by reads and writes, versioned migrations applied under an advisory lock (so that several
// instances can start at once), and a listener connection that turns NOTIFY into change
// notices. Referral intake goes through a group-commit batcher (intake_batcher.hpp). Each
// other write is one transaction, committed (and so durable, with the server's
// synchronous_commit) before the call returns; PostgreSQL groups concurrent commits itself.
// A lost server makes calls return kUnavailable; broken connections are dropped and replaced
// on the next call, so service resumes once the server is back.
// Thread safety: as Store.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/pg/conn.hpp"
#include "store/store.hpp"

namespace linkway::pg {

class Listener;
class IntakeBatcher;

class PgStore final : public Store {
 public:
  // Connects to `url`, applies migrations; see OpenStore for the errors.
  static Result<std::unique_ptr<PgStore>> Open(const std::string& url, const StoreOptions& options);
  ~PgStore() override;

  Status PutOrganisation(const Organisation& org) override;
  Result<Organisation> GetOrganisation(std::string_view code) override;
  Result<std::vector<Organisation>> ListOrganisations(std::optional<OrgKind> kind) override;
  Result<User> AddUser(const User& user) override;
  Result<User> FindUser(std::string_view username) override;
  Result<User> GetUser(std::int64_t id) override;
  Result<std::vector<User>> ListUsers() override;
  Result<Principal> LoadPrincipal(std::int64_t user_id) override;
  Status PutSession(const SessionRecord& session) override;
  Result<SessionRecord> GetSession(std::string_view token_hash, UnixSeconds now) override;
  Status DeleteSession(std::string_view token_hash) override;
  Status PutApiToken(std::string_view token_hash, std::int64_t user_id, UnixSeconds at) override;
  Result<std::int64_t> FindApiToken(std::string_view token_hash) override;
  Result<Principal> PrincipalForApiToken(std::string_view token_hash) override;
  Result<Principal> PrincipalForSession(std::string_view token_hash, UnixSeconds now) override;
  Result<CreatedReferral> CreateReferral(const NewReferral& referral,
                                         const AuditEntry& audit) override;
  Result<Referral> GetReferral(std::int64_t id) override;
  Result<Page<Referral>> ListReferrals(const ReferralFilter& filter) override;
  Result<std::vector<ReferralEvent>> ListEvents(std::int64_t referral_id) override;
  Result<Referral> UpdateReferral(std::int64_t id, const Decide& decide,
                                  const AuditEntry& audit) override;
  Result<Signpost> CreateSignpost(const Signpost& signpost, const AuditEntry& audit) override;
  Result<Page<Signpost>> ListSignposts(const SignpostFilter& filter) override;
  Status PutDraft(const DraftRecord& draft, const AuditEntry& audit) override;
  Result<DraftRecord> TakeDraft(std::string_view token_hash, UnixSeconds now,
                                const AuditEntry& audit) override;
  Status Audit(const AuditEntry& entry) override;
  Result<std::vector<AuditEntry>> ListAudit(const AuditFilter& filter) override;
  Status PutPostcodes(const std::vector<PostcodeInfo>& postcodes) override;
  Result<PostcodeInfo> GetPostcode(std::string_view postcode) override;
  Result<bool> IsEmpty() override;
  Result<bool> TakeSignInAttempt(std::string_view username, UnixSeconds at,
                                 UnixSeconds window_start, int max_attempts) override;
  Status ClearSignInFailures(std::string_view username) override;
  void Subscribe(ChangeListener listener) override;
  Status ExportRows(const RowSink& sink) override;
  Status ImportRows(const std::function<Status(RowWriter&)>& fill) override;
  Status Backup(const std::string& path) override;
  std::string_view backend() const override { return "postgresql"; }

 private:
  PgStore(std::string url, const StoreOptions& options);

  // Runs f(Conn&) on a pooled connection; a PgError becomes a Status (see conn.hpp) and a
  // broken connection is dropped.
  template <typename F>
  auto Run(std::string_view context, F&& f) -> decltype(f(std::declval<Conn&>()));
  std::unique_ptr<Conn> Acquire();
  void Release(std::unique_ptr<Conn> conn);
  // One referral in one statement on a pooled connection: the batcher's fall-back.
  Result<CreatedReferral> CreateOne(const NewReferral& referral, const AuditEntry& audit);

  std::string url_;
  StoreOptions options_;
  std::string channel_;  // NOTIFY channel of this database and schema
  std::mutex pool_mutex_;
  std::condition_variable pool_free_;
  std::vector<std::unique_ptr<Conn>> idle_;
  int open_ = 0;
  std::unique_ptr<Listener> listener_;
  std::unique_ptr<IntakeBatcher> batcher_;  // last: stops before the rest goes
};

template <typename F>
auto PgStore::Run(std::string_view context, F&& f) -> decltype(f(std::declval<Conn&>())) {
  // Hands the connection back however `f` leaves, so the pool never loses one.
  struct Lease {
    PgStore& store;
    std::unique_ptr<Conn> conn;
    ~Lease() { store.Release(std::move(conn)); }
  } lease{*this, nullptr};
  try {
    lease.conn = Acquire();
    return f(*lease.conn);
  } catch (const PgError& e) {
    return StatusFor(e, context);
  }
}

// Appends an audit row on `conn`, inside the caller's transaction.
void InsertAudit(Conn& conn, const AuditEntry& entry);

}  // namespace linkway::pg
