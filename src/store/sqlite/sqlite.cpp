#include "store/sqlite/sqlite.hpp"

#include <algorithm>
#include <cstring>
#include <filesystem>

namespace linkway::sql {
namespace {

Status StatusFor(int code, const std::string& message) {
  int primary = code & 0xff;
  if (code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY) {
    return Conflict(message);
  }
  if (code == SQLITE_CONSTRAINT_FOREIGNKEY) return Missing(message);
  if (primary == SQLITE_CONSTRAINT) return BrokenRule(message);
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED || primary == SQLITE_IOERR ||
      primary == SQLITE_FULL || primary == SQLITE_CANTOPEN || primary == SQLITE_READONLY) {
    return Unavailable(message);
  }
  return Failed(message);
}

// Bytewise order, as PostgreSQL's "C" collation, so that one ORDER BY ... COLLATE "C" sorts
// text alike on both backends.
int CompareBytes(void* /*unused*/, int a_size, const void* a, int b_size, const void* b) {
  int n = std::memcmp(a, b, static_cast<std::size_t>(std::min(a_size, b_size)));
  return n != 0 ? n : a_size - b_size;
}

class SqliteCursor final : public Cursor {
 public:
  SqliteCursor(SqliteConnection& connection, SqliteConnection::Statement* cached,
               SqliteConnection::Statement fresh)
      : connection_(connection),
        cached_(cached),
        own_(std::move(fresh)),
        statement_(cached_ != nullptr ? cached_ : &own_) {}
  ~SqliteCursor() override {
    if (cached_ != nullptr) {
      connection_.Return(cached_);
    } else {
      sqlite3_finalize(own_.stmt);
    }
  }
  SqliteCursor(const SqliteCursor&) = delete;
  SqliteCursor& operator=(const SqliteCursor&) = delete;

  void BindInt(int index, std::int64_t value) override {
    sqlite3_bind_int64(statement_->stmt, Index(index), value);
  }
  void BindText(int index, std::string_view value) override {
    // An empty string_view may have no data pointer, which SQLite would bind as NULL.
    const char* data = value.data() != nullptr ? value.data() : "";
    sqlite3_bind_text(statement_->stmt, Index(index), data, static_cast<int>(value.size()),
                      SQLITE_TRANSIENT);
  }
  void BindNull(int index) override { sqlite3_bind_null(statement_->stmt, Index(index)); }
  bool Step() override {
    int rc = sqlite3_step(statement_->stmt);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    connection_.Fail(sqlite3_extended_errcode(connection_.get()));
  }
  std::int64_t Int(int column) const override {
    return sqlite3_column_int64(statement_->stmt, column);
  }
  std::string Text(int column) const override {
    const auto* text = sqlite3_column_text(statement_->stmt, column);
    if (text == nullptr) return {};
    return {reinterpret_cast<const char*>(text),
            static_cast<std::size_t>(sqlite3_column_bytes(statement_->stmt, column))};
  }
  bool IsNull(int column) const override {
    return sqlite3_column_type(statement_->stmt, column) == SQLITE_NULL;
  }
  int columns() const override { return sqlite3_column_count(statement_->stmt); }
  std::string column_name(int column) const override {
    return sqlite3_column_name(statement_->stmt, column);
  }

 private:
  int Index(int n) const {
    const auto& index = statement_->index;
    if (n < 1 || static_cast<std::size_t>(n) >= index.size() || index[n] == 0) {
      throw Error(Failed("the statement has no parameter $" + std::to_string(n)));
    }
    return index[n];
  }

  SqliteConnection& connection_;
  SqliteConnection::Statement* cached_;
  SqliteConnection::Statement own_;
  SqliteConnection::Statement* statement_;
};

}  // namespace

SqliteConnection::SqliteConnection(const std::string& path, bool durable) {
  int rc =
      sqlite3_open_v2(path.c_str(), &db_,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close(db_);
    db_ = nullptr;
    throw Error(Unavailable("cannot open database " + path + ": " + message));
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, 5000);
  sqlite3_create_collation_v2(db_, "C", SQLITE_UTF8, nullptr, CompareBytes, nullptr);
  Exec("PRAGMA journal_mode=WAL");
  Exec(durable ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=OFF");
  Exec("PRAGMA foreign_keys=ON");
}

SqliteConnection::~SqliteConnection() {
  for (auto& [sql, statement] : cache_) sqlite3_finalize(statement.stmt);
  sqlite3_close_v2(db_);
}

void SqliteConnection::Fail(int code) { throw Error(StatusFor(code, sqlite3_errmsg(db_))); }

SqliteConnection::Statement SqliteConnection::PrepareNew(std::string_view sql) {
  Statement s;
  int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                              SQLITE_PREPARE_PERSISTENT, &s.stmt, nullptr);
  if (rc != SQLITE_OK) Fail(rc);
  int count = sqlite3_bind_parameter_count(s.stmt);
  for (int i = 1; i <= count; ++i) {
    const char* name = sqlite3_bind_parameter_name(s.stmt, i);
    if (name == nullptr || name[0] != '$') {
      sqlite3_finalize(s.stmt);
      throw Error(Failed("parameters are written $1, $2, ...: " + std::string(sql)));
    }
    auto n = static_cast<std::size_t>(std::atoi(name + 1));
    if (s.index.size() <= n) s.index.resize(n + 1, 0);
    s.index[n] = i;
  }
  return s;
}

