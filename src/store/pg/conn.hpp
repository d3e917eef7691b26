// Thin RAII wrappers over libpq: a connection with its own prepared-statement cache, a query
// result, and the parameters of a query. Every query uses the extended protocol with text
// parameters, prepared once per connection.
//
// Errors: a query that fails throws PgError carrying the SQLSTATE; StatusFor turns it into the
// core's Status (23505 unique violation -> kConflict, other integrity errors -> kInvalid, a
// lost or refused connection -> kUnavailable, anything else kInternal).
// Thread safety: a Conn belongs to one thread at a time.
#pragma once

#include <libpq-fe.h>

#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.hpp"

namespace linkway::pg {

class PgError : public std::runtime_error {
 public:
  PgError(std::string sqlstate, const std::string& what, bool connection_lost)
      : std::runtime_error(what), sqlstate_(std::move(sqlstate)), lost_(connection_lost) {}
  const std::string& sqlstate() const { return sqlstate_; }
  bool connection_lost() const { return lost_; }

 private:
  std::string sqlstate_;
  bool lost_;
};

// The core Status for a failed query; `context` says what was being done.
Status StatusFor(const PgError& e, std::string_view context);

// Query parameters, all sent as text (or NULL).
class Params {
 public:
  Params& Add(std::string_view value);
  Params& Add(const std::string& value) { return Add(std::string_view(value)); }
  Params& Add(const char* value) { return Add(std::string_view(value)); }
  Params& Add(std::int64_t value) { return Add(std::to_string(value)); }
  Params& Add(int value) { return Add(static_cast<std::int64_t>(value)); }
  Params& Add(bool value) { return Add(std::int64_t{value ? 1 : 0}); }
  Params& AddNull();
  Params& AddOptional(const std::optional<std::string>& value);
  int size() const { return static_cast<int>(values_.size()); }
  const char* const* data() const { return values_.data(); }

 private:
  std::deque<std::string> storage_;
  std::vector<const char*> values_;
};

class PgResult {
 public:
  explicit PgResult(PGresult* result) : result_(result) {}
  ~PgResult() { PQclear(result_); }
  PgResult(PgResult&& other) noexcept : result_(other.result_) { other.result_ = nullptr; }
  PgResult& operator=(PgResult&&) = delete;
  PgResult(const PgResult&) = delete;

  int rows() const { return PQntuples(result_); }
  int columns() const { return PQnfields(result_); }
  bool IsNull(int row, int column) const { return PQgetisnull(result_, row, column) != 0; }
  std::string Text(int row, int column) const { return PQgetvalue(result_, row, column); }
  std::int64_t Int(int row, int column) const;

 private:
  PGresult* result_;
};

// One row of a result, read by column, as store/rows.hpp's decoders take it.
class PgRow {
 public:
  PgRow(const PgResult& result, int row) : result_(result), row_(row) {}
  std::int64_t Int(int column) const { return result_.Int(row_, column); }
  std::string Text(int column) const { return result_.Text(row_, column); }
  bool IsNull(int column) const { return result_.IsNull(row_, column); }

 private:
  const PgResult& result_;
  int row_;
};

class Conn {
 public:
  // Connects; throws PgError (connection_lost) when the server cannot be reached.
  explicit Conn(const std::string& url);
  ~Conn();
  Conn(const Conn&) = delete;
  Conn& operator=(const Conn&) = delete;

  // Runs `sql` (one statement) with `params`, prepared once per connection.
  PgResult Query(std::string_view sql, const Params& params = {});
  // Runs one or more statements without parameters (DDL, BEGIN, COMMIT).
  void Exec(std::string_view sql);
  bool healthy() const { return PQstatus(conn_) == CONNECTION_OK; }
  // synchronous_commit on (a COMMIT returns once it is flushed), whatever the server or role
  // is set to; off only for bulk seeding.
  void SetDurable(bool durable) {
    Exec(durable ? "SET synchronous_commit = on" : "SET synchronous_commit = off");
  }
  // For a connection that has been idle: false when the server has ended the session (a
  // restart leaves an error and end-of-file on the socket, while an idle session has nothing
  // to read). Does not block or talk to the server.
  bool StillOpen() const;
  PGconn* get() { return conn_; }

 private:
  [[noreturn]] void Fail(PGresult* result, std::string_view context);

  PGconn* conn_ = nullptr;
  std::map<std::string, std::string, std::less<>> prepared_;  // SQL -> statement name
};

// BEGIN on construction; ROLLBACK in the destructor unless Commit() ran.
class Tx {
 public:
  explicit Tx(Conn& conn, std::string_view begin = "BEGIN");
  ~Tx();
  Tx(const Tx&) = delete;
  Tx& operator=(const Tx&) = delete;
  void Commit();

 private:
  Conn& conn_;
  bool done_ = false;
};

// Escapes an identifier for use in SQL ("a""b").
std::string QuoteIdent(std::string_view name);

}  // namespace linkway::pg
