#include "auth/auth_store.hpp"

#include <algorithm>

namespace linkway {
namespace {

constexpr std::string_view kUserSelect =
    "SELECT id, username, display_name, role, profession, org_code, password_hash, active, "
    "last_sign_in_at, factor_optional, EXISTS (SELECT 1 FROM second_factors f WHERE f.user_id = "
    "users.id AND f.confirmed_at > 0) FROM users ";
constexpr std::string_view kInsertUser =
    "INSERT INTO users (username, display_name, role, profession, org_code, password_hash, "
    "factor_optional) VALUES ($1, $2, $3, $4, $5, $6, $7)";
// A principal's columns from users u and organisations o; a session adds its CSRF token.
constexpr std::string_view kPrincipal =
    "SELECT u.id, u.username, u.display_name, u.role, u.profession, o.code, o.name, o.kind, "
    "COALESCE(o.parent_code, ''), ";
constexpr std::string_view kPrincipalForUser =
    "'', 0 FROM users u JOIN organisations o ON o.code = u.org_code WHERE u.id = $1";
constexpr std::string_view kPrincipalForToken =
    "'', t.last_used_at FROM api_tokens t JOIN users u ON u.id = t.user_id "
    "JOIN organisations o ON o.code = u.org_code "
    "WHERE t.token_hash = $1 AND t.expires_at > $2 AND t.revoked_at = 0 AND u.active = 1";
constexpr std::string_view kTouchToken =
    "UPDATE api_tokens SET last_used_at = $2 WHERE token_hash = $1";
constexpr std::string_view kListTokens =
    "SELECT substr(t.token_hash, 1, 12), t.user_id, u.username, t.name, t.created_at, "
    "t.expires_at, t.last_used_at, t.revoked_at FROM api_tokens t JOIN users u ON u.id = t.user_id "
    "WHERE $1 = 0 OR t.user_id = $1 ORDER BY t.created_at DESC, t.token_hash";
constexpr std::string_view kRevokeToken =
    "UPDATE api_tokens SET revoked_at = $2 WHERE substr(token_hash, 1, 12) = $1 "
    "AND revoked_at = 0 RETURNING token_hash";
constexpr std::string_view kPrincipalForSession =
    "s.csrf_token, s.last_seen_at FROM sessions s JOIN users u ON u.id = s.user_id "
    "JOIN organisations o ON o.code = u.org_code "
    "WHERE s.token_hash = $1 AND s.expires_at > $2 AND s.last_seen_at > $3 AND s.stage = 'full' "
    "AND u.active = 1";
constexpr std::string_view kPutSession =
    "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at, last_seen_at, "
    "stage) VALUES ($1, $2, $3, $4, $5, $4, $6)";
constexpr std::string_view kTouchSession =
    "UPDATE sessions SET last_seen_at = $2 WHERE token_hash = $1";
constexpr std::string_view kGetSession =
    "SELECT s.token_hash, s.user_id, s.csrf_token, s.created_at, s.expires_at, s.stage "
    "FROM sessions s JOIN users u ON u.id = s.user_id "
    "WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.active = 1";
constexpr std::string_view kDeleteSession = "DELETE FROM sessions WHERE token_hash = $1";
constexpr std::string_view kPutApiToken =
    "INSERT INTO api_tokens (token_hash, user_id, name, created_at, expires_at) "
    "VALUES ($1, $2, $3, $4, $5)";
constexpr std::string_view kFindApiToken = "SELECT user_id FROM api_tokens WHERE token_hash = $1";
constexpr std::string_view kPairFailures =
    "SELECT COUNT(*), COALESCE(MAX(at), 0) FROM sign_in_failures "
    "WHERE username = $1 AND client = $2 AND at >= $3";
constexpr std::string_view kClientFailures =
    "SELECT COUNT(*), COALESCE(MAX(at), 0) FROM sign_in_failures WHERE client = $1 AND at >= $2";
constexpr std::string_view kInsertFailure =
    "INSERT INTO sign_in_failures (username, client, at) VALUES ($1, $2, $3)";
constexpr std::string_view kClearFailures =
    "DELETE FROM sign_in_failures WHERE username = $1 AND client = $2";
constexpr std::string_view kListThrottles =
    "SELECT username, client, COUNT(*), MAX(at) FROM sign_in_failures WHERE at >= $1 "
    "GROUP BY username, client ORDER BY MAX(at) DESC, username, client LIMIT 500";
constexpr std::string_view kClearThrottle =
    "DELETE FROM sign_in_failures WHERE ($1 = '' OR username = $1) AND ($2 = '' OR client = $2)";
constexpr std::string_view kPurgeFailures =
    "DELETE FROM sign_in_failures WHERE at < $1 RETURNING 1";
constexpr std::string_view kPurgeSessions =
    "DELETE FROM sessions WHERE expires_at <= $1 OR last_seen_at <= $2 RETURNING 1";

// How long to wait after the last of `failures`, when `free` are allowed without waiting:
// 1 second, doubling with each failure beyond, up to `most`.
UnixSeconds Delay(std::int64_t failures, int free, UnixSeconds most) {
  if (failures < free) return 0;
  std::int64_t doublings = std::min<std::int64_t>(failures - free, 30);
  return std::min<UnixSeconds>(UnixSeconds{1} << doublings, most);
}

std::int64_t CountRemoved(sql::Query& q) {
  std::int64_t removed = 0;
  while (q.Step()) ++removed;
  return removed;
}

User UserFrom(const sql::Query& q) {
  return {q.Int(0),  q.Text(1),     q.Text(2),     ParseRole(q.Text(3)).value_or(Role::kReferrer),
          q.Text(4), q.Text(5),     q.Text(6),     q.Int(7) != 0,
          q.Int(8),  q.Int(9) != 0, q.Int(10) != 0};
}

Principal PrincipalFrom(const sql::Query& q) {
  Principal p;
  p.user_id = q.Int(0);
  p.username = q.Text(1);
  p.display_name = q.Text(2);
  p.role = ParseRole(q.Text(3)).value_or(Role::kReferrer);
  p.profession = q.Text(4);
  p.org_code = q.Text(5);
  p.org_name = q.Text(6);
  p.org_kind = ParseOrgKind(q.Text(7)).value_or(OrgKind::kPractice);
  if (p.org_kind == OrgKind::kPcn) {
    p.pcn_code = p.org_code;
  } else if (p.org_kind == OrgKind::kPractice) {
    p.pcn_code = q.Text(8);
  }
  p.csrf_token = q.Text(9);
  return p;
}

// The principal, and the session's last use in `last_seen` when given.
template <typename... Args>
Result<Principal> ReadPrincipal(sql::Database& db, std::string_view from, std::string_view missing,
                                UnixSeconds* last_seen, const Args&... args) {
  return db.Read([&](sql::Connection& c) -> Result<Principal> {
    sql::Query q(c, std::string(kPrincipal) + std::string(from), args...);
    if (!q.Step()) return Status::NotFound(std::string(missing));
    if (last_seen != nullptr) *last_seen = q.Int(10);
    return PrincipalFrom(q);
  });
}

template <typename... Args>
Result<User> ReadUser(sql::Database& db, std::string_view where, const Args&... args) {
  return db.Read([&](sql::Connection& c) -> Result<User> {
    sql::Query q(c, std::string(kUserSelect) + std::string(where), args...);
    if (!q.Step()) return Status::NotFound("no such user");
    return UserFrom(q);
  });
}

}  // namespace

Result<User> AuthStore::AddUser(const User& user) {
  return db_.Write([&](sql::Tx& tx) -> Result<User> {
    User added = user;
    try {
      added.id = sql::InsertId(tx, kInsertUser, user.username, user.display_name,
                               ToString(user.role), user.profession, user.org_code,
                               user.password_hash, std::int64_t{user.factor_optional ? 1 : 0});
    } catch (const sql::Error& e) {
      if (e.status().code() == Code::kConflict) return Status::Conflict("that username is taken");
      if (e.status().code() == Code::kInvalid) {
        return Status::Invalid("no organisation with that code");
      }
      throw;
    }
    return added;
  });
}

Result<User> AuthStore::FindUser(std::string_view username) {
  return ReadUser(db_, "WHERE username = $1", username);
}

Result<User> AuthStore::GetUser(std::int64_t id) { return ReadUser(db_, "WHERE id = $1", id); }

Result<std::vector<User>> AuthStore::ListUsers() {
  return db_.Read([&](sql::Connection& c) -> Result<std::vector<User>> {
    sql::Query q(c, std::string(kUserSelect) + "ORDER BY id");
    std::vector<User> out;
    while (q.Step()) out.push_back(UserFrom(q));
    return out;
  });
}

Result<Principal> AuthStore::LoadPrincipal(std::int64_t user_id) {
  return ReadPrincipal(db_, kPrincipalForUser, "no such user", nullptr, user_id);
}

Status AuthStore::PutSession(const SessionRecord& s) {
  return db_.Write([&](sql::Tx& tx) {
    sql::Query(tx, kPutSession, s.token_hash, s.user_id, s.csrf_token, s.created_at, s.expires_at,
               s.stage)
        .Run();
    return Status::Ok();
  });
}

Result<SessionRecord> AuthStore::GetSession(std::string_view token_hash, UnixSeconds now) {
  return db_.Read([&](sql::Connection& c) -> Result<SessionRecord> {
    sql::Query q(c, kGetSession, token_hash, now);
    if (!q.Step()) return Status::NotFound("no such session");
    return SessionRecord{q.Text(0), q.Int(1), q.Text(2), q.Int(3), q.Int(4), q.Text(5)};
  });
}

Status AuthStore::DeleteSession(std::string_view token_hash) {
  return db_.Write([&](sql::Tx& tx) {
    sql::Query(tx, kDeleteSession, token_hash).Run();
    return Status::Ok();
  });
}

Result<Principal> AuthStore::PrincipalForSession(std::string_view token_hash, UnixSeconds now,
                                                 UnixSeconds idle_since, UnixSeconds* last_seen) {
  return ReadPrincipal(db_, kPrincipalForSession, "no such session", last_seen, token_hash, now,
                       idle_since);
}

Status AuthStore::TouchSession(std::string_view token_hash, UnixSeconds now) {
  return db_.Write([&](sql::Tx& tx) {
    sql::Query(tx, kTouchSession, token_hash, now).Run();
    return Status::Ok();
  });
}

Status AuthStore::PutApiToken(std::string_view token_hash, std::int64_t user_id,
                              std::string_view name, UnixSeconds at, UnixSeconds expires_at) {
  return db_.Write([&](sql::Tx& tx) {
    sql::Query(tx, kPutApiToken, token_hash, user_id, name, at, expires_at).Run();
    return Status::Ok();
  });
}

Status AuthStore::TouchApiToken(std::string_view token_hash, UnixSeconds now) {
  return db_.Write([&](sql::Tx& tx) {
    sql::Query(tx, kTouchToken, token_hash, now).Run();
    return Status::Ok();
  });
}

Result<std::vector<ApiTokenInfo>> AuthStore::ListApiTokens(std::int64_t user_id) {
  return db_.Read([&](sql::Connection& c) -> Result<std::vector<ApiTokenInfo>> {
    sql::Query q(c, kListTokens, user_id);
    std::vector<ApiTokenInfo> out;
    while (q.Step()) {
      out.push_back(
          {q.Text(0), q.Int(1), q.Text(2), q.Text(3), q.Int(4), q.Int(5), q.Int(6), q.Int(7)});
    }
    return out;
  });
}

Status AuthStore::RevokeApiToken(std::string_view id, UnixSeconds at) {
  return db_.Write([&](sql::Tx& tx) -> Status {
    sql::Query q(tx, kRevokeToken, id, at);
    if (!q.Step()) return Status::NotFound("no live token with that id");
    return Status::Ok();
  });
}

Result<std::int64_t> AuthStore::FindApiToken(std::string_view token_hash) {
  return db_.Read([&](sql::Connection& c) -> Result<std::int64_t> {
    sql::Query q(c, kFindApiToken, token_hash);
    if (!q.Step()) return Status::NotFound("no such token");
    return q.Int(0);
  });
}

Result<Principal> AuthStore::PrincipalForApiToken(std::string_view token_hash, UnixSeconds now,
                                                  UnixSeconds* last_used) {
  return ReadPrincipal(db_, kPrincipalForToken, "no such token", last_used, token_hash, now);
}

Result<UnixSeconds> AuthStore::TakeSignInAttempt(std::string_view username, std::string_view client,
                                                 UnixSeconds at, const ThrottleRules& rules) {
  return db_.Write([&](sql::Tx& tx) -> Result<UnixSeconds> {
    // One attempt at a time per client and per username, across every instance, until this
    // commits; always in this order, so two attempts cannot wait on each other.
    tx.Lock("sign-in client " + std::string(client));
    tx.Lock("sign-in " + std::string(username));
    UnixSeconds since = at - rules.window + 1;
    sql::Query pair(tx, kPairFailures, username, client, since);
    pair.Step();
    UnixSeconds until = pair.Int(1) + Delay(pair.Int(0), rules.pair_free, rules.pair_most);
    sql::Query from(tx, kClientFailures, client, since);
    from.Step();
    until = std::max(until, from.Int(1) + Delay(from.Int(0), rules.client_free, rules.client_most));
    if (until > at) return until - at;
    sql::Query(tx, kInsertFailure, username, client, at).Run();
    return UnixSeconds{0};
  });
}

Status AuthStore::ClearSignInFailures(std::string_view username, std::string_view client) {
  return db_.Write([&](sql::Tx& tx) {
    sql::Query(tx, kClearFailures, username, client).Run();
    return Status::Ok();
  });
}

Result<std::vector<Throttle>> AuthStore::ListThrottles(UnixSeconds now,
                                                       const ThrottleRules& rules) {
  return db_.Read([&](sql::Connection& c) -> Result<std::vector<Throttle>> {
    std::vector<Throttle> out;
    sql::Query q(c, kListThrottles, now - rules.window + 1);
    while (q.Step()) {
      Throttle t{q.Text(0), q.Text(1), q.Int(2), q.Int(3), 0};
      UnixSeconds until = t.last_at + Delay(t.failures, rules.pair_free, rules.pair_most);
      t.wait_until = until > now ? until : 0;
      out.push_back(std::move(t));
    }
    return out;
  });
}

Status AuthStore::ClearThrottle(std::string_view username, std::string_view client) {
  return db_.Write([&](sql::Tx& tx) {
    sql::Query(tx, kClearThrottle, username, client).Run();
    return Status::Ok();
  });
}

Result<PurgeCounts> AuthStore::Purge(UnixSeconds failures_before, UnixSeconds now,
                                     UnixSeconds idle_since) {
  return db_.Write([&](sql::Tx& tx) -> Result<PurgeCounts> {
    PurgeCounts out;
    sql::Query failures(tx, kPurgeFailures, failures_before);
    out.sign_in_failures = CountRemoved(failures);
    sql::Query sessions(tx, kPurgeSessions, now, idle_since);
    out.sessions = CountRemoved(sessions);
    return out;
  });
}

}  // namespace linkway
