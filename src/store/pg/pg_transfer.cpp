// Whole-database export and import, and the backup, on PostgreSQL.
#include <filesystem>

#include "store/pg/pg_store.hpp"
#include "store/rows.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "store/transfer.hpp"

namespace linkway::pg {
namespace {

class PgRowWriter final : public RowWriter {
 public:
  explicit PgRowWriter(Conn& conn) : conn_(conn) {}
  Status Insert(const TableSpec& table, const Row& row) override {
    Params p;
    for (const auto& value : row) p.AddOptional(value);
    conn_.Query(rows::InsertSql(table, '$'),
                p);  // a PgError ends the import; the transaction rolls back
    return Status::Ok();
  }

 private:
  Conn& conn_;
};

}  // namespace

Status PgStore::ExportRows(const RowSink& sink) {
  return Run("reading the database", [&](Conn& c) -> Status {
    // One snapshot for every table; a cursor keeps memory flat on large tables.
    Tx tx(c, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    for (const auto& table : Tables()) {
      c.Exec("DECLARE rows NO SCROLL CURSOR FOR SELECT " + rows::ColumnList(table) + " FROM " +
             std::string(table.name) + " ORDER BY " + rows::OrderList(table, " COLLATE \"C\""));
      Row row(table.columns.size());
      for (;;) {
        auto r = c.Query("FETCH 2000 FROM rows");
        if (r.rows() == 0) break;
        for (int i = 0; i < r.rows(); ++i) {
          for (std::size_t col = 0; col < row.size(); ++col) {
            int column = static_cast<int>(col);
            row[col] =
                r.IsNull(i, column) ? std::nullopt : std::optional<std::string>(r.Text(i, column));
          }
          if (Status s = sink(table, row); !s.ok()) return s;
        }
      }
      c.Exec("CLOSE rows");
    }
    tx.Commit();
    return Status::Ok();
  });
}

Status PgStore::ImportRows(const std::function<Status(RowWriter&)>& fill) {
  return Run("copying into the database", [&](Conn& c) -> Status {
    Tx tx(c);
    // No writes from a running instance between the emptiness check and the copy.
    std::string lock = "LOCK TABLE ";
    for (const auto& table : Tables()) {
      lock += (lock.size() > 11 ? ", " : "") + std::string(table.name);
    }
    c.Exec(lock + " IN EXCLUSIVE MODE");
    for (const auto& table : Tables()) {
      auto any = c.Query("SELECT EXISTS (SELECT 1 FROM " + std::string(table.name) + ")");
      if (any.Text(0, 0) == "t") {
        return Status::Conflict("the target database already holds data (in " +
                                std::string(table.name) + "); use an empty one");
      }
    }
    PgRowWriter writer(c);
    if (Status s = fill(writer); !s.ok()) return s;
    for (const auto& table : Tables()) {
      if (!table.has_id) continue;
      std::string name(table.name);
      std::string sql = "SELECT setval(pg_get_serial_sequence('";
      sql += name;
      sql += "', 'id'), COALESCE((SELECT MAX(id) FROM ";
      sql += name;
      sql += "), 0) + 1, false)";
      c.Query(sql);
    }
    c.Query("SELECT pg_notify($1, $2)", Params().Add(channel_).Add(kEverythingChanged));
    tx.Commit();
    return Status::Ok();
  });
}

Status PgStore::Backup(const std::string& path) {
  if (std::filesystem::exists(path)) {
    return Status::Invalid("the backup file " + path + " already exists; choose a new name");
  }
  Status status;
  {
    auto file = sqlite::SqliteStore::Open(path, StoreOptions{.read_connections = 1});
    if (!file.ok()) return file.status();
    status = CopyAll(*this, **file);
  }
  if (!status.ok()) std::filesystem::remove(path);
  return status;
}

}  // namespace linkway::pg
