#include <poll.h>

#include <charconv>

#include "store/pg/pg.hpp"

namespace linkway::sql {
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

Status StatusFor(const std::string& state, const std::string& message, bool lost) {
  if (lost || IsUnavailable(state)) return Unavailable(message);
  if (state == "23505") return Conflict(message);
  if (state == "23503") return Missing(message);
  // Other integrity rules (23), data exceptions (22: bad UTF-8, say) and a trigger's refusal.
  if (state.starts_with("23") || state.starts_with("22") || state == "P0001") {
    return BrokenRule(message);
  }
  return Failed(message);
}

class PgCursor final : public Cursor {
 public:
  PgCursor(PgConnection& connection, const std::string& name)
      : connection_(connection), name_(name) {}
  ~PgCursor() override { PQclear(result_); }
  PgCursor(const PgCursor&) = delete;
  PgCursor& operator=(const PgCursor&) = delete;

  void BindInt(int index, std::int64_t value) override { Slot(index) = std::to_string(value); }
  void BindText(int index, std::string_view value) override {
    // Parameters go as C strings: a NUL would silently cut the value short.
    if (value.find('\0') != std::string_view::npos) {
      throw Error(BrokenRule("a text value holds a NUL character"));
    }
    Slot(index) = std::string(value);
  }
  void BindNull(int index) override { Slot(index).reset(); }
  bool Step() override {
    if (result_ == nullptr) {
      std::vector<const char*> values;
      values.reserve(params_.size());
      for (const auto& p : params_) values.push_back(p ? p->c_str() : nullptr);
      result_ = connection_.Execute(name_, values);
      rows_ = PQntuples(result_);
      row_ = 0;
    } else {
      ++row_;
    }
    return row_ < rows_;
  }
  std::int64_t Int(int column) const override {
    if (PQgetisnull(result_, row_, column) != 0) return 0;
    std::string_view text = PQgetvalue(result_, row_, column);
    if (text == "t") return 1;  // a boolean reads as 0 or 1, as on SQLite
    if (text == "f") return 0;
    std::int64_t value = 0;
    std::from_chars(text.data(), text.data() + text.size(), value);
    return value;
  }
  std::string Text(int column) const override { return PQgetvalue(result_, row_, column); }
  bool IsNull(int column) const override { return PQgetisnull(result_, row_, column) != 0; }
  int columns() const override { return PQnfields(result_); }
  std::string column_name(int column) const override { return PQfname(result_, column); }

 private:
  std::optional<std::string>& Slot(int index) {
    if (index < 1) throw Error(Failed("parameters are numbered from $1"));
    if (params_.size() < static_cast<std::size_t>(index)) params_.resize(index);
    return params_[index - 1];
  }

  PgConnection& connection_;
  const std::string& name_;
  std::vector<std::optional<std::string>> params_;
  PGresult* result_ = nullptr;
  int rows_ = 0;
  int row_ = 0;
};

}  // namespace

PgConnection::PgConnection(const std::string& url, bool durable, std::string channel)
    : channel_(std::move(channel)) {
  // Settings given before the URL are defaults the URL may override. A server that vanishes
  // without closing the connection is noticed in about a minute, not the kernel's default of
  // many.
  const char* keys[] = {
      "connect_timeout",  "application_name", "keepalives_idle", "keepalives_interval",
      "keepalives_count", "tcp_user_timeout", "dbname",          nullptr};
  const char* values[] = {"5", "linkway", "30", "10", "3", "30000", url.c_str(), nullptr};
  conn_ = PQconnectdbParams(keys, values, 1);
  if (PQstatus(conn_) != CONNECTION_OK) {
    std::string message = conn_ != nullptr ? PQerrorMessage(conn_) : "out of memory";
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
      message.pop_back();
    }
    PQfinish(conn_);
    conn_ = nullptr;
    throw Error(Unavailable("cannot connect to PostgreSQL: " + message));
  }
  // Server notices (a shutdown, a cascade) are not for the log: errors reach callers as Status.
  PQsetNoticeProcessor(
      conn_, [](void*, const char*) {}, nullptr);
  Exec(durable ? "SET synchronous_commit = on" : "SET synchronous_commit = off");
}

PgConnection::~PgConnection() {
  if (conn_ != nullptr) PQfinish(conn_);
}

