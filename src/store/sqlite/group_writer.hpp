// Group commit: one writer thread owns the write connection and commits many callers' writes
// in one durable transaction, so that N concurrent writers pay for one fsync, not N.
//
// Each job runs inside its own SAVEPOINT within the batch's transaction: a job that fails is
// rolled back alone and the others still commit. Run() returns only after the batch's COMMIT
// has returned (with synchronous=FULL that means it is on disk), so a caller can acknowledge
// the write. If the COMMIT fails, every job in the batch gets kUnavailable and nothing of the
// batch is written.
// Thread safety: Run may be called from any number of threads.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <thread>

#include "store/sqlite/db.hpp"

namespace linkway::sqlite {

class GroupWriter {
 public:
  using Job = std::function<Status(Db&)>;

  explicit GroupWriter(std::unique_ptr<Db> db, std::size_t max_batch = 512);
  ~GroupWriter();  // finishes queued jobs, then stops
  GroupWriter(const GroupWriter&) = delete;
  GroupWriter& operator=(const GroupWriter&) = delete;

  // Runs `job` on the writer thread and waits until its batch is committed.
  Status Run(Job job);

  struct Stats {
    std::uint64_t batches = 0;
    std::uint64_t jobs = 0;
  };
  Stats stats() const;

 private:
  struct Pending {
    Job job;
    std::promise<Status> done;
  };

  void Loop();
  void RunBatch(std::deque<std::unique_ptr<Pending>>& batch);

  std::unique_ptr<Db> db_;
  std::size_t max_batch_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::unique_ptr<Pending>> queue_;
  bool stopping_ = false;
  Stats stats_;
  std::thread thread_;
};

}  // namespace linkway::sqlite
