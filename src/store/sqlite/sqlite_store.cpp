#include "store/sqlite/sqlite_store.hpp"

#include "store/rows.hpp"
#include "store/sqlite/migrate.hpp"

namespace linkway::sqlite {
namespace {

constexpr std::string_view kPutOrganisation =
    "INSERT INTO organisations (code, kind, name, parent_code, postcode) VALUES (?1, ?2, ?3, ?4, "
    "?5) "
    "ON CONFLICT (code) DO UPDATE SET kind = ?2, name = ?3, parent_code = ?4, postcode = ?5";
constexpr std::string_view kLoadPrincipal =
    "FROM users u JOIN organisations o ON o.code = u.org_code WHERE u.id = ?1";
constexpr std::string_view kPrincipalForApiToken =
    "FROM api_tokens t JOIN users u ON u.id = t.user_id "
    "JOIN organisations o ON o.code = u.org_code WHERE t.token_hash = ?1";
constexpr std::string_view kPrincipalForSession =
    ", s.csrf_token FROM sessions s JOIN users u ON u.id = s.user_id "
    "JOIN organisations o ON o.code = u.org_code WHERE s.token_hash = ?1 AND s.expires_at > ?2";
constexpr std::string_view kInsertUser =
    "INSERT INTO users (username, display_name, role, profession, org_code, password_hash) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
constexpr std::string_view kPutSession =
    "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5)";
constexpr std::string_view kGetSession =
    "SELECT token_hash, user_id, csrf_token, created_at, expires_at FROM sessions "
    "WHERE token_hash = ?1 AND expires_at > ?2";
constexpr std::string_view kDeleteSession = "DELETE FROM sessions WHERE token_hash = ?1";
constexpr std::string_view kPutApiToken =
    "INSERT INTO api_tokens (token_hash, user_id, created_at) VALUES (?1, ?2, ?3)";
constexpr std::string_view kFindApiToken = "SELECT user_id FROM api_tokens WHERE token_hash = ?1";
constexpr std::string_view kPutPostcode =
    "INSERT OR REPLACE INTO postcodes (postcode, lsoa11, imd_decile, ruc11_code, ruc11_name) "
    "VALUES (?1, ?2, ?3, ?4, ?5)";
constexpr std::string_view kGetPostcode =
    "SELECT postcode, lsoa11, imd_decile, ruc11_code, ruc11_name FROM postcodes WHERE postcode = "
    "?1";
constexpr std::string_view kCountOrganisations = "SELECT COUNT(*) FROM organisations";

}  // namespace

SqliteStore::SqliteStore(std::string path, const StoreOptions& options)
    : path_(std::move(path)), options_(options) {}

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::string& path,
                                                       const StoreOptions& options) {
  std::unique_ptr<SqliteStore> store(new SqliteStore(path, options));
  try {
    auto db = std::make_unique<Db>(path, options.durable);
    if (Status s = Migrate(*db); !s.ok()) return s;
    store->writer_ = std::make_unique<GroupWriter>(std::move(db));
  } catch (const SqliteError& e) {
    return Status::Unavailable(e.what());
  }
  return store;
}

Status SqliteStore::PutOrganisation(const Organisation& org) {
  Status status = writer_->Run([&](Db& db) {
    Stmt s(db, kPutOrganisation);
    s.Bind(1, org.code).Bind(2, ToString(org.kind)).Bind(3, org.name).Bind(5, org.postcode);
    if (org.parent_code.empty()) {
      s.BindNull(4);
    } else {
      s.Bind(4, org.parent_code);
    }
    return s.Run();
  });
  // One process owns an SQLite file's writer, so a local notice reaches every cache.
  if (status.ok()) listeners_.Notify(kOrganisationsChanged);
  return status;
}

Result<Organisation> SqliteStore::GetOrganisation(std::string_view code) {
  return Read([&](Db& db) -> Result<Organisation> {
    Stmt s(db, std::string(rows::kOrganisationSelect) + "WHERE code = ?1");
    s.Bind(1, code);
    if (!s.Step()) return Status::NotFound("no organisation with that code");
    return rows::OrganisationFrom(s);
  });
}

Result<std::vector<Organisation>> SqliteStore::ListOrganisations(std::optional<OrgKind> kind) {
  return Read([&](Db& db) -> Result<std::vector<Organisation>> {
    Stmt s(db, std::string(rows::kOrganisationSelect) +
                   "WHERE ?1 = '' OR kind = ?1 ORDER BY kind, code");
    s.Bind(1, kind ? ToString(*kind) : std::string_view());
    std::vector<Organisation> out;
    while (s.Step()) out.push_back(rows::OrganisationFrom(s));
    return out;
  });
}

Result<User> SqliteStore::AddUser(const User& user) {
  User added = user;
  Status status = writer_->Run([&](Db& db) {
    Stmt s(db, kInsertUser);
    s.Bind(1, user.username).Bind(2, user.display_name).Bind(3, ToString(user.role));
    s.Bind(4, user.profession).Bind(5, user.org_code).Bind(6, user.password_hash);
    Status run = s.Run();
    if (run.code() == Code::kConflict) return Status::Conflict("that username is taken");
    if (run.code() == Code::kInvalid) return Status::Invalid("no organisation with that code");
    added.id = db.LastInsertId();
    return run;
  });
  if (!status.ok()) return status;
  return added;
}

