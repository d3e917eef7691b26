// The SQLite implementation of Store: WAL, synchronous=FULL, versioned migrations, one
// group-commit writer (group_writer.hpp) for every write and a small pool of read
// connections. Thread safety: as Store.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/change_listeners.hpp"
#include "store/sqlite/db.hpp"
#include "store/sqlite/group_writer.hpp"
#include "store/store.hpp"

namespace linkway::sqlite {

class SqliteStore final : public Store {
 public:
  // Opens PATH, applies migrations; see OpenStore for the errors.
  static Result<std::unique_ptr<SqliteStore>> Open(const std::string& path,
                                                   const StoreOptions& options);

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
  std::string_view backend() const override { return "sqlite"; }

  GroupWriter::Stats writer_stats() const { return writer_->stats(); }

 private:
  SqliteStore(std::string path, const StoreOptions& options);

  // A read connection from the pool for the duration of `f(Db&)`; SQLite errors become
  // Status values.
  template <typename F>
  auto Read(F&& f) -> decltype(f(std::declval<Db&>()));

  std::string path_;
  StoreOptions options_;
  std::unique_ptr<GroupWriter> writer_;
  std::mutex pool_mutex_;
  std::vector<std::unique_ptr<Db>> pool_;
  ChangeListeners listeners_;
};

// Appends the audit row; used inside write jobs.
void InsertAudit(Db& db, const AuditEntry& entry);
// Reads a referral by id on `db`; kNotFound when there is none.
Result<Referral> LoadReferral(Db& db, std::int64_t id);

template <typename F>
auto SqliteStore::Read(F&& f) -> decltype(f(std::declval<Db&>())) {
  std::unique_ptr<Db> db;
  {
    std::lock_guard lock(pool_mutex_);
    if (!pool_.empty()) {
      db = std::move(pool_.back());
      pool_.pop_back();
    }
  }
  try {
    if (!db) db = std::make_unique<Db>(path_, options_.durable);
    auto result = f(*db);
    std::lock_guard lock(pool_mutex_);
    if (pool_.size() < static_cast<std::size_t>(options_.read_connections)) {
      pool_.push_back(std::move(db));
    }
    return result;
  } catch (const SqliteError& e) {
    return StatusFor(e.code(), "read");
  }
}

}  // namespace linkway::sqlite
