// The SQLite backend of the SQL interface: a connection in WAL mode with synchronous=FULL,
// foreign keys on, a busy timeout and the "C" collation (bytewise, as PostgreSQL's); one writer
// thread that owns the write connection (group commit through the batch queue); and a pool of
// read connections. SQLite's result codes become the sql.hpp statuses here.
// Thread safety: a SqliteConnection belongs to one thread at a time; SqliteDatabase as Database.
#pragma once

#include <sqlite3.h>

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/batch_queue.hpp"
#include "store/change_listeners.hpp"
#include "store/database.hpp"

namespace linkway::sql {

class SqliteConnection final : public Connection {
 public:
  // Opens (creating if needed) the file. Throws Error (kUnavailable) when it cannot.
  SqliteConnection(const std::string& path, bool durable);
  ~SqliteConnection() override;
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  Backend backend() const override { return Backend::kSqlite; }
  std::unique_ptr<Cursor> Prepare(std::string_view sql) override;
  void Exec(std::string_view sql) override;
  void Begin(bool write) override { Exec(write ? "BEGIN IMMEDIATE" : "BEGIN"); }
  bool healthy() const override { return true; }
  void Lock(std::string_view /*name*/) override {}
  void Notify(std::string_view topic) override { notices_.emplace_back(topic); }
  std::size_t notices() const override { return notices_.size(); }
  void DropNotices(std::size_t keep) override { notices_.resize(std::min(keep, notices_.size())); }
  std::vector<std::string> TakeNotices() override { return std::exchange(notices_, {}); }
  std::int64_t last_insert_id() const override { return sqlite3_last_insert_rowid(db_); }

  sqlite3* get() { return db_; }
  // Throws the Error for SQLite result `code` on this connection.
  [[noreturn]] void Fail(int code);

  // A prepared statement with the SQLite parameter index of each $n.
  struct Statement {
    sqlite3_stmt* stmt = nullptr;
    std::vector<int> index;  // index[n] for $n; 0 when unused
    bool in_use = false;
  };
  Statement PrepareNew(std::string_view sql);
  void Return(Statement* cached);

 private:
  sqlite3* db_ = nullptr;
  std::map<std::string, Statement, std::less<>> cache_;
  std::vector<std::string> notices_;
};

class SqliteDatabase final : public Database {
 public:
  // Opens the file at `path`; kUnavailable when it cannot be opened.
  static Result<std::unique_ptr<SqliteDatabase>> Open(const std::string& path,
                                                      const Options& options);
  ~SqliteDatabase() override;

  Backend backend() const override { return Backend::kSqlite; }
  void Subscribe(ChangeListener listener) override { listeners_.Add(std::move(listener)); }
  Status CopyFile(const std::string& path) override;
  void Close() override { queue_->Close(); }
  WriteStats write_stats() const override { return queue_->stats(); }

 protected:
  Status WithConnection(bool snapshot, const std::function<void(Connection&)>& f) override;
  Status Submit(WriteJob job) override { return queue_->Submit(std::move(job)); }

 private:
  SqliteDatabase(std::string path, const Options& options)
      : path_(std::move(path)), options_(options) {}

  std::string path_;
  Options options_;
  std::mutex pool_mutex_;
  std::vector<std::unique_ptr<SqliteConnection>> pool_;
  ChangeListeners listeners_;
  std::unique_ptr<BatchQueue> queue_;
};

}  // namespace linkway::sql