std::unique_ptr<Cursor> SqliteConnection::Prepare(std::string_view sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) it = cache_.emplace(std::string(sql), PrepareNew(sql)).first;
  if (!it->second.in_use) {
    it->second.in_use = true;
    return std::make_unique<SqliteCursor>(*this, &it->second, Statement{});
  }
  // The same statement is already stepping (a nested use): a fresh one, finalised after.
  return std::make_unique<SqliteCursor>(*this, nullptr, PrepareNew(sql));
}

void SqliteConnection::Return(Statement* cached) {
  sqlite3_reset(cached->stmt);
  sqlite3_clear_bindings(cached->stmt);
  cached->in_use = false;
}

void SqliteConnection::Exec(std::string_view sql) {
  const char* tail = nullptr;
  sqlite3_stmt* probe = nullptr;
  // One statement (BEGIN, SAVEPOINT, COMMIT on every write): from the cache, parsed once.
  if (auto it = cache_.find(sql); it != cache_.end() && !it->second.in_use) {
    Query(*this, sql).Run();
    return;
  }
  if (sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &probe, &tail) ==
          SQLITE_OK &&
      tail != nullptr &&
      std::string_view(tail).find_first_not_of(" \t\r\n;") == std::string::npos &&
      sqlite3_bind_parameter_count(probe) == 0) {
    sqlite3_finalize(probe);
    Query(*this, sql).Run();
    return;
  }
  sqlite3_finalize(probe);
  char* error = nullptr;
  std::string text(sql);
  int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &error);
  if (rc != SQLITE_OK) {
    std::string message = error != nullptr ? error : sqlite3_errstr(rc);
    sqlite3_free(error);
    throw Error(StatusFor(sqlite3_extended_errcode(db_), message));
  }
}

Result<std::unique_ptr<SqliteDatabase>> SqliteDatabase::Open(const std::string& path,
                                                             const Options& options) {
  std::unique_ptr<SqliteDatabase> db(new SqliteDatabase(path, options));
  std::shared_ptr<SqliteConnection> writer;
  try {
    writer = std::make_shared<SqliteConnection>(path, options.durable);
  } catch (const Error& e) {
    return e.status();
  }
  SqliteDatabase* self = db.get();
  std::vector<BatchQueue::Writer> writers;
  writers.emplace_back([self, writer](std::span<PendingWrite* const> batch) {
    std::vector<std::string> topics = RunBatch(*writer, batch);
    std::sort(topics.begin(), topics.end());
    topics.erase(std::unique(topics.begin(), topics.end()), topics.end());
    // One process owns an SQLite file's writer, so a local notice reaches every cache.
    for (const auto& topic : topics) self->listeners_.Notify(topic);
  });
  db->queue_ = std::make_unique<BatchQueue>(std::move(writers), 512);
  return db;
}

SqliteDatabase::~SqliteDatabase() {
  if (queue_) queue_->Close();
}

Status SqliteDatabase::WithConnection(bool snapshot, const std::function<void(Connection&)>& f) {
  std::unique_ptr<SqliteConnection> connection;
  {
    std::lock_guard lock(pool_mutex_);
    if (!pool_.empty()) {
      connection = std::move(pool_.back());
      pool_.pop_back();
    }
  }
  Status status;
  try {
    if (!connection) connection = std::make_unique<SqliteConnection>(path_, options_.durable);
    if (snapshot) connection->Begin(false);
    try {
      f(*connection);
      if (snapshot) connection->Exec("COMMIT");
    } catch (...) {
      if (snapshot) sqlite3_exec(connection->get(), "ROLLBACK", nullptr, nullptr, nullptr);
      throw;
    }
  } catch (const Error& e) {
    status = e.status();
  } catch (const std::exception& e) {
    status = Status::Internal("the database read failed").WithDetail(e.what());
  }
  if (connection) {
    std::lock_guard lock(pool_mutex_);
    if (pool_.size() < static_cast<std::size_t>(options_.read_connections)) {
      pool_.push_back(std::move(connection));
    }
  }
  return status;
}

Status SqliteDatabase::CopyFile(const std::string& path) {
  if (std::filesystem::exists(path)) {
    return Status::Invalid("the backup file " + path + " already exists; choose a new name");
  }
  return WithConnection(false, [&](Connection& c) {
    // Every connection of an SQLite database is one.
    auto& connection = static_cast<SqliteConnection&>(c);  // NOLINT(*-static-cast-downcast)
    sqlite3* out = nullptr;
    if (sqlite3_open(path.c_str(), &out) != SQLITE_OK) {
      sqlite3_close(out);
      throw Error(Status::Invalid("cannot create the backup file " + path));
    }
    // The online backup API copies every page in one step: a consistent copy that writers
    // never wait for (WAL mode), taken from this read connection's snapshot.
    sqlite3_backup* backup = sqlite3_backup_init(out, "main", connection.get(), "main");
    int rc = SQLITE_ERROR;
    if (backup != nullptr) {
      rc = sqlite3_backup_step(backup, -1);
      sqlite3_backup_finish(backup);
    }
    if (rc == SQLITE_DONE) {
      rc = sqlite3_exec(out, "PRAGMA journal_mode=DELETE", nullptr, nullptr, nullptr);
    }
    sqlite3_close(out);
    if (rc != SQLITE_OK && rc != SQLITE_DONE) {
      std::filesystem::remove(path);
      throw Error(StatusFor(rc, "backup"));
    }
  });
}

}  // namespace linkway::sql
