// AuthStore: second factors, and the writes administration makes to users.
#include "auth/auth_store.hpp"

namespace linkway {
namespace {

constexpr std::string_view kGetFactor =
    "SELECT secret, created_at, confirmed_at, last_step FROM second_factors WHERE user_id = $1";
constexpr std::string_view kDeleteUnconfirmed =
    "DELETE FROM second_factors WHERE user_id = $1 AND confirmed_at = 0";
constexpr std::string_view kPutFactor =
    "INSERT INTO second_factors (user_id, secret, created_at) VALUES ($1, $2, $3)";
constexpr std::string_view kConfirmFactor =
    "UPDATE second_factors SET confirmed_at = $3, last_step = $2 "
    "WHERE user_id = $1 AND confirmed_at = 0 RETURNING 1";
constexpr std::string_view kTakeStep =
    "UPDATE second_factors SET last_step = $2 WHERE user_id = $1 AND last_step < $2 "
    "AND confirmed_at > 0 RETURNING 1";
constexpr std::string_view kDeleteCodes = "DELETE FROM recovery_codes WHERE user_id = $1";
constexpr std::string_view kPutCode =
    "INSERT INTO recovery_codes (code_hash, user_id) VALUES ($1, $2)";
constexpr std::string_view kUseCode =
    "UPDATE recovery_codes SET used_at = $3 WHERE code_hash = $2 AND user_id = $1 "
    "AND used_at = 0 RETURNING 1";
constexpr std::string_view kCodesLeft =
    "SELECT COUNT(*) FROM recovery_codes WHERE user_id = $1 AND used_at = 0";
constexpr std::string_view kDeleteFactor = "DELETE FROM second_factors WHERE user_id = $1";
constexpr std::string_view kEndSessions = "DELETE FROM sessions WHERE user_id = $1";
constexpr std::string_view kPutSession =
    "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at, last_seen_at, "
    "stage) VALUES ($1, $2, $3, $4, $5, $4, $6)";
constexpr std::string_view kSetActive = "UPDATE users SET active = $2 WHERE id = $1 RETURNING 1";
constexpr std::string_view kRevokeTokens =
    "UPDATE api_tokens SET revoked_at = $2 WHERE user_id = $1 AND revoked_at = 0";
constexpr std::string_view kSetRole = "UPDATE users SET role = $2 WHERE id = $1 RETURNING 1";
constexpr std::string_view kSetPassword =
    "UPDATE users SET password_hash = $2 WHERE id = $1 RETURNING 1";
constexpr std::string_view kSignedIn = "UPDATE users SET last_sign_in_at = $2 WHERE id = $1";
constexpr std::string_view kPutReset =
    "INSERT INTO password_resets (token_hash, user_id, created_by, created_at, expires_at) "
    "VALUES ($1, $2, $3, $4, $5)";
constexpr std::string_view kTakeReset =
    "UPDATE password_resets SET used_at = $2 WHERE token_hash = $1 AND used_at = 0 "
    "AND expires_at > $2 RETURNING user_id";
constexpr std::string_view kDropResets =
    "DELETE FROM password_resets WHERE user_id = $1 AND used_at = 0";
constexpr std::string_view kPeekReset =
    "SELECT user_id FROM password_resets WHERE token_hash = $1 AND used_at = 0 AND expires_at > $2";

// Runs an UPDATE ... RETURNING; kNotFound with `missing` when it changed no row.
template <typename... Args>
Status Changed(sql::Tx& tx, std::string_view sql, std::string_view missing, const Args&... args) {
  sql::Query q(tx, sql, args...);
  if (!q.Step()) return Status::NotFound(std::string(missing));
  while (q.Step()) {
  }
  return Status::Ok();
}

}  // namespace

Result<SecondFactor> AuthStore::GetSecondFactor(std::int64_t user_id) {
  return db_.Read([&](sql::Connection& c) -> Result<SecondFactor> {
    sql::Query q(c, kGetFactor, user_id);
    if (!q.Step()) return Status::NotFound("no second factor");
    return SecondFactor{q.Text(0), q.Int(1), q.Int(2), q.Int(3)};
  });
}

Status AuthStore::BeginSecondFactor(std::int64_t user_id, std::string_view secret, UnixSeconds at) {
  return db_.Write([&](sql::Tx& tx) -> Status {
    tx.Lock("second factor " + std::to_string(user_id));
    sql::Query(tx, kDeleteUnconfirmed, user_id).Run();
    sql::Query existing(tx, kGetFactor, user_id);
    if (existing.Step()) return Status::Conflict("a second factor is already set up");
    sql::Query(tx, kPutFactor, user_id, secret, at).Run();
    return Status::Ok();
  });
}

Status AuthStore::ConfirmSecondFactor(std::int64_t user_id, std::int64_t step, UnixSeconds at,
                                      const std::vector<std::string>& recovery_hashes) {
  return db_.Write([&](sql::Tx& tx) -> Status {
    if (Status s = Changed(tx, kConfirmFactor, "no second factor waiting to be confirmed", user_id,
                           step, at);
        !s.ok()) {
      return s;
    }
    sql::Query(tx, kDeleteCodes, user_id).Run();
    for (const auto& hash : recovery_hashes) sql::Query(tx, kPutCode, hash, user_id).Run();
    return Status::Ok();
  });
}

Status AuthStore::TakeStep(std::int64_t user_id, std::int64_t step) {
  return db_.Write([&](sql::Tx& tx) -> Status {
    sql::Query q(tx, kTakeStep, user_id, step);
    if (!q.Step()) return Status::Conflict("that code was already used");
    return Status::Ok();
  });
}

Status AuthStore::UseRecoveryCode(std::int64_t user_id, std::string_view code_hash,
                                  UnixSeconds at) {
  return db_.Write([&](sql::Tx& tx) {
    return Changed(tx, kUseCode, "no such recovery code", user_id, code_hash, at);
  });
}

Result<std::int64_t> AuthStore::RecoveryCodesLeft(std::int64_t user_id) {
  return db_.Read([&](sql::Connection& c) -> Result<std::int64_t> {
    sql::Query q(c, kCodesLeft, user_id);
    q.Step();
    return q.Int(0);
  });
}

Status AuthStore::ResetSecondFactor(std::int64_t user_id) {
  return db_.Write([&](sql::Tx& tx) {
    sql::Query(tx, kDeleteCodes, user_id).Run();
    sql::Query(tx, kDeleteFactor, user_id).Run();
    sql::Query(tx, kEndSessions, user_id).Run();
    return Status::Ok();
  });
}

Status AuthStore::PromoteSession(std::string_view pending_hash, const SessionRecord& full) {
  return db_.Write([&](sql::Tx& tx) -> Status {
    sql::Query gone(tx,
                    "DELETE FROM sessions WHERE token_hash = $1 AND stage <> 'full' "
                    "RETURNING 1",
                    pending_hash);
    if (!gone.Step()) return Status::Unauthenticated("the sign-in has ended; sign in again");
    while (gone.Step()) {
    }
    sql::Query(tx, kPutSession, full.token_hash, full.user_id, full.csrf_token, full.created_at,
               full.expires_at, full.stage)
        .Run();
    return Status::Ok();
  });
}

Status AuthStore::SetActive(std::int64_t user_id, bool active, UnixSeconds at) {
  return db_.Write([&](sql::Tx& tx) -> Status {
    if (Status s = Changed(tx, kSetActive, "no such user", user_id, std::int64_t{active ? 1 : 0});
        !s.ok()) {
      return s;
    }
    if (!active) {
      sql::Query(tx, kEndSessions, user_id).Run();
      sql::Query(tx, kDropResets, user_id).Run();
      sql::Query(tx, kRevokeTokens, user_id, at).Run();
    }
    return Status::Ok();
  });
}

Status AuthStore::SetRole(std::int64_t user_id, Role role) {
  // The sessions end: the new role may need a second factor the old one did not.
  return db_.Write([&](sql::Tx& tx) -> Status {
    if (Status s = Changed(tx, kSetRole, "no such user", user_id, ToString(role)); !s.ok()) {
      return s;
    }
    sql::Query(tx, kEndSessions, user_id).Run();
    return Status::Ok();
  });
}

Status AuthStore::SetPassword(std::int64_t user_id, std::string_view hash) {
  return db_.Write([&](sql::Tx& tx) -> Status {
    if (Status s = Changed(tx, kSetPassword, "no such user", user_id, hash); !s.ok()) return s;
    sql::Query(tx, kEndSessions, user_id).Run();
    return Status::Ok();
  });
}

Status AuthStore::RecordSignIn(std::int64_t user_id, UnixSeconds at) {
  return db_.Write([&](sql::Tx& tx) {
    sql::Query(tx, kSignedIn, user_id, at).Run();
    return Status::Ok();
  });
}

Status AuthStore::PutPasswordReset(std::string_view token_hash, std::int64_t user_id,
                                   std::int64_t by, UnixSeconds at, UnixSeconds expires_at) {
  return db_.Write([&](sql::Tx& tx) {
    sql::Query(tx, kDropResets, user_id).Run();  // a new link replaces any before it
    sql::Query(tx, kPutReset, token_hash, user_id, by, at, expires_at).Run();
    return Status::Ok();
  });
}

Result<std::int64_t> AuthStore::TakePasswordReset(std::string_view token_hash, UnixSeconds now) {
  return db_.Write([&](sql::Tx& tx) -> Result<std::int64_t> {
    sql::Query q(tx, kTakeReset, token_hash, now);
    if (!q.Step()) return Status::NotFound("the link has expired or was used");
    return q.Int(0);
  });
}

Result<std::int64_t> AuthStore::PeekPasswordReset(std::string_view token_hash, UnixSeconds now) {
  return db_.Read([&](sql::Connection& c) -> Result<std::int64_t> {
    sql::Query q(c, kPeekReset, token_hash, now);
    if (!q.Step()) return Status::NotFound("the link has expired or was used");
    return q.Int(0);
  });
}

}  // namespace linkway
