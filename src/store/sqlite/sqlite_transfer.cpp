// Sign-in attempts, change notices, whole-database export and import, and the online backup,
// on SQLite.
#include <filesystem>

#include "store/rows.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace linkway::sqlite {
namespace {

constexpr std::string_view kCountFailures =
    "SELECT COUNT(*) FROM sign_in_failures WHERE username = ?1";
constexpr std::string_view kInsertFailure =
    "INSERT INTO sign_in_failures (username, at) VALUES (?1, ?2)";
constexpr std::string_view kForgetFailures =
    "DELETE FROM sign_in_failures WHERE username = ?1 AND at < ?2";
constexpr std::string_view kClearFailures = "DELETE FROM sign_in_failures WHERE username = ?1";

// Ends a read transaction however the export leaves.
struct ReadTx {
  explicit ReadTx(Db& db) : db(db) { db.Exec("BEGIN"); }
  ~ReadTx() {
    try {
      db.Exec("COMMIT");
    } catch (const SqliteError&) {  // a read transaction has nothing to lose
    }
  }
  Db& db;
};

class SqliteRowWriter final : public RowWriter {
 public:
  explicit SqliteRowWriter(Db& db) : db_(db) {}
  Status Insert(const TableSpec& table, const Row& row) override {
    Stmt s(db_, rows::InsertSql(table, '?'));
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (row[i]) {
        s.Bind(static_cast<int>(i + 1), *row[i]);
      } else {
        s.BindNull(static_cast<int>(i + 1));
      }
    }
    Status st = s.Run();
    if (!st.ok()) return {st.code(), "cannot copy a row into " + std::string(table.name)};
    return st;
  }

 private:
  Db& db_;
};

}  // namespace

Result<bool> SqliteStore::TakeSignInAttempt(std::string_view username, UnixSeconds at,
                                            UnixSeconds window_start, int max_attempts) {
  bool allowed = false;
  // The one writer thread runs jobs one at a time: the count and the insert cannot interleave.
  Status status = writer_->Run([&](Db& db) {
    if (Status s = Stmt(db, kForgetFailures).Bind(1, username).Bind(2, window_start).Run();
        !s.ok()) {
      return s;
    }
    Stmt count(db, kCountFailures);
    count.Bind(1, username);
    count.Step();
    if (count.Int(0) >= max_attempts) return Status::Ok();
    allowed = true;
    return Stmt(db, kInsertFailure).Bind(1, username).Bind(2, at).Run();
  });
  if (!status.ok()) return status;
  return allowed;
}

Status SqliteStore::ClearSignInFailures(std::string_view username) {
  return writer_->Run([&](Db& db) { return Stmt(db, kClearFailures).Bind(1, username).Run(); });
}

void SqliteStore::Subscribe(ChangeListener listener) { listeners_.Add(std::move(listener)); }

Status SqliteStore::ExportRows(const RowSink& sink) {
  return Read([&](Db& db) -> Status {
    ReadTx tx(db);  // one snapshot for every table
    for (const auto& table : Tables()) {
      Stmt s(db, "SELECT " + rows::ColumnList(table) + " FROM " + std::string(table.name) +
                     " ORDER BY " + rows::OrderList(table, ""));
      Row row(table.columns.size());
      while (s.Step()) {
        for (std::size_t i = 0; i < row.size(); ++i) {
          int column = static_cast<int>(i);
          row[i] = s.IsNull(column) ? std::nullopt : std::optional<std::string>(s.Text(column));
        }
        if (Status st = sink(table, row); !st.ok()) return st;
      }
    }
    return Status::Ok();
  });
}

Status SqliteStore::ImportRows(const std::function<Status(RowWriter&)>& fill) {
  return writer_->Run([&](Db& db) -> Status {
    for (const auto& table : Tables()) {
      Stmt s(db, "SELECT EXISTS (SELECT 1 FROM " + std::string(table.name) + ")");
      s.Step();
      if (s.Int(0) != 0) {
        return Status::Conflict("the target database already holds data (in " +
                                std::string(table.name) + "); restore into an empty one");
      }
    }
    SqliteRowWriter writer(db);
    return fill(writer);
  });
}

Status SqliteStore::Backup(const std::string& path) {
  if (std::filesystem::exists(path)) {
    return Status::Invalid("the backup file " + path + " already exists; choose a new name");
  }
  return Read([&](Db& db) -> Status {
    sqlite3* out = nullptr;
    if (sqlite3_open(path.c_str(), &out) != SQLITE_OK) {
      sqlite3_close(out);
      return Status::Invalid("cannot create the backup file " + path);
    }
    // The online backup API copies every page in one step: a consistent copy that writers
    // never wait for (WAL mode), taken from this read connection's snapshot.
    sqlite3_backup* backup = sqlite3_backup_init(out, "main", db.get(), "main");
    int rc = SQLITE_ERROR;
    if (backup) {
      rc = sqlite3_backup_step(backup, -1);
      sqlite3_backup_finish(backup);
    }
    if (rc == SQLITE_DONE)
      rc = sqlite3_exec(out, "PRAGMA journal_mode=DELETE", nullptr, nullptr, nullptr);
    sqlite3_close(out);
    if (rc != SQLITE_OK && rc != SQLITE_DONE) {
      std::filesystem::remove(path);
      return StatusFor(rc, "backup");
    }
    return Status::Ok();
  });
}

}  // namespace linkway::sqlite
