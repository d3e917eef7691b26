#include "store/sqlite/group_writer.hpp"

#include <vector>

namespace linkway::sqlite {

GroupWriter::GroupWriter(std::unique_ptr<Db> db, std::size_t max_batch)
    : db_(std::move(db)), max_batch_(max_batch), thread_([this] { Loop(); }) {}

GroupWriter::~GroupWriter() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

Status GroupWriter::Run(Job job) {
  auto pending = std::make_unique<Pending>();
  pending->job = std::move(job);
  auto result = pending->done.get_future();
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return Status::Unavailable("the database is closing");
    queue_.push_back(std::move(pending));
  }
  wake_.notify_one();
  return result.get();
}

GroupWriter::Stats GroupWriter::stats() const {
  std::lock_guard lock(mutex_);
  return stats_;
}

void GroupWriter::Loop() {
  for (;;) {
    std::deque<std::unique_ptr<Pending>> batch;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and nothing left
      while (!queue_.empty() && batch.size() < max_batch_) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
      ++stats_.batches;
      stats_.jobs += batch.size();
    }
    RunBatch(batch);
  }
}

void GroupWriter::RunBatch(std::deque<std::unique_ptr<Pending>>& batch) {
  std::vector<Status> results(batch.size());
  try {
    Tx tx(*db_);
    for (std::size_t i = 0; i < batch.size(); ++i) {
      // Cached statements: the writer thread is the one every write waits for, so it does
      // not parse these again for every job.
      (void)Stmt(*db_, "SAVEPOINT job").Run();
      Status status;
      try {
        status = batch[i]->job(*db_);
      } catch (const SqliteError& e) {
        status = StatusFor(e.code(), "write");
      } catch (const std::exception& e) {
        status = Status::Internal(e.what());
      }
      if (!status.ok()) (void)Stmt(*db_, "ROLLBACK TO job").Run();
      (void)Stmt(*db_, "RELEASE job").Run();
      results[i] = std::move(status);
    }
    tx.Commit();
  } catch (const SqliteError& e) {
    // The transaction rolled back as a whole: nothing of this batch is written.
    for (auto& r : results) r = StatusFor(e.code(), "commit");
    for (auto& r : results) {
      if (r.code() != Code::kUnavailable) r = Status::Unavailable("the write could not be saved");
    }
  }
  for (std::size_t i = 0; i < batch.size(); ++i) batch[i]->done.set_value(std::move(results[i]));
}

}  // namespace linkway::sqlite
