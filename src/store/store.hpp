// The storage interface the rest of Linkway needs. Backends (store/sqlite and store/pg)
// implement it; nothing above this layer knows which one is in use.
//
// Contract for every write: when it returns ok, the change is durable (committed and synced,
// unless the store was opened with durable=false for bulk seeding); when it returns an error,
// nothing of it was written. Expected failures come back as Status values: kNotFound,
// kConflict (a unique key taken), kInvalid, kUnavailable (the database cannot be reached or
// is busy). Methods that audit take the AuditEntry and write it in the same transaction as the
// change it records.
// Thread safety: every method may be called from any thread at the same time.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/people.hpp"
#include "core/referral.hpp"
#include "core/signpost.hpp"
#include "core/status.hpp"

namespace linkway {

// One row of the audit trail: who did what to which record, and when.
struct AuditEntry {
  std::int64_t id = 0;
  UnixSeconds at = 0;
  std::int64_t user_id = 0;
  std::string username;
  std::string role;
  std::string action;       // "referral.read", "referral.create", "referral.transition", ...
  std::string record_type;  // "referral", "referral_list", "signpost", "draft", ...
  std::string record_id;    // the record's id, or the filter for a list; never patient data
};

struct AuditFilter {
  std::string record_type;
  std::string record_id;
  std::int64_t user_id = 0;
  int limit = 100;
};

struct SessionRecord {
  std::string token_hash;
  std::int64_t user_id = 0;
  std::string csrf_token;
  UnixSeconds created_at = 0;
  UnixSeconds expires_at = 0;
};

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

// The record `referral` becomes once stored with `id`: what a backend returns without reading
// it back.
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

template <typename T>
struct Page {
  std::vector<T> items;
  std::int64_t total = 0;
  int page = 1;
  int page_size = 50;
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

// Open data about a postcode, for the demo and for equity figures.
struct PostcodeInfo {
  std::string postcode;
  std::string lsoa11;
  int imd_decile = 0;  // 1 = most deprived; 0 = unknown
  std::string ruc11_code;
  std::string ruc11_name;
};

// One table as it is copied between databases (backup, restore, migrate-data): its columns
// in a fixed order and the order its rows are read in, which is the same on every backend.
struct TableSpec {
  std::string_view name;
  std::vector<std::string_view> columns;
  std::vector<std::string_view> order_by;  // text keys compare bytewise
  bool has_id = false;                     // an integer `id` key the database generates
};
// Every table, parents before children.
const std::vector<TableSpec>& Tables();

// A row as text, column by column; nullopt is NULL. Integers are written in decimal.
using Row = std::vector<std::optional<std::string>>;
using RowSink = std::function<Status(const TableSpec&, const Row&)>;

class RowWriter {
 public:
  virtual ~RowWriter() = default;
  virtual Status Insert(const TableSpec& table, const Row& row) = 0;
};

// What changed, for the caches an instance keeps: kOrganisationsChanged after organisations
// change; kEverythingChanged when changes may have been missed (the database connection that
// carries notices was lost and is back).
inline constexpr std::string_view kOrganisationsChanged = "organisations";
inline constexpr std::string_view kEverythingChanged = "*";
using ChangeListener = std::function<void(std::string_view topic)>;

struct StoreOptions {
  bool durable = true;  // false only for bulk seeding: no fsync per commit
  // Read connections kept open for reuse (SQLite); match the handler threads, since opening
  // one costs far more than a read.
  int read_connections = 64;
  // Connections to a PostgreSQL server, for reads and writes together.
  int pg_connections = 16;
};

class Store {
 public:
  virtual ~Store() = default;

  // Organisations: insert or replace by code.
  virtual Status PutOrganisation(const Organisation& org) = 0;
  virtual Result<Organisation> GetOrganisation(std::string_view code) = 0;
  virtual Result<std::vector<Organisation>> ListOrganisations(std::optional<OrgKind> kind) = 0;

  // Users. AddUser returns the user with its id, or kConflict when the username is taken.
  virtual Result<User> AddUser(const User& user) = 0;
  virtual Result<User> FindUser(std::string_view username) = 0;
  virtual Result<User> GetUser(std::int64_t id) = 0;
  virtual Result<std::vector<User>> ListUsers() = 0;
  // The user with their organisation, in one read, as the access rules need them (no CSRF
  // token). kNotFound when there is no such user.
  virtual Result<Principal> LoadPrincipal(std::int64_t user_id) = 0;

