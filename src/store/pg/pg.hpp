// The PostgreSQL backend of the SQL interface, through libpq: connections that prepare each
// statement once and send text parameters; writer threads with connections of their own behind
// the batch queue (group commit, as SQLite's); a bounded pool of read connections; and a
// listener connection that turns NOTIFY into change notices (listener.hpp).
//
// A lost server makes calls return kUnavailable; broken connections are dropped and replaced on
// the next call, and an idle one the server has ended is noticed before use, so service resumes
// once the server is back. Connections use synchronous_commit=on (a COMMIT returns once it is
// flushed), whatever the server or role is set to, unless opened for bulk seeding.
// Thread safety: a PgConnection belongs to one thread at a time; PgDatabase as Database.
#pragma once

#include <libpq-fe.h>

#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/batch_queue.hpp"
#include "store/database.hpp"

namespace linkway::sql {

class Listener;

class PgConnection final : public Connection {
 public:
  // Connects; throws Error (kUnavailable, with libpq's reason as the message) when the server
  // cannot be reached. `channel` is where Notify sends.
  PgConnection(const std::string& url, bool durable, std::string channel = "");
  ~PgConnection() override;
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  Backend backend() const override { return Backend::kPostgres; }
  std::unique_ptr<Cursor> Prepare(std::string_view sql) override;
  void Exec(std::string_view sql) override;
  // A write transaction's BEGIN is sent with its first statement, in one round trip.
  void Begin(bool write) override;
  bool healthy() const override { return PQstatus(conn_) == CONNECTION_OK; }
  void Lock(std::string_view name) override;
  void Notify(std::string_view topic) override;

  // For a connection that has been idle: false when the server has ended the session (a
  // restart leaves an error and end-of-file on the socket, while an idle session has nothing
  // to read). Does not block or talk to the server.
  bool StillOpen() const;
  void set_channel(std::string channel) { channel_ = std::move(channel); }
  PGconn* get() { return conn_; }
  // Throws the Error for a failed `result` (which it frees).
  [[noreturn]] void Fail(PGresult* result);
  // The name of the prepared statement for `sql`, preparing it on first use.
  const std::string& Prepared(std::string_view sql);
  // Runs a prepared statement (after the pending BEGIN, if any); throws Error on failure.
  PGresult* Execute(const std::string& name, const std::vector<const char*>& values);

 private:
  PGresult* ExecuteAfterBegin(const std::string& name, const std::vector<const char*>& values);

  PGconn* conn_ = nullptr;
  bool begin_pending_ = false;
  std::string channel_;
  std::map<std::string, std::string, std::less<>> prepared_;  // SQL -> statement name
};

class PgDatabase final : public Database {
 public:
  // Connects to `url` to check it can; kUnavailable with libpq's reason when it cannot.
  static Result<std::unique_ptr<PgDatabase>> Open(const std::string& url, const Options& options);
  ~PgDatabase() override;

  Backend backend() const override { return Backend::kPostgres; }
  void Subscribe(ChangeListener listener) override;
  Status CopyFile(const std::string& path) override;
  void Close() override { queue_->Close(); }
  WriteStats write_stats() const override { return queue_->stats(); }

 protected:
  Status WithConnection(bool snapshot, const std::function<void(Connection&)>& f) override;
  Status Submit(WriteJob job) override { return queue_->Submit(std::move(job)); }

 private:
  PgDatabase(std::string url, const Options& options);
  std::unique_ptr<PgConnection> Acquire();
  void Release(std::unique_ptr<PgConnection> connection);
  BatchQueue::Writer MakeWriter();

  std::string url_;
  Options options_;
  std::string channel_;  // NOTIFY channel of this database and schema
  std::mutex pool_mutex_;
  std::condition_variable pool_free_;
  std::vector<std::unique_ptr<PgConnection>> idle_;
  int open_ = 0;
  std::unique_ptr<Listener> listener_;
  std::unique_ptr<BatchQueue> queue_;  // last: stops before the rest goes
};

}  // namespace linkway::sql