Result<User> SqliteStore::FindUser(std::string_view username) {
  return Read([&](Db& db) -> Result<User> {
    Stmt s(db, std::string(rows::kUserSelect) + "WHERE username = ?1");
    s.Bind(1, username);
    if (!s.Step()) return Status::NotFound("no such user");
    return rows::UserFrom(s);
  });
}

Result<User> SqliteStore::GetUser(std::int64_t id) {
  return Read([&](Db& db) -> Result<User> {
    Stmt s(db, std::string(rows::kUserSelect) + "WHERE id = ?1");
    s.Bind(1, id);
    if (!s.Step()) return Status::NotFound("no such user");
    return rows::UserFrom(s);
  });
}

Result<std::vector<User>> SqliteStore::ListUsers() {
  return Read([&](Db& db) -> Result<std::vector<User>> {
    Stmt s(db, std::string(rows::kUserSelect) + "ORDER BY id");
    std::vector<User> out;
    while (s.Step()) out.push_back(rows::UserFrom(s));
    return out;
  });
}

Result<Principal> SqliteStore::LoadPrincipal(std::int64_t user_id) {
  return Read([&](Db& db) -> Result<Principal> {
    Stmt s(db, std::string(rows::kPrincipalColumns) + std::string(kLoadPrincipal));
    s.Bind(1, user_id);
    if (!s.Step()) return Status::NotFound("no such user");
    return rows::PrincipalFrom(s);
  });
}

Result<Principal> SqliteStore::PrincipalForApiToken(std::string_view token_hash) {
  return Read([&](Db& db) -> Result<Principal> {
    Stmt s(db, std::string(rows::kPrincipalColumns) + std::string(kPrincipalForApiToken));
    s.Bind(1, token_hash);
    if (!s.Step()) return Status::NotFound("no such token");
    return rows::PrincipalFrom(s);
  });
}

Result<Principal> SqliteStore::PrincipalForSession(std::string_view token_hash, UnixSeconds now) {
  return Read([&](Db& db) -> Result<Principal> {
    Stmt s(db, std::string(rows::kPrincipalColumns) + std::string(kPrincipalForSession));
    s.Bind(1, token_hash).Bind(2, now);
    if (!s.Step()) return Status::NotFound("no such session");
    Principal p = rows::PrincipalFrom(s);
    p.csrf_token = s.Text(9);
    return p;
  });
}

Status SqliteStore::PutSession(const SessionRecord& session) {
  return writer_->Run([&](Db& db) {
    Stmt s(db, kPutSession);
    s.Bind(1, session.token_hash).Bind(2, session.user_id).Bind(3, session.csrf_token);
    s.Bind(4, session.created_at).Bind(5, session.expires_at);
    return s.Run();
  });
}

Result<SessionRecord> SqliteStore::GetSession(std::string_view token_hash, UnixSeconds now) {
  return Read([&](Db& db) -> Result<SessionRecord> {
    Stmt s(db, kGetSession);
    s.Bind(1, token_hash).Bind(2, now);
    if (!s.Step()) return Status::NotFound("no such session");
    return SessionRecord{s.Text(0), s.Int(1), s.Text(2), s.Int(3), s.Int(4)};
  });
}

Status SqliteStore::DeleteSession(std::string_view token_hash) {
  return writer_->Run([&](Db& db) { return Stmt(db, kDeleteSession).Bind(1, token_hash).Run(); });
}

Status SqliteStore::PutApiToken(std::string_view token_hash, std::int64_t user_id, UnixSeconds at) {
  return writer_->Run([&](Db& db) {
    return Stmt(db, kPutApiToken).Bind(1, token_hash).Bind(2, user_id).Bind(3, at).Run();
  });
}

Result<std::int64_t> SqliteStore::FindApiToken(std::string_view token_hash) {
  return Read([&](Db& db) -> Result<std::int64_t> {
    Stmt s(db, kFindApiToken);
    s.Bind(1, token_hash);
    if (!s.Step()) return Status::NotFound("no such token");
    return s.Int(0);
  });
}

Status SqliteStore::PutPostcodes(const std::vector<PostcodeInfo>& postcodes) {
  return writer_->Run([&](Db& db) {
    Stmt s(db, kPutPostcode);
    for (const auto& p : postcodes) {
      s.Reset();
      s.Bind(1, p.postcode).Bind(2, p.lsoa11).Bind(3, p.imd_decile).Bind(4, p.ruc11_code);
      s.Bind(5, p.ruc11_name);
      if (Status st = s.Run(); !st.ok()) return st;
    }
    return Status::Ok();
  });
}

Result<PostcodeInfo> SqliteStore::GetPostcode(std::string_view postcode) {
  return Read([&](Db& db) -> Result<PostcodeInfo> {
    Stmt s(db, kGetPostcode);
    s.Bind(1, postcode);
    if (!s.Step()) return Status::NotFound("no such postcode");
    return PostcodeInfo{s.Text(0), s.Text(1), static_cast<int>(s.Int(2)), s.Text(3), s.Text(4)};
  });
}

Result<bool> SqliteStore::IsEmpty() {
  return Read([&](Db& db) -> Result<bool> {
    Stmt s(db, kCountOrganisations);
    s.Step();
    return s.Int(0) == 0;
  });
}

}  // namespace linkway::sqlite
