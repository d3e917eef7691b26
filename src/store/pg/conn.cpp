#include "store/pg/conn.hpp"

#include <poll.h>

namespace linkway::pg {
namespace {

// States after which trying again later may work: 08 (connection exception), 57P01-57P03
// (shutdown, crash, cannot connect now), 53 (insufficient resources), 25006 (read-only: a
// standby, during a failover), 55P03 (lock not available), 57014 (statement cancelled or
// timed out), 40001/40P01 (serialisation failure, deadlock).
bool IsUnavailable(const std::string& state) {
  return state.starts_with("08") || state.starts_with("57P") || state.starts_with("53") ||
         state == "25006" || state == "55P03" || state == "57014" || state == "40001" ||
         state == "40P01";
}

}  // namespace

Status StatusFor(const PgError& e, std::string_view context) {
  const std::string& state = e.sqlstate();
  if (e.connection_lost() || IsUnavailable(state)) {
    return Status::Unavailable("the database cannot be reached; try again shortly");
  }
  if (state == "23505") return Status::Conflict(std::string(context) + ": that key is taken");
  if (state == "23503") {
    return Status::Invalid(std::string(context) + ": a referenced record does not exist");
  }
  if (state.starts_with("23")) {
    return Status::Invalid(std::string(context) + ": a value breaks a rule of the database");
  }
  if (state.starts_with("22")) {
    return Status::Invalid(std::string(context) +
                           ": a value is not valid text (a NUL character or bad UTF-8) or number");
  }
  return Status::Internal(std::string(context) + " failed in the database");
}

Params& Params::Add(std::string_view value) {
  // Parameters go as C strings: a NUL would silently cut the value short.
  if (value.find('\0') != std::string_view::npos) {
    throw PgError("22021", "a text value holds a NUL character", false);
  }
  storage_.emplace_back(value);
  values_.push_back(storage_.back().c_str());
  return *this;
}

Params& Params::AddNull() {
  values_.push_back(nullptr);
  return *this;
}

Params& Params::AddOptional(const std::optional<std::string>& value) {
  return value ? Add(*value) : AddNull();
}

std::int64_t PgResult::Int(int row, int column) const {
  return IsNull(row, column) ? 0 : std::stoll(PQgetvalue(result_, row, column));
}

Conn::Conn(const std::string& url) {
  // Settings given before the URL are defaults the URL may override.
  // A server that vanishes without closing the connection is noticed in about a minute, not
  // the kernel's default of many.
  const char* keys[] = {
      "connect_timeout",  "application_name", "keepalives_idle", "keepalives_interval",
      "keepalives_count", "tcp_user_timeout", "dbname",          nullptr};
  const char* values[] = {"5", "linkway", "30", "10", "3", "30000", url.c_str(), nullptr};
  conn_ = PQconnectdbParams(keys, values, 1);
  if (PQstatus(conn_) != CONNECTION_OK) {
    std::string message = conn_ ? PQerrorMessage(conn_) : "out of memory";
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
      message.pop_back();
    }
    PQfinish(conn_);
    conn_ = nullptr;
    throw PgError("08001", message, true);
  }
  // Server notices (a shutdown, a cascade) are not for the log: errors reach callers as Status.
  PQsetNoticeProcessor(
      conn_, [](void*, const char*) {}, nullptr);
}

bool Conn::StillOpen() const {
  if (!healthy()) return false;
  pollfd fd{PQsocket(conn_), POLLIN, 0};
  return fd.fd >= 0 && poll(&fd, 1, 0) == 0;
}

Conn::~Conn() {
  if (conn_) PQfinish(conn_);
}

void Conn::Fail(PGresult* result, std::string_view context) {
  std::string state;
  std::string message = PQerrorMessage(conn_);
  if (result) {
    if (const char* s = PQresultErrorField(result, PG_DIAG_SQLSTATE)) state = s;
    if (const char* m = PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY)) message = m;
    PQclear(result);
  }
  bool lost = PQstatus(conn_) != CONNECTION_OK;
  throw PgError(state, std::string(context) + ": " + message, lost);
}

PgResult Conn::Query(std::string_view sql, const Params& params) {
  auto it = prepared_.find(sql);
  if (it == prepared_.end()) {
    std::string name = "s" + std::to_string(prepared_.size() + 1);
    std::string text(sql);
    PGresult* r = PQprepare(conn_, name.c_str(), text.c_str(), 0, nullptr);
    if (PQresultStatus(r) != PGRES_COMMAND_OK) Fail(r, "prepare");
    PQclear(r);
    it = prepared_.emplace(std::move(text), std::move(name)).first;
  }
  PGresult* r =
      PQexecPrepared(conn_, it->second.c_str(), params.size(), params.data(), nullptr, nullptr, 0);
  ExecStatusType status = PQresultStatus(r);
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) Fail(r, "query");
  return PgResult(r);
}

void Conn::Exec(std::string_view sql) {
  PGresult* r = PQexec(conn_, std::string(sql).c_str());
  ExecStatusType status = PQresultStatus(r);
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) Fail(r, "statement");
  PQclear(r);
}

Tx::Tx(Conn& conn, std::string_view begin) : conn_(conn) { conn_.Exec(begin); }

Tx::~Tx() {
  if (done_ || !conn_.healthy()) return;
  try {
    conn_.Exec("ROLLBACK");
  } catch (const PgError&) {  // the connection is dropped by its owner when it is broken
  }
}

void Tx::Commit() {
  conn_.Exec("COMMIT");
  done_ = true;
}

std::string QuoteIdent(std::string_view name) {
  std::string out = "\"";
  for (char c : name) {
    out += c;
    if (c == '"') out += '"';
  }
  return out + "\"";
}

}  // namespace linkway::pg
