// The one batch queue behind both backends: group commit. Callers Submit a write and wait;
// writer threads (one for SQLite, a few for PostgreSQL, each with a connection of its own)
// take every write waiting, up to a limit, and commit them in one transaction (RunBatch).
//
// The rules, the same on both backends:
// - A write is acknowledged (Submit returns ok) only after its batch's COMMIT has returned.
// - Each write runs in a savepoint of its own (none when it is alone in its batch): one that
//   fails, or throws, is undone alone and the others commit. A Merge's items are first tried in
//   one go (RunAll), then, if that fails, one at a time.
// - A write that throws fails with its sql::Error's status, or kInternal with the exception's
//   text as detail for the log; its writer carries on.
// - When the batch's transaction fails as a whole (a lost connection, a failed COMMIT, a full
//   disk), every write in it gets kUnavailable and nothing of the batch is written.
// - Shutdown: Close (or the destructor) refuses new writes with kUnavailable, lets the writers
//   finish every write already queued, and joins them.
// Thread safety: Submit and Close may be called from any thread.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "store/database.hpp"

namespace linkway::sql {

// A write waiting in the queue, and the promise its caller waits on.
struct PendingWrite {
  WriteJob job;
  std::promise<Status> done;
};

// Runs `batch` on `connection` in one transaction and settles every promise. Returns the topics
// the committed writes named that the connection keeps for after the commit (SQLite's; on
// PostgreSQL they travel inside the transaction). Never throws.
std::vector<std::string> RunBatch(Connection& connection, std::span<PendingWrite* const> batch);

class BatchQueue {
 public:
  // A writer's work on one batch, with a connection of its own that it makes, keeps or
  // replaces: it settles every write in the batch (RunBatch does) and never throws.
  using Writer = std::function<void(std::span<PendingWrite* const> batch)>;

  // Starts a thread for each writer.
  BatchQueue(std::vector<Writer> writers, std::size_t max_batch);
  ~BatchQueue();
  BatchQueue(const BatchQueue&) = delete;
  BatchQueue& operator=(const BatchQueue&) = delete;

  // Queues `job` and waits for its batch; see the rules above.
  Status Submit(WriteJob job);
  void Close();

  WriteStats stats() const;

 private:
  void Loop(const Writer& writer);

  std::size_t max_batch_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::unique_ptr<PendingWrite>> queue_;
  bool closing_ = false;
  WriteStats stats_;
  std::vector<std::thread> threads_;
};

}  // namespace linkway::sql
