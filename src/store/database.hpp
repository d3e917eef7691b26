// A database: pooled connections for reads, and the one atomic write.
//
// Write(f) is how every change is made. `f` is given a write transaction and may change any
// tables, plus the audit row that records the change; it returns a Status or a Result. The
// whole change commits durably (synchronous=FULL on SQLite, synchronous_commit=on on
// PostgreSQL) before Write returns ok, or nothing of it is written. Writes from many threads go
// through one batch queue (batch_queue.hpp): a writer takes every write waiting and commits
// them in one transaction, each in a savepoint of its own, so that N concurrent writers pay for
// one commit and a write that fails is undone alone. `f` runs on a writer thread and may be run
// more than once (only the last run's changes are kept): it must assign its outputs, not append
// to them, and must not wait on other writes.
//
// Read(f) and Snapshot(f) run `f` on a pooled read connection; in a Snapshot every statement
// sees the same committed data. A failed statement (sql::Error) or an exception from `f` ends
// the call with the Status it means; no exception leaves these calls.
// Thread safety: every method may be called from any thread at the same time.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>

#include "store/sql.hpp"

namespace linkway::sql {

// What changed, for the caches an instance keeps; kEverythingChanged when changes may have
// been missed (the connection that carries notices was lost and is back).
inline constexpr std::string_view kEverythingChanged = "*";
using ChangeListener = std::function<void(std::string_view topic)>;

// Writes of one kind that a writer may make for many callers in one go: the hot path, where
// one statement for the batch saves a round trip per write (PostgreSQL's batched intake).
// RunAll writes every item or fails as a whole; the writer then runs each item alone with
// RunOne, so that one bad item fails alone. When RunAll is one statement on a backend
// (`one_statement`), a batch of nothing else is sent as that statement alone, which commits on
// its own: one round trip instead of three.
class MergeBase {
 public:
  virtual ~MergeBase() = default;
  virtual Status RunOne(Tx& tx, void* item) const = 0;
  virtual Status RunAll(Tx& tx, std::span<void* const> items) const = 0;
  virtual bool one_statement(Backend backend) const = 0;
};

template <typename Item>
class Merge final : public MergeBase {
 public:
  using One = std::function<Status(Tx&, Item&)>;
  using All = std::function<Status(Tx&, std::span<Item* const>)>;
  Merge(One one, All all, std::optional<Backend> one_statement = std::nullopt)
      : one_(std::move(one)), all_(std::move(all)), one_statement_(one_statement) {}
  bool one_statement(Backend backend) const override { return one_statement_ == backend; }
  Status RunOne(Tx& tx, void* item) const override { return one_(tx, *static_cast<Item*>(item)); }
  Status RunAll(Tx& tx, std::span<void* const> items) const override {
    return all_(tx, {reinterpret_cast<Item* const*>(items.data()), items.size()});
  }

 private:
  One one_;
  All all_;
  std::optional<Backend> one_statement_;
};

// One write waiting for a writer: a function, or an item of a Merge.
struct WriteJob {
  std::function<Status(Tx&)> run;
  const MergeBase* merge = nullptr;
  void* item = nullptr;
};

// Batches committed and writes in them so far, for benchmarks.
struct WriteStats {
  std::uint64_t batches = 0;
  std::uint64_t writes = 0;
};

struct Options {
  bool durable = true;  // false only for bulk seeding: no sync per commit
  // Read connections kept open for reuse (SQLite); opening one costs far more than a read.
  int read_connections = 64;
  // Connections to a PostgreSQL server for reads (writers have their own).
  int pg_connections = 16;
  // Writer threads, each with its own connection (PostgreSQL; SQLite has one writer).
  int pg_writers = 2;
};

class Database {
 public:
  virtual ~Database() = default;
  virtual Backend backend() const = 0;
  // "sqlite" or "postgresql".
  std::string_view name() const { return backend() == Backend::kSqlite ? "sqlite" : "postgresql"; }

  template <typename F>
  auto Read(F&& f) -> std::invoke_result_t<F&, Connection&> {
    return Call<std::invoke_result_t<F&, Connection&>>(false, f);
  }
  template <typename F>
  auto Snapshot(F&& f) -> std::invoke_result_t<F&, Connection&> {
    return Call<std::invoke_result_t<F&, Connection&>>(true, f);
  }

  // The one atomic write; see the top of this file.
  template <typename F>
  auto Write(F&& f) -> std::invoke_result_t<F&, Tx&> {
    using R = std::invoke_result_t<F&, Tx&>;
    std::optional<R> out;
    Status status = Submit({[&](Tx& tx) {
      out.emplace(f(tx));
      return StatusOf(*out);
    }});
    if (!status.ok()) return R(std::move(status));
    return std::move(*out);
  }

  // Writes `item` through `merge`, maybe in one go with other callers' items. On success the
  // item holds what RunOne or RunAll put in it.
  template <typename Item>
  Status WriteMerged(const Merge<Item>& merge, Item& item) {
    return Submit({{}, &merge, &item});
  }

  // Calls `listener` (on a thread of the database's) after a write that named `topic` commits,
  // on this instance or, on PostgreSQL, any instance on the same database; within about a
  // second. Listeners stay until the database is destroyed.
  virtual void Subscribe(ChangeListener listener) = 0;

  // SQLite only: writes a consistent copy of the whole file, taken while it serves, to `path`
  // (which must not exist). kInvalid on PostgreSQL, whose copies transfer.hpp makes.
  virtual Status CopyFile(const std::string& path) = 0;

  // Waits for the writes queued so far, then stops the writers; later writes get
  // kUnavailable. The destructor does this too.
  virtual void Close() = 0;

  virtual WriteStats write_stats() const = 0;

 protected:
  // Runs `f` on a read connection; an Error or exception from it becomes the Status.
  virtual Status WithConnection(bool snapshot, const std::function<void(Connection&)>& f) = 0;
  // Queues the write and waits for its batch to commit; the job's own status, or the batch's.
  virtual Status Submit(WriteJob job) = 0;

 private:
  static const Status& StatusOf(const Status& s) { return s; }
  template <typename T>
  static const Status& StatusOf(const Result<T>& r) {
    return r.status();
  }

  template <typename R, typename F>
  R Call(bool snapshot, F& f) {
    std::optional<R> out;
    Status status = WithConnection(snapshot, [&](Connection& c) { out.emplace(f(c)); });
    if (!status.ok()) return R(std::move(status));
    return std::move(*out);
  }
};

// Opens the database named by `url`: "sqlite:PATH" or a plain path for SQLite,
// "postgresql://..." or "postgres://..." for PostgreSQL (any libpq URL). Applies no schema
// (see schema.hpp). kInvalid for an unknown scheme or an empty path; kUnavailable when the
// database cannot be opened or reached.
Result<std::unique_ptr<Database>> Open(const std::string& url, const Options& options = {});

}  // namespace linkway::sql