  // Sessions and bearer tokens are stored only as hashes of the secret.
  virtual Status PutSession(const SessionRecord& session) = 0;
  // kNotFound when there is no such session or it expired before `now`.
  virtual Result<SessionRecord> GetSession(std::string_view token_hash, UnixSeconds now) = 0;
  virtual Status DeleteSession(std::string_view token_hash) = 0;
  virtual Status PutApiToken(std::string_view token_hash, std::int64_t user_id, UnixSeconds at) = 0;
  // The user id the token belongs to, or kNotFound.
  virtual Result<std::int64_t> FindApiToken(std::string_view token_hash) = 0;
  // The principal a bearer token belongs to, in one read (every API request makes it).
  // kNotFound when there is no such token.
  virtual Result<Principal> PrincipalForApiToken(std::string_view token_hash) = 0;
  // The principal of a live session, with the session's CSRF token, in one read. kNotFound
  // when there is no such session or it expired before `now`.
  virtual Result<Principal> PrincipalForSession(std::string_view token_hash, UnixSeconds now) = 0;

  // Creates a referral with its first event and the audit row. With an idempotency key that
  // this referrer used before: the same request_hash returns the earlier referral with
  // replayed=true; a different one returns kConflict.
  virtual Result<CreatedReferral> CreateReferral(const NewReferral& referral,
                                                 const AuditEntry& audit) = 0;
  virtual Result<Referral> GetReferral(std::int64_t id) = 0;
  virtual Result<Page<Referral>> ListReferrals(const ReferralFilter& filter) = 0;
  virtual Result<std::vector<ReferralEvent>> ListEvents(std::int64_t referral_id) = 0;

  // Read-modify-write of one referral in one transaction: reads it, calls `decide` with it,
  // and when `decide` returns an event, appends the event, moves the referral to event.to
  // (setting that step's timestamp, the outcome and reason) and writes `audit`. A non-ok
  // Status from `decide` is returned unchanged and nothing is written.
  using Decide = std::function<Result<ReferralEvent>(const Referral&)>;
  virtual Result<Referral> UpdateReferral(std::int64_t id, const Decide& decide,
                                          const AuditEntry& audit) = 0;

  virtual Result<Signpost> CreateSignpost(const Signpost& signpost, const AuditEntry& audit) = 0;
  virtual Result<Page<Signpost>> ListSignposts(const SignpostFilter& filter) = 0;

  virtual Status PutDraft(const DraftRecord& draft, const AuditEntry& audit) = 0;
  // Returns the draft and marks it used, once: a second call, or one after expiry, gets
  // kNotFound.
  virtual Result<DraftRecord> TakeDraft(std::string_view token_hash, UnixSeconds now,
                                        const AuditEntry& audit) = 0;

  // Writes one audit row on its own (for reads), durable before it returns.
  virtual Status Audit(const AuditEntry& entry) = 0;
  virtual Result<std::vector<AuditEntry>> ListAudit(const AuditFilter& filter) = 0;

  virtual Status PutPostcodes(const std::vector<PostcodeInfo>& postcodes) = 0;
  virtual Result<PostcodeInfo> GetPostcode(std::string_view postcode) = 0;

  // True when the database holds no organisations yet (a fresh database).
  virtual Result<bool> IsEmpty() = 0;

  // Sign-in throttling, shared by every instance on the database. Before a password is
  // checked, TakeSignInAttempt records the attempt against the username, unless `max_attempts`
  // attempts are already recorded at or after `window_start` (then it returns false and writes
  // nothing). It is atomic per username, across instances, so a burst of guesses cannot all
  // pass the check before any is recorded. It forgets the username's attempts from before
  // `window_start`. A successful sign-in then clears the username's attempts.
  virtual Result<bool> TakeSignInAttempt(std::string_view username, UnixSeconds at,
                                         UnixSeconds window_start, int max_attempts) = 0;
  virtual Status ClearSignInFailures(std::string_view username) = 0;

  // Calls `listener` (on a thread of the store's) after a change to cached data is committed,
  // by this instance or, on PostgreSQL, by any other instance on the same database; within
  // about a second. Listeners stay until the store is destroyed.
  virtual void Subscribe(ChangeListener listener) = 0;

  // Every row of every table, in Tables() order, from one consistent snapshot.
  virtual Status ExportRows(const RowSink& sink) = 0;
  // Calls `fill` with a writer and commits what it inserted as one transaction, then moves
  // generated ids past the largest copied. kConflict, with nothing written, when the database
  // already holds data.
  virtual Status ImportRows(const std::function<Status(RowWriter&)>& fill) = 0;
  // Writes a consistent copy of the whole database, taken while it serves, to a new SQLite
  // file at `path` (which must not exist).
  virtual Status Backup(const std::string& path) = 0;
  // "sqlite" or "postgresql".
  virtual std::string_view backend() const = 0;
};

// Opens the store named by `url`: "sqlite:PATH" or a plain path for SQLite,
// "postgresql://..." or "postgres://..." for PostgreSQL (any libpq URL). Applies migrations.
// kInvalid for an unknown scheme, a foreign database or a schema newer than this binary;
// kUnavailable when the database cannot be opened.
Result<std::unique_ptr<Store>> OpenStore(const std::string& url, const StoreOptions& options = {});

}  // namespace linkway
