// Group commit for referral intake on PostgreSQL: writer threads, each with its own
// connection, take every referral waiting and insert them all, with their first events, audit
// rows and idempotency keys, in one statement (arrays unnested server-side) and one COMMIT.
// Many concurrent referrals then cost the server one statement and one commit, not one each.
//
// Submit returns only after the batch's COMMIT has returned, so the caller may acknowledge.
// When a batch fails for any reason but a lost connection (a unique key taken, a practice
// removed), its referrals are tried one at a time through `single`, so that one bad referral
// fails alone. A lost connection fails the batch with kUnavailable; the writer reconnects for
// the next one.
// Thread safety: Submit may be called from any number of threads.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "store/pg/conn.hpp"
#include "store/store.hpp"

namespace linkway::pg {

// A referral to insert with its audit row.
struct Intake {
  const NewReferral* referral;
  const AuditEntry* audit;
};

// Inserts the referrals, with their first events, audit rows and idempotency keys, in one
// statement (committed on its own outside a transaction); their ids in order. Throws PgError.
std::vector<std::int64_t> InsertReferrals(Conn& conn, const std::vector<Intake>& intakes);

class IntakeBatcher {
 public:
  // Runs one referral on its own (the fallback); as Store::CreateReferral.
  using Single = std::function<Result<CreatedReferral>(const NewReferral&, const AuditEntry&)>;

  IntakeBatcher(std::string url, bool durable, int writers, Single single,
                std::size_t max_batch = 256);
  ~IntakeBatcher();  // finishes queued referrals, then stops
  IntakeBatcher(const IntakeBatcher&) = delete;
  IntakeBatcher& operator=(const IntakeBatcher&) = delete;

  Result<CreatedReferral> Submit(const NewReferral& referral, const AuditEntry& audit);

 private:
  struct Pending {
    Intake intake;
    std::promise<Result<CreatedReferral>> done;
  };
  using Batch = std::vector<std::unique_ptr<Pending>>;

  void Loop();

  std::string url_;
  bool durable_;
  Single single_;
  std::size_t max_batch_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::unique_ptr<Pending>> queue_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

// "{"a","b\"c",NULL}": a PostgreSQL array literal of the values, for one text[] parameter.
std::string ArrayLiteral(const std::vector<std::optional<std::string>>& values);

}  // namespace linkway::pg
