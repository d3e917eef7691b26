#include "store/pg/listener.hpp"
#include "store/pg/pg.hpp"

namespace linkway::sql {
namespace {

constexpr std::string_view kChannel =
    "SELECT 'linkway_' || left(md5(current_database() || '.' || current_schema()), 16)";

}  // namespace

PgDatabase::PgDatabase(std::string url, const Options& options)
    : url_(std::move(url)), options_(options) {}

Result<std::unique_ptr<PgDatabase>> PgDatabase::Open(const std::string& url,
                                                     const Options& options) {
  std::unique_ptr<PgDatabase> db(new PgDatabase(url, options));
  try {
    auto connection = db->Acquire();
    // Channel names are identifiers (63 bytes at most): a hash of where the data lives keeps
    // instances on other databases or schemas of the same server apart.
    Query channel(*connection, kChannel);
    channel.Step();
    db->channel_ = channel.Text(0);
    connection->set_channel(db->channel_);
    db->Release(std::move(connection));
  } catch (const Error& e) {
    return e.status();
  }
  db->listener_ = std::make_unique<Listener>(url, db->channel_);
  std::vector<BatchQueue::Writer> writers;
  for (int i = 0; i < std::max(1, options.pg_writers); ++i) writers.push_back(db->MakeWriter());
  db->queue_ = std::make_unique<BatchQueue>(std::move(writers), 256);
  return db;
}

PgDatabase::~PgDatabase() {
  if (queue_) queue_->Close();
}

void PgDatabase::Subscribe(ChangeListener listener) { listener_->Subscribe(std::move(listener)); }

Status PgDatabase::CopyFile(const std::string& /*path*/) {
  return Status::Invalid("a PostgreSQL database is copied row by row, not as a file");
}

BatchQueue::Writer PgDatabase::MakeWriter() {
  auto connection = std::make_shared<std::unique_ptr<PgConnection>>();
  return [this, connection](std::span<PendingWrite* const> batch) {
    auto& c = *connection;
    if (!c || !c->StillOpen()) {
      c.reset();
      try {
        c = std::make_unique<PgConnection>(url_, options_.durable, channel_);
      } catch (const Error& e) {
        for (PendingWrite* w : batch) w->done.set_value(e.status());
        return;
      }
    }
    (void)RunBatch(*c, batch);  // notices travel in the transaction, to the listener
    if (!c->healthy()) c.reset();
  };
}

std::unique_ptr<PgConnection> PgDatabase::Acquire() {
  for (;;) {
    std::unique_ptr<PgConnection> connection;
    {
      std::unique_lock lock(pool_mutex_);
      pool_free_.wait(lock, [&] { return !idle_.empty() || open_ < options_.pg_connections; });
      if (idle_.empty()) {
        ++open_;
        break;
      }
      connection = std::move(idle_.back());
      idle_.pop_back();
    }
    // Drop a connection the server has ended rather than fail a request with it.
    if (connection->StillOpen()) return connection;
    connection.reset();
    std::lock_guard lock(pool_mutex_);
    --open_;
  }
  try {
    return std::make_unique<PgConnection>(url_, options_.durable, channel_);
  } catch (const Error&) {
    std::lock_guard lock(pool_mutex_);
    --open_;
    pool_free_.notify_one();
    throw;
  }
}

void PgDatabase::Release(std::unique_ptr<PgConnection> connection) {
  if (!connection) return;
  bool keep = connection->healthy() && PQtransactionStatus(connection->get()) == PQTRANS_IDLE;
  if (!keep) connection.reset();  // closed outside the lock
  std::lock_guard lock(pool_mutex_);
  if (keep) {
    idle_.push_back(std::move(connection));
  } else {
    --open_;
  }
  pool_free_.notify_one();
}

Status PgDatabase::WithConnection(bool snapshot, const std::function<void(Connection&)>& f) {
  // Hands the connection back however `f` leaves, so the pool never loses one.
  struct Lease {
    PgDatabase& db;
    std::unique_ptr<PgConnection> connection;
    ~Lease() { db.Release(std::move(connection)); }
  } lease{*this, nullptr};
  try {
    lease.connection = Acquire();
    if (snapshot) lease.connection->Begin(false);
    f(*lease.connection);
    if (snapshot) lease.connection->Exec("COMMIT");
    return Status::Ok();
  } catch (const Error& e) {
    if (lease.connection && lease.connection->healthy())
      PQclear(PQexec(lease.connection->get(), "ROLLBACK"));
    return e.status();
  } catch (const std::exception& e) {
    if (lease.connection && lease.connection->healthy())
      PQclear(PQexec(lease.connection->get(), "ROLLBACK"));
    return Status::Internal("the database read failed").WithDetail(e.what());
  }
}

}  // namespace linkway::sql
