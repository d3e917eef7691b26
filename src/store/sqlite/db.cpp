#include "store/sqlite/db.hpp"

namespace linkway::sqlite {

Status StatusFor(int code, std::string_view context) {
  int primary = code & 0xff;
  if (code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY) {
    return Status::Conflict(std::string(context) + ": already exists");
  }
  if (primary == SQLITE_CONSTRAINT) {
    return Status::Invalid(std::string(context) + ": refers to a record that does not exist");
  }
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED || primary == SQLITE_IOERR ||
      primary == SQLITE_FULL || primary == SQLITE_CANTOPEN) {
    return Status::Unavailable("the database is unavailable; try again");
  }
  return Status::Internal(std::string(context) + ": " + sqlite3_errstr(code));
}

Db::Db(const std::string& path, bool durable) {
  int rc =
      sqlite3_open_v2(path.c_str(), &db_,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close(db_);
    db_ = nullptr;
    throw SqliteError(rc, "cannot open database " + path + ": " + message);
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, 5000);
  Exec("PRAGMA journal_mode=WAL");
  Exec(durable ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=OFF");
  Exec("PRAGMA foreign_keys=ON");
}

Db::~Db() {
  for (auto& [sql, cached] : cache_) sqlite3_finalize(cached.stmt);
  sqlite3_close_v2(db_);
}

sqlite3_stmt* Db::TakeCached(std::string_view sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) {
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) throw SqliteError(rc, std::string("prepare: ") + sqlite3_errmsg(db_));
    it = cache_.emplace(std::string(sql), Cached{stmt, false}).first;
  }
  if (it->second.in_use) return nullptr;
  it->second.in_use = true;
  return it->second.stmt;
}

void Db::ReturnCached(sqlite3_stmt* stmt) {
  sqlite3_reset(stmt);
  sqlite3_clear_bindings(stmt);
  for (auto& [sql, cached] : cache_) {
    if (cached.stmt == stmt) {
      cached.in_use = false;
      return;
    }
  }
}

void Db::Exec(std::string_view sql) {
  char* error = nullptr;
  std::string text(sql);
  int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &error);
  if (rc != SQLITE_OK) {
    std::string message = error != nullptr ? error : sqlite3_errstr(rc);
    sqlite3_free(error);
    throw SqliteError(rc, message);
  }
}

Stmt::Stmt(Db& db, std::string_view sql) : db_(db), stmt_(db.TakeCached(sql)) {
  if (stmt_ != nullptr) {
    cached_ = true;
    return;
  }
  int rc = sqlite3_prepare_v2(db.get(), sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr);
  if (rc != SQLITE_OK) throw SqliteError(rc, std::string("prepare: ") + sqlite3_errmsg(db.get()));
}

Stmt::~Stmt() {
  if (cached_) {
    db_.ReturnCached(stmt_);
  } else {
    sqlite3_finalize(stmt_);
  }
}

Stmt& Stmt::Bind(int index, std::int64_t value) {
  sqlite3_bind_int64(stmt_, index, value);
  return *this;
}

Stmt& Stmt::Bind(int index, std::string_view value) {
  // An empty string_view may have no data pointer, which SQLite would bind as NULL.
  const char* data = value.data() ? value.data() : "";
  sqlite3_bind_text(stmt_, index, data, static_cast<int>(value.size()), SQLITE_TRANSIENT);
  return *this;
}

Stmt& Stmt::BindNull(int index) {
  sqlite3_bind_null(stmt_, index);
  return *this;
}

bool Stmt::Step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  throw SqliteError(sqlite3_extended_errcode(db_.get()), sqlite3_errmsg(db_.get()));
}

Status Stmt::Run() {
  int rc = sqlite3_step(stmt_);
  while (rc == SQLITE_ROW) rc = sqlite3_step(stmt_);
  if (rc == SQLITE_DONE) return Status::Ok();
  int extended = sqlite3_extended_errcode(db_.get());
  if ((extended & 0xff) == SQLITE_CONSTRAINT) return StatusFor(extended, "record");
  throw SqliteError(extended, sqlite3_errmsg(db_.get()));
}

void Stmt::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

std::string Stmt::Text(int column) const {
  const auto* text = sqlite3_column_text(stmt_, column);
  if (text == nullptr) return {};
  return {reinterpret_cast<const char*>(text),
          static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column))};
}

Tx::Tx(Db& db) : db_(db) { db_.Exec("BEGIN IMMEDIATE"); }

Tx::~Tx() {
  if (!done_) {
    try {
      db_.Exec("ROLLBACK");
    } catch (const SqliteError&) {  // NOLINT(bugprone-empty-catch): nothing more to undo
    }
  }
}

void Tx::Commit() {
  db_.Exec("COMMIT");
  done_ = true;
}

}  // namespace linkway::sqlite
