#include "store/pg/pg_store.hpp"

#include "store/pg/intake_batcher.hpp"
#include "store/pg/listener.hpp"
#include "store/pg/migrate.hpp"
#include "store/rows.hpp"

namespace linkway::pg {
namespace {

constexpr std::string_view kPutOrganisation =
    "INSERT INTO organisations (code, kind, name, parent_code, postcode) "
    "VALUES ($1, $2, $3, NULLIF($4, ''), $5) ON CONFLICT (code) DO UPDATE SET "
    "kind = EXCLUDED.kind, name = EXCLUDED.name, parent_code = EXCLUDED.parent_code, "
    "postcode = EXCLUDED.postcode";
constexpr std::string_view kNotify = "SELECT pg_notify($1, $2)";
constexpr std::string_view kChannel =
    "SELECT 'linkway_' || left(md5(current_database() || '.' || current_schema()), 16)";
constexpr std::string_view kLoadPrincipal =
    "FROM users u JOIN organisations o ON o.code = u.org_code WHERE u.id = $1";
constexpr std::string_view kPrincipalForApiToken =
    "FROM api_tokens t JOIN users u ON u.id = t.user_id "
    "JOIN organisations o ON o.code = u.org_code WHERE t.token_hash = $1";
constexpr std::string_view kPrincipalForSession =
    ", s.csrf_token FROM sessions s JOIN users u ON u.id = s.user_id "
    "JOIN organisations o ON o.code = u.org_code WHERE s.token_hash = $1 AND s.expires_at > $2";
constexpr std::string_view kInsertUser =
    "INSERT INTO users (username, display_name, role, profession, org_code, password_hash) "
    "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id";
constexpr std::string_view kPutSession =
    "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) "
    "VALUES ($1, $2, $3, $4, $5)";
constexpr std::string_view kGetSession =
    "SELECT token_hash, user_id, csrf_token, created_at, expires_at FROM sessions "
    "WHERE token_hash = $1 AND expires_at > $2";
constexpr std::string_view kDeleteSession = "DELETE FROM sessions WHERE token_hash = $1";
constexpr std::string_view kPutApiToken =
    "INSERT INTO api_tokens (token_hash, user_id, created_at) VALUES ($1, $2, $3)";
constexpr std::string_view kFindApiToken = "SELECT user_id FROM api_tokens WHERE token_hash = $1";
constexpr std::string_view kPutPostcode =
    "INSERT INTO postcodes (postcode, lsoa11, imd_decile, ruc11_code, ruc11_name) "
    "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (postcode) DO UPDATE SET lsoa11 = EXCLUDED.lsoa11, "
    "imd_decile = EXCLUDED.imd_decile, ruc11_code = EXCLUDED.ruc11_code, "
    "ruc11_name = EXCLUDED.ruc11_name";
constexpr std::string_view kGetPostcode =
    "SELECT postcode, lsoa11, imd_decile, ruc11_code, ruc11_name FROM postcodes "
    "WHERE postcode = $1";
constexpr std::string_view kAnyOrganisation = "SELECT EXISTS (SELECT 1 FROM organisations)";
constexpr std::string_view kLockUsername =
    "SELECT pg_advisory_xact_lock(hashtext('linkway sign-in'), hashtext($1))";
constexpr std::string_view kCountFailures =
    "SELECT COUNT(*) FROM sign_in_failures WHERE username = $1";
constexpr std::string_view kForgetFailures =
    "DELETE FROM sign_in_failures WHERE username = $1 AND at < $2";
constexpr std::string_view kInsertFailure =
    "INSERT INTO sign_in_failures (username, at) VALUES ($1, $2)";
constexpr std::string_view kClearFailures = "DELETE FROM sign_in_failures WHERE username = $1";

// Writer threads (and connections) of the intake batcher: while one commits, the next batch
// gathers.
constexpr int kIntakeWriters = 2;

}  // namespace

PgStore::PgStore(std::string url, const StoreOptions& options)
    : url_(std::move(url)), options_(options) {}

PgStore::~PgStore() = default;

Result<std::unique_ptr<PgStore>> PgStore::Open(const std::string& url,
                                               const StoreOptions& options) {
  std::unique_ptr<PgStore> store(new PgStore(url, options));
  try {
    auto conn = store->Acquire();
    if (Status s = Migrate(*conn); !s.ok()) return s;
    // Channel names are identifiers (63 bytes at most): a hash of where the data lives keeps
    // instances on other databases or schemas of the same server apart.
    store->channel_ = conn->Query(kChannel).Text(0, 0);
    store->Release(std::move(conn));
  } catch (const PgError& e) {
    if (e.connection_lost()) {
      return Status::Unavailable("cannot connect to PostgreSQL: " + std::string(e.what()));
    }
    return Status::Invalid("cannot prepare the PostgreSQL database: " + std::string(e.what()));
  }
  store->listener_ = std::make_unique<Listener>(url, store->channel_);
  PgStore* self = store.get();
  store->batcher_ = std::make_unique<IntakeBatcher>(
      url, options.durable, kIntakeWriters, [self](const NewReferral& nr, const AuditEntry& audit) {
        return self->CreateOne(nr, audit);
      });
  return store;
}

std::unique_ptr<Conn> PgStore::Acquire() {
  for (;;) {
    std::unique_ptr<Conn> conn;
    {
      std::unique_lock lock(pool_mutex_);
      pool_free_.wait(lock, [&] { return !idle_.empty() || open_ < options_.pg_connections; });
      if (idle_.empty()) {
        ++open_;
        break;
      }
      conn = std::move(idle_.back());
      idle_.pop_back();
    }
    // Drop a connection the server has ended rather than fail a request with it.
    if (conn->StillOpen()) return conn;
    conn.reset();
    std::lock_guard lock(pool_mutex_);
    --open_;
  }
  try {
    auto conn = std::make_unique<Conn>(url_);
    conn->SetDurable(options_.durable);
    return conn;
  } catch (const PgError&) {
    std::lock_guard lock(pool_mutex_);
    --open_;
    pool_free_.notify_one();
    throw;
  }
}

void PgStore::Release(std::unique_ptr<Conn> conn) {
  if (!conn) return;
  bool keep = conn->healthy() && PQtransactionStatus(conn->get()) == PQTRANS_IDLE;
  if (!keep) conn.reset();  // closed outside the lock
  std::lock_guard lock(pool_mutex_);
  if (keep) {
    idle_.push_back(std::move(conn));
  } else {
    --open_;
  }
  pool_free_.notify_one();
}

Status PgStore::PutOrganisation(const Organisation& org) {
  return Run("saving the organisation", [&](Conn& c) {
    Tx tx(c);
    c.Query(kPutOrganisation, Params()
                                  .Add(org.code)
                                  .Add(ToString(org.kind))
                                  .Add(org.name)
                                  .Add(org.parent_code)
                                  .Add(org.postcode));
    c.Query(kNotify, Params().Add(channel_).Add(kOrganisationsChanged));
    tx.Commit();
    return Status::Ok();
  });
}

Result<Organisation> PgStore::GetOrganisation(std::string_view code) {
  return Run("reading the organisation", [&](Conn& c) -> Result<Organisation> {
    auto r =
        c.Query(std::string(rows::kOrganisationSelect) + "WHERE code = $1", Params().Add(code));
    if (r.rows() == 0) return Status::NotFound("no organisation with that code");
    return rows::OrganisationFrom(PgRow(r, 0));
  });
}

Result<std::vector<Organisation>> PgStore::ListOrganisations(std::optional<OrgKind> kind) {
  return Run("listing organisations", [&](Conn& c) -> Result<std::vector<Organisation>> {
    auto r = c.Query(std::string(rows::kOrganisationSelect) +
                         "WHERE $1 = '' OR kind = $1 ORDER BY kind, code COLLATE \"C\"",
                     Params().Add(kind ? ToString(*kind) : std::string_view()));
    std::vector<Organisation> out;
    out.reserve(static_cast<std::size_t>(r.rows()));
    for (int i = 0; i < r.rows(); ++i) out.push_back(rows::OrganisationFrom(PgRow(r, i)));
    return out;
  });
}

Result<User> PgStore::AddUser(const User& user) {
  return Run("adding the user", [&](Conn& c) -> Result<User> {
    try {
      auto r = c.Query(kInsertUser, Params()
                                        .Add(user.username)
                                        .Add(user.display_name)
                                        .Add(ToString(user.role))
                                        .Add(user.profession)
                                        .Add(user.org_code)
                                        .Add(user.password_hash));
      User added = user;
      added.id = r.Int(0, 0);
      return added;
    } catch (const PgError& e) {
      if (e.sqlstate() == "23505") return Status::Conflict("that username is taken");
      if (e.sqlstate() == "23503") return Status::Invalid("no organisation with that code");
      throw;
    }
  });
}

Result<User> PgStore::FindUser(std::string_view username) {
  return Run("reading the user", [&](Conn& c) -> Result<User> {
    auto r =
        c.Query(std::string(rows::kUserSelect) + "WHERE username = $1", Params().Add(username));
    if (r.rows() == 0) return Status::NotFound("no such user");
    return rows::UserFrom(PgRow(r, 0));
  });
}

Result<User> PgStore::GetUser(std::int64_t id) {
  return Run("reading the user", [&](Conn& c) -> Result<User> {
    auto r = c.Query(std::string(rows::kUserSelect) + "WHERE id = $1", Params().Add(id));
    if (r.rows() == 0) return Status::NotFound("no such user");
    return rows::UserFrom(PgRow(r, 0));
  });
}

Result<std::vector<User>> PgStore::ListUsers() {
  return Run("listing users", [&](Conn& c) -> Result<std::vector<User>> {
    auto r = c.Query(std::string(rows::kUserSelect) + "ORDER BY id");
    std::vector<User> out;
    out.reserve(static_cast<std::size_t>(r.rows()));
    for (int i = 0; i < r.rows(); ++i) out.push_back(rows::UserFrom(PgRow(r, i)));
    return out;
  });
}

Result<Principal> PgStore::LoadPrincipal(std::int64_t user_id) {
  return Run("reading the user", [&](Conn& c) -> Result<Principal> {
    auto r = c.Query(std::string(rows::kPrincipalColumns) + std::string(kLoadPrincipal),
                     Params().Add(user_id));
    if (r.rows() == 0) return Status::NotFound("no such user");
    return rows::PrincipalFrom(PgRow(r, 0));
  });
}

Result<Principal> PgStore::PrincipalForApiToken(std::string_view token_hash) {
  return Run("reading the token", [&](Conn& c) -> Result<Principal> {
    auto r = c.Query(std::string(rows::kPrincipalColumns) + std::string(kPrincipalForApiToken),
                     Params().Add(token_hash));
    if (r.rows() == 0) return Status::NotFound("no such token");
    return rows::PrincipalFrom(PgRow(r, 0));
  });
}

Result<Principal> PgStore::PrincipalForSession(std::string_view token_hash, UnixSeconds now) {
  return Run("reading the session", [&](Conn& c) -> Result<Principal> {
    auto r = c.Query(std::string(rows::kPrincipalColumns) + std::string(kPrincipalForSession),
                     Params().Add(token_hash).Add(now));
    if (r.rows() == 0) return Status::NotFound("no such session");
    Principal p = rows::PrincipalFrom(PgRow(r, 0));
    p.csrf_token = r.Text(0, 9);
    return p;
  });
}

Status PgStore::PutSession(const SessionRecord& s) {
  return Run("saving the session", [&](Conn& c) {
    c.Query(kPutSession, Params()
                             .Add(s.token_hash)
                             .Add(s.user_id)
                             .Add(s.csrf_token)
                             .Add(s.created_at)
                             .Add(s.expires_at));
    return Status::Ok();
  });
}

Result<SessionRecord> PgStore::GetSession(std::string_view token_hash, UnixSeconds now) {
  return Run("reading the session", [&](Conn& c) -> Result<SessionRecord> {
    auto r = c.Query(kGetSession, Params().Add(token_hash).Add(now));
    if (r.rows() == 0) return Status::NotFound("no such session");
    return SessionRecord{r.Text(0, 0), r.Int(0, 1), r.Text(0, 2), r.Int(0, 3), r.Int(0, 4)};
  });
}

Status PgStore::DeleteSession(std::string_view token_hash) {
  return Run("ending the session", [&](Conn& c) {
    c.Query(kDeleteSession, Params().Add(token_hash));
    return Status::Ok();
  });
}

Status PgStore::PutApiToken(std::string_view token_hash, std::int64_t user_id, UnixSeconds at) {
  return Run("saving the token", [&](Conn& c) {
    c.Query(kPutApiToken, Params().Add(token_hash).Add(user_id).Add(at));
    return Status::Ok();
  });
}

Result<std::int64_t> PgStore::FindApiToken(std::string_view token_hash) {
  return Run("reading the token", [&](Conn& c) -> Result<std::int64_t> {
    auto r = c.Query(kFindApiToken, Params().Add(token_hash));
    if (r.rows() == 0) return Status::NotFound("no such token");
    return r.Int(0, 0);
  });
}

Status PgStore::PutPostcodes(const std::vector<PostcodeInfo>& postcodes) {
  return Run("saving postcodes", [&](Conn& c) {
    Tx tx(c);
    for (const auto& p : postcodes) {
      c.Query(kPutPostcode, Params()
                                .Add(p.postcode)
                                .Add(p.lsoa11)
                                .Add(p.imd_decile)
                                .Add(p.ruc11_code)
                                .Add(p.ruc11_name));
    }
    tx.Commit();
    return Status::Ok();
  });
}

Result<PostcodeInfo> PgStore::GetPostcode(std::string_view postcode) {
  return Run("reading the postcode", [&](Conn& c) -> Result<PostcodeInfo> {
    auto r = c.Query(kGetPostcode, Params().Add(postcode));
    if (r.rows() == 0) return Status::NotFound("no such postcode");
    return PostcodeInfo{r.Text(0, 0), r.Text(0, 1), static_cast<int>(r.Int(0, 2)), r.Text(0, 3),
                        r.Text(0, 4)};
  });
}

Result<bool> PgStore::IsEmpty() {
  return Run("reading the database",
             [&](Conn& c) -> Result<bool> { return c.Query(kAnyOrganisation).Text(0, 0) != "t"; });
}

Result<bool> PgStore::TakeSignInAttempt(std::string_view username, UnixSeconds at,
                                        UnixSeconds window_start, int max_attempts) {
  return Run("recording a sign-in attempt", [&](Conn& c) -> Result<bool> {
    Tx tx(c);
    // One attempt at a time per username, across every instance, until this commits.
    c.Query(kLockUsername, Params().Add(username));
    c.Query(kForgetFailures, Params().Add(username).Add(window_start));
    if (c.Query(kCountFailures, Params().Add(username)).Int(0, 0) >= max_attempts) return false;
    c.Query(kInsertFailure, Params().Add(username).Add(at));
    tx.Commit();
    return true;
  });
}

Status PgStore::ClearSignInFailures(std::string_view username) {
  return Run("clearing sign-in failures", [&](Conn& c) {
    c.Query(kClearFailures, Params().Add(username));
    return Status::Ok();
  });
}

void PgStore::Subscribe(ChangeListener listener) { listener_->Subscribe(std::move(listener)); }

}  // namespace linkway::pg