void PgConnection::Fail(PGresult* result) {
  std::string state;
  std::string message = PQerrorMessage(conn_);
  if (result != nullptr) {
    if (const char* s = PQresultErrorField(result, PG_DIAG_SQLSTATE)) state = s;
    if (const char* m = PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY)) message = m;
    PQclear(result);
  }
  throw Error(StatusFor(state, message, PQstatus(conn_) != CONNECTION_OK));
}

const std::string& PgConnection::Prepared(std::string_view sql) {
  auto it = prepared_.find(sql);
  if (it != prepared_.end()) return it->second;
  std::string name = "s" + std::to_string(prepared_.size() + 1);
  std::string text(sql);
  PGresult* r = PQprepare(conn_, name.c_str(), text.c_str(), 0, nullptr);
  if (PQresultStatus(r) != PGRES_COMMAND_OK) Fail(r);
  PQclear(r);
  return prepared_.emplace(std::move(text), std::move(name)).first->second;
}

std::unique_ptr<Cursor> PgConnection::Prepare(std::string_view sql) {
  return std::make_unique<PgCursor>(*this, Prepared(sql));
}

void PgConnection::Begin(bool write) {
  if (write) {
    begin_pending_ = true;
  } else {
    Exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  }
}

PGresult* PgConnection::Execute(const std::string& name, const std::vector<const char*>& values) {
  PGresult* r = begin_pending_
                    ? ExecuteAfterBegin(name, values)
                    : PQexecPrepared(conn_, name.c_str(), static_cast<int>(values.size()),
                                     values.data(), nullptr, nullptr, 0);
  ExecStatusType status = PQresultStatus(r);
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) Fail(r);
  return r;
}

// BEGIN and the statement in one pipeline: one round trip, where two would double the cost of a
// small batch.
PGresult* PgConnection::ExecuteAfterBegin(const std::string& name,
                                          const std::vector<const char*>& values) {
  begin_pending_ = false;
  if (PQenterPipelineMode(conn_) != 1 ||
      PQsendQueryParams(conn_, "BEGIN", 0, nullptr, nullptr, nullptr, nullptr, 0) != 1 ||
      PQsendQueryPrepared(conn_, name.c_str(), static_cast<int>(values.size()), values.data(),
                          nullptr, nullptr, 0) != 1 ||
      PQpipelineSync(conn_) != 1) {
    Fail(nullptr);
  }
  PGresult* begin = nullptr;
  PGresult* result = nullptr;
  // Each command's results end with a null; the sync point comes last.
  for (int command = 0; command < 3; ++command) {
    PGresult* r = PQgetResult(conn_);
    if (r == nullptr) break;  // the connection failed
    ExecStatusType status = PQresultStatus(r);
    if (status == PGRES_PIPELINE_SYNC) {
      PQclear(r);
      break;
    }
    (command == 0 ? begin : result) = r;
    while (PGresult* extra = PQgetResult(conn_)) PQclear(extra);
  }
  PQexitPipelineMode(conn_);
  if (begin == nullptr || PQresultStatus(begin) != PGRES_COMMAND_OK) {
    PQclear(result);
    Fail(begin);
  }
  PQclear(begin);
  if (result == nullptr) Fail(nullptr);
  return result;
}

void PgConnection::Exec(std::string_view sql) {
  std::string text(sql);
  if (begin_pending_) {
    begin_pending_ = false;
    // A transaction that ran nothing has nothing to end.
    if (text == "COMMIT" || text == "ROLLBACK") return;
    text = "BEGIN; " + text;  // one round trip, as a simple query may hold several statements
  }
  PGresult* r = PQexec(conn_, text.c_str());
  ExecStatusType status = PQresultStatus(r);
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) Fail(r);
  PQclear(r);
}

void PgConnection::Lock(std::string_view name) {
  Query(*this, "SELECT pg_advisory_xact_lock(hashtext('linkway'), hashtext($1))", name).Run();
}

void PgConnection::Notify(std::string_view topic) {
  Query(*this, "SELECT pg_notify($1, $2)", channel_, topic).Run();
}

bool PgConnection::StillOpen() const {
  if (!healthy()) return false;
  pollfd fd{PQsocket(conn_), POLLIN, 0};
  return fd.fd >= 0 && poll(&fd, 1, 0) == 0;
}

}  // namespace linkway::sql
