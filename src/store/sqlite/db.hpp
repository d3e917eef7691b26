// Thin RAII wrappers over sqlite3: a connection, a prepared statement and a transaction.
// SQLite error codes are translated here: SQLITE_CONSTRAINT_UNIQUE/PRIMARYKEY become the
// core's kConflict, SQLITE_BUSY/LOCKED/IOERR/FULL kUnavailable, anything else an exception
// (SqliteError) because the function cannot do its job.
// Thread safety: a Db and its statements belong to one thread at a time.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "core/status.hpp"

namespace linkway::sqlite {

class SqliteError : public std::runtime_error {
 public:
  SqliteError(int code, const std::string& what) : std::runtime_error(what), code_(code) {}
  int code() const { return code_; }

 private:
  int code_;
};

// The core Status for an SQLite result code.
Status StatusFor(int code, std::string_view context);

class Db {
 public:
  // Opens (creating if needed) and sets WAL, synchronous, foreign keys and a busy timeout.
  Db(const std::string& path, bool durable);
  ~Db();
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  void Exec(std::string_view sql);
  sqlite3* get() { return db_; }

  // A prepared statement for `sql` from this connection's cache, marked in use; nullptr when
  // the cached one is already in use (a nested use of the same SQL). Prepares on first use.
  sqlite3_stmt* TakeCached(std::string_view sql);
  // Hands a statement from TakeCached back, reset and unbound.
  void ReturnCached(sqlite3_stmt* stmt);
  std::int64_t LastInsertId() const { return sqlite3_last_insert_rowid(db_); }
  int Changes() const { return sqlite3_changes(db_); }

 private:
  struct Cached {
    sqlite3_stmt* stmt = nullptr;
    bool in_use = false;
  };
  sqlite3* db_ = nullptr;
  std::map<std::string, Cached, std::less<>> cache_;
};

// A statement on a connection: the connection's cached prepared statement when it is free
// (statements are prepared once per connection, not per call), else a fresh one.
class Stmt {
 public:
  Stmt(Db& db, std::string_view sql);
  ~Stmt();
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  // Binds by 1-based index; returns *this so calls chain.
  Stmt& Bind(int index, std::int64_t value);
  Stmt& Bind(int index, std::string_view value);
  Stmt& Bind(int index, const std::string& value) { return Bind(index, std::string_view(value)); }
  Stmt& Bind(int index, const char* value) { return Bind(index, std::string_view(value)); }
  Stmt& Bind(int index, int value) { return Bind(index, static_cast<std::int64_t>(value)); }
  Stmt& Bind(int index, bool value) { return Bind(index, static_cast<std::int64_t>(value)); }
  Stmt& BindNull(int index);

  // True while there is a row; throws SqliteError on failure except for constraint
  // violations, which are returned by Run().
  bool Step();
  // Runs to completion; kConflict on a unique-key violation.
  Status Run();
  void Reset();

  std::int64_t Int(int column) const { return sqlite3_column_int64(stmt_, column); }
  std::string Text(int column) const;
  bool IsNull(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

 private:
  Db& db_;
  sqlite3_stmt* stmt_ = nullptr;
  bool cached_ = false;
};

// BEGIN IMMEDIATE on construction; rolls back in the destructor unless Commit() ran.
class Tx {
 public:
  explicit Tx(Db& db);
  ~Tx();
  Tx(const Tx&) = delete;
  Tx& operator=(const Tx&) = delete;
  void Commit();

 private:
  Db& db_;
  bool done_ = false;
};

}  // namespace linkway::sqlite
