#include "store/batch_queue.hpp"

#include <algorithm>

namespace linkway::sql {
namespace {

// Writes run together: one plain write, or a Merge's items (indexes into the batch).
struct Unit {
  const MergeBase* merge = nullptr;
  std::vector<std::size_t> writes;
};

std::vector<Unit> Group(std::span<PendingWrite* const> batch, bool merge) {
  std::vector<Unit> units;
  for (std::size_t i = 0; i < batch.size(); ++i) {
    const MergeBase* m = batch[i]->job.merge;
    if (merge && m != nullptr) {
      auto it =
          std::find_if(units.begin(), units.end(), [&](const Unit& u) { return u.merge == m; });
      if (it != units.end()) {
        it->writes.push_back(i);
        continue;
      }
    }
    units.push_back({m, {i}});
  }
  return units;
}

Status Attempt(Tx& tx, std::span<PendingWrite* const> batch, const Unit& unit, bool all = false) {
  try {
    const WriteJob& first = batch[unit.writes.front()]->job;
    if (unit.merge == nullptr) return first.run(tx);
    if (unit.writes.size() == 1 && !all) return unit.merge->RunOne(tx, first.item);
    std::vector<void*> items;
    for (std::size_t i : unit.writes) items.push_back(batch[i]->job.item);
    return unit.merge->RunAll(tx, items);
  } catch (const Error& e) {
    return e.status();
  } catch (const std::exception& e) {
    return Status::Internal("the change could not be saved").WithDetail(e.what());
  } catch (...) {
    return Status::Internal("the change could not be saved");
  }
}

// Rolls back a transaction that did not commit, however the batch ends.
struct Rollback {
  Connection& connection;
  bool open = true;
  ~Rollback() {
    if (!open || !connection.healthy()) return;
    try {
      connection.Exec("ROLLBACK");
    } catch (const Error&) {  // NOLINT(bugprone-empty-catch): the owner drops a broken one
    }
  }
};

void Settle(PendingWrite& write, Status status) { write.done.set_value(std::move(status)); }

}  // namespace

std::vector<std::string> RunBatch(Connection& connection, std::span<PendingWrite* const> batch) {
  std::vector<Status> results(batch.size());
  std::vector<std::string> topics;
  bool merge = true;
  for (;;) {
    std::vector<Unit> units = Group(batch, merge);
    bool alone = units.size() == 1;  // no savepoint needed: a failure rolls back everything
    bool split = false;
    // Tried once: after a failure the items go the ordinary way, one at a time.
    if (merge && alone && units[0].merge != nullptr &&
        units[0].merge->one_statement(connection.backend())) {
      // One statement commits on its own; if it fails, the items go one at a time.
      Tx tx(connection);
      Status status = Attempt(tx, batch, units[0], true);
      if (status.ok() || !connection.healthy()) {
        if (!connection.healthy() && status.code() != Code::kUnavailable) {
          status = Unavailable("the connection was lost");
        }
        for (auto& r : results) r = status;
        break;
      }
      merge = false;
      continue;
    }
    try {
      connection.Begin(true);
      Rollback rollback{connection};
      Tx tx(connection);
      auto run = [&](const Unit& unit) {
        if (!alone) connection.Exec("SAVEPOINT write");
        std::size_t mark = connection.notices();
        Status status = Attempt(tx, batch, unit);
        if (!connection.healthy())
          throw Error(status.code() == Code::kUnavailable ? status
                                                          : Unavailable("the connection was lost"));
        if (!status.ok()) connection.DropNotices(mark);
        if (!alone) {
          if (!status.ok()) connection.Exec("ROLLBACK TO SAVEPOINT write");
          connection.Exec("RELEASE SAVEPOINT write");
        }
        return status;
      };
      for (const Unit& unit : units) {
        Status status = run(unit);
        if (!status.ok() && unit.merge != nullptr && unit.writes.size() > 1) {
          if (alone) {
            split = true;  // roll back, then run the items one at a time
            break;
          }
          for (std::size_t i : unit.writes) results[i] = run({unit.merge, {i}});
          continue;
        }
        for (std::size_t i : unit.writes) results[i] = status;
      }
      if (split) {
        merge = false;
        continue;
      }
      if (alone && !results[units[0].writes[0]].ok()) break;  // rolled back by `rollback`
      connection.Exec("COMMIT");
      rollback.open = false;
      topics = connection.TakeNotices();
    } catch (const Error& e) {
      // The transaction failed as a whole: nothing of this batch is written.
      Status status = e.status().code() == Code::kUnavailable
                          ? e.status()
                          : Unavailable(e.status().detail().empty() ? e.status().message()
                                                                    : e.status().detail());
      for (auto& r : results) r = status;
      connection.DropNotices(0);
      topics.clear();
    }
    break;
  }
  for (std::size_t i = 0; i < batch.size(); ++i) Settle(*batch[i], std::move(results[i]));
  return topics;
}

BatchQueue::BatchQueue(std::vector<Writer> writers, std::size_t max_batch) : max_batch_(max_batch) {
  for (auto& writer : writers) {
    threads_.emplace_back([this, writer = std::move(writer)] { Loop(writer); });
  }
}

BatchQueue::~BatchQueue() { Close(); }

void BatchQueue::Close() {
  {
    std::lock_guard lock(mutex_);
    if (closing_ && threads_.empty()) return;
    closing_ = true;
  }
  wake_.notify_all();
  for (auto& t : threads_) {
    if (t.joinable()) t.join();
  }
  std::lock_guard lock(mutex_);
  threads_.clear();
}

Status BatchQueue::Submit(WriteJob job) {
  auto pending = std::make_unique<PendingWrite>();
  pending->job = std::move(job);
  auto done = pending->done.get_future();
  {
    std::lock_guard lock(mutex_);
    if (closing_) return Unavailable("the database is closing");
    queue_.push_back(std::move(pending));
  }
  wake_.notify_one();
  return done.get();
}

WriteStats BatchQueue::stats() const {
  std::lock_guard lock(mutex_);
  return stats_;
}

void BatchQueue::Loop(const Writer& writer) {
  for (;;) {
    std::vector<std::unique_ptr<PendingWrite>> owned;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return closing_ || !queue_.empty(); });
      if (queue_.empty()) return;  // closing, and nothing left
      while (!queue_.empty() && owned.size() < max_batch_) {
        owned.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
      ++stats_.batches;
      stats_.writes += owned.size();
    }
    std::vector<PendingWrite*> batch;
    batch.reserve(owned.size());
    for (auto& p : owned) batch.push_back(p.get());
    writer(batch);  // settles every write: RunBatch never throws
  }
}

}  // namespace linkway::sql
