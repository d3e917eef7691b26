// The one small interface for running SQL that every capability's storage is written against,
// and that SQLite (store/sqlite) and PostgreSQL (store/pg) both implement: a connection that
// prepares each statement once, a Query that binds, steps and reads columns, and the write
// transaction a Database::Write function is given.
//
// SQL is written once, in the dialect both backends share: parameters are $1, $2, ... (SQLite
// takes them as named parameters), casts are CAST(x AS BIGINT), text sorts bytewise with
// COLLATE "C" (a collation Linkway gives SQLite), an insert that needs its generated id is run
// with InsertId (RETURNING on PostgreSQL; on SQLite, whose RETURNING doubles an insert's cost,
// the connection's last rowid), and an upsert is ON CONFLICT (...) DO UPDATE SET
// c = excluded.c. Booleans read as 0 or 1.
//
// Errors: a statement that fails throws sql::Error holding the core Status it means, in the
// same words on both backends: kConflict for a unique key taken, kInvalid for a missing
// referenced record, a broken rule or text that cannot be stored, kUnavailable when the
// database cannot be reached or is busy, kInternal for anything else; the database's own text
// goes only in the status's detail, for the log. Database::Read and Database::Write catch it
// and return the Status. Query::TryRun returns a constraint failure as a value instead, for the
// writes that expect one. After a failed statement the transaction can only end.
// Thread safety: a Connection, its Queries and a Tx belong to one thread at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "core/status.hpp"

namespace linkway::sql {

enum class Backend { kSqlite, kPostgres };

class Error : public std::runtime_error {
 public:
  explicit Error(Status status)
      : std::runtime_error(status.message()), status_(std::move(status)) {}
  const Status& status() const { return status_; }

 private:
  Status status_;
};

// The words both backends use for a failed statement; `detail` is the database's own text.
Status Conflict(std::string detail);     // a unique key is taken
Status Missing(std::string detail);      // a referenced record does not exist
Status BrokenRule(std::string detail);   // a check or not-null rule, or text it cannot store
Status Unavailable(std::string detail);  // cannot be reached, busy, full, or read-only
Status Failed(std::string detail);       // anything else: a bug

// A prepared statement in use by one Query: the backend's side of it.
class Cursor {
 public:
  virtual ~Cursor() = default;
  virtual void BindInt(int index, std::int64_t value) = 0;
  virtual void BindText(int index, std::string_view value) = 0;
  virtual void BindNull(int index) = 0;
  // Runs the statement on the first call; then moves to the next row. Throws Error.
  virtual bool Step() = 0;
  virtual std::int64_t Int(int column) const = 0;
  virtual std::string Text(int column) const = 0;
  virtual bool IsNull(int column) const = 0;
  virtual int columns() const = 0;
  virtual std::string column_name(int column) const = 0;
};

class Connection {
 public:
  virtual ~Connection() = default;
  virtual Backend backend() const = 0;
  // A statement for `sql` (one statement, parameters $1..$n), prepared on first use and kept
  // for the connection's life. Throws Error.
  virtual std::unique_ptr<Cursor> Prepare(std::string_view sql) = 0;
  // Runs one or more statements without parameters (DDL, BEGIN, SAVEPOINT). Throws Error.
  virtual void Exec(std::string_view sql) = 0;
  // Starts a transaction: for writing, or a read-only one in which every statement sees the
  // same committed data.
  virtual void Begin(bool write) = 0;
  // False once the connection is lost and must be replaced.
  virtual bool healthy() const = 0;
  // Within a write transaction: holds a lock on `name` until it ends (PostgreSQL: an advisory
  // lock, across every instance; SQLite has one writer, which is lock enough).
  virtual void Lock(std::string_view name) = 0;
  // Within a write transaction: `topic` is told to every subscriber once it commits.
  virtual void Notify(std::string_view topic) = 0;
  // SQLite: the rowid of the last insert on this connection (see InsertId).
  virtual std::int64_t last_insert_id() const { return 0; }
  // Topics a backend keeps until the commit (SQLite): how many, forgetting those after the
  // first `keep` (a write undone), and taking them all once committed.
  virtual std::size_t notices() const { return 0; }
  virtual void DropNotices(std::size_t keep) {}
  virtual std::vector<std::string> TakeNotices() { return {}; }
};

// Runs one statement on a connection. Bind by $ number, or pass the values in order to the
// constructor. Values: integers and bool (as 0/1), text, std::optional<std::string> (nullopt
// is NULL) and std::nullopt.
class Query {
 public:
  template <typename... Args>
  Query(Connection& connection, std::string_view sql, const Args&... args)
      : cursor_(connection.Prepare(sql)) {
    int index = 0;
    (Bind(++index, args), ...);
  }

  template <typename T>
  Query& Bind(int index, const T& value) {
    if constexpr (std::is_same_v<T, std::nullopt_t>) {
      cursor_->BindNull(index);
    } else if constexpr (std::is_same_v<T, std::optional<std::string>>) {
      value ? cursor_->BindText(index, *value) : cursor_->BindNull(index);
    } else if constexpr (std::is_integral_v<T>) {
      cursor_->BindInt(index, static_cast<std::int64_t>(value));
    } else {
      cursor_->BindText(index, std::string_view(value));
    }
    return *this;
  }

  // The next row; false after the last. Throws Error.
  bool Step() { return cursor_->Step(); }
  // Runs the statement through its rows. Throws Error.
  void Run() {
    while (cursor_->Step()) {
    }
  }
  // As Run, but a unique key taken (kConflict) or a missing reference or broken rule
  // (kInvalid) comes back as the status; other failures still throw.
  Status TryRun();

  std::int64_t Int(int column) const { return cursor_->Int(column); }
  std::string Text(int column) const { return cursor_->Text(column); }
  bool IsNull(int column) const { return cursor_->IsNull(column); }
  std::optional<std::string> Optional(int column) const {
    return IsNull(column) ? std::nullopt : std::optional<std::string>(Text(column));
  }
  int columns() const { return cursor_->columns(); }
  std::string column_name(int column) const { return cursor_->column_name(column); }

 private:
  std::unique_ptr<Cursor> cursor_;
};

// Runs `insert` (an INSERT written without RETURNING) into a table with a generated `id`, and
// returns the new row's id. Throws Error.
template <typename... Args>
std::int64_t InsertId(Connection& connection, std::string_view insert, const Args&... args) {
  if (connection.backend() == Backend::kPostgres) {
    Query q(connection, std::string(insert) + " RETURNING id", args...);
    q.Step();
    return q.Int(0);
  }
  Query(connection, insert, args...).Run();
  return connection.last_insert_id();
}

// The transaction a write function is given: its connection, with the locks and notices a
// write may take. Queries take it where they take a Connection.
class Tx {
 public:
  explicit Tx(Connection& connection) : connection_(connection) {}
  operator Connection&() { return connection_; }  // NOLINT(google-explicit-constructor)
  Connection& connection() { return connection_; }
  Backend backend() const { return connection_.backend(); }
  void Lock(std::string_view name) { connection_.Lock(name); }
  void Notify(std::string_view topic) { connection_.Notify(topic); }

 private:
  Connection& connection_;
};

}  // namespace linkway::sql
