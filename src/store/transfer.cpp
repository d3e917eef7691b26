#include "store/transfer.hpp"

#include <sodium.h>

#include <filesystem>
#include <map>

namespace linkway::sql {
namespace {

class Digest {
 public:
  Digest() { crypto_hash_sha256_init(&state_); }
  void Add(const Row& row) {
    for (const auto& value : row) {
      if (!value) {
        Update("\x00", 1);
        continue;
      }
      std::string head = "\x01" + std::to_string(value->size()) + ":";
      Update(head.data(), head.size());
      Update(value->data(), value->size());
    }
    Update("\n", 1);
    ++rows_;
  }
  TableSummary Finish(std::string table) {
    unsigned char out[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&state_, out);
    static constexpr char kHex[] = "0123456789abcdef";
    std::string hex;
    for (unsigned char c : out) {
      hex += kHex[c >> 4];
      hex += kHex[c & 15];
    }
    return {std::move(table), rows_, hex};
  }

 private:
  void Update(const char* data, std::size_t size) {
    crypto_hash_sha256_update(&state_, reinterpret_cast<const unsigned char*>(data), size);
  }
  crypto_hash_sha256_state state_{};
  std::int64_t rows_ = 0;
};

// The table's ORDER BY: integer keys are id and *_id; text keys sort bytewise.
std::string OrderBy(const TableSpec& table) {
  std::string out;
  for (auto column : table.key) {
    bool integer = !table.text_key && (column == "id" || column.ends_with("_id"));
    out += (out.empty() ? "" : ", ") + std::string(column) + (integer ? "" : " COLLATE \"C\"");
  }
  return out;
}

std::vector<const TableSpec*> AllTables(std::span<const Schema> schemas) {
  std::vector<const TableSpec*> out;
  for (const auto& s : schemas) {
    for (const auto& t : s.tables) out.push_back(&t);
  }
  return out;
}

// Reads the query's rows into `sink`; false when there were none.
bool Drain(Query& q, const TableSpec& table, std::vector<std::string>& columns,
           const RowSink& sink) {
  bool any = false;
  while (q.Step()) {
    if (columns.empty()) {
      for (int i = 0; i < q.columns(); ++i) columns.push_back(q.column_name(i));
    }
    Row row(columns.size());
    for (std::size_t i = 0; i < row.size(); ++i) row[i] = q.Optional(static_cast<int>(i));
    sink(table, columns, row);
    any = true;
  }
  return any;
}

std::string InsertSql(const TableSpec& table, const std::vector<std::string>& columns) {
  std::string names;
  std::string values;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    names += (i != 0 ? ", " : "") + columns[i];
    values += (i != 0 ? ", $" : "$") + std::to_string(i + 1);
  }
  return "INSERT INTO " + std::string(table.name) + " (" + names + ") VALUES (" + values + ")";
}

}  // namespace

Status ExportRows(Database& db, std::span<const Schema> schemas, const RowSink& sink) {
  return db.Snapshot([&](Connection& c) -> Status {
    for (const TableSpec* table : AllTables(schemas)) {
      std::string select =
          "SELECT * FROM " + std::string(table->name) + " ORDER BY " + OrderBy(*table);
      std::vector<std::string> columns;
      if (c.backend() == Backend::kSqlite) {
        Query q(c, select);
        Drain(q, *table, columns, sink);
        continue;
      }
      // PostgreSQL sends a result whole: a cursor keeps memory flat on a large table.
      c.Exec("DECLARE rows NO SCROLL CURSOR FOR " + select);
      for (;;) {
        Query q(c, "FETCH 2000 FROM rows");
        if (!Drain(q, *table, columns, sink)) break;
      }
      c.Exec("CLOSE rows");
    }
    return Status::Ok();
  });
}

Result<std::vector<TableSummary>> Summarise(Database& db, std::span<const Schema> schemas) {
  std::map<std::string_view, Digest> digests;
  for (const TableSpec* t : AllTables(schemas)) digests[t->name];
  Status s = ExportRows(db, schemas, [&](const TableSpec& table, const auto&, const Row& row) {
    digests[table.name].Add(row);
  });
  if (!s.ok()) return s;
  std::vector<TableSummary> out;
  for (const TableSpec* t : AllTables(schemas)) {
    out.push_back(digests[t->name].Finish(std::string(t->name)));
  }
  return out;
}

Status CopyAll(Database& from, Database& to, std::span<const Schema> schemas) {
  auto tables = AllTables(schemas);
  return to.Write([&](Tx& tx) -> Status {
    if (tx.backend() == Backend::kPostgres) {
      // No writes from a running instance between the emptiness check and the copy.
      std::string lock;
      for (const TableSpec* t : tables) lock += (lock.empty() ? "" : ", ") + std::string(t->name);
      tx.connection().Exec("LOCK TABLE " + lock + " IN EXCLUSIVE MODE");
    }
    for (const TableSpec* t : tables) {
      Query any(tx, "SELECT COUNT(*) FROM (SELECT 1 FROM " + std::string(t->name) + " LIMIT 1) x");
      any.Step();
      if (any.Int(0) != 0) {
        return Status::Conflict("the target database already holds data (in " +
                                std::string(t->name) + "); use an empty one");
      }
    }
    std::string insert;
    const TableSpec* current = nullptr;
    Status copied = ExportRows(
        from, schemas,
        [&](const TableSpec& table, const std::vector<std::string>& columns, const Row& row) {
          if (&table != current) {
            current = &table;
            insert = InsertSql(table, columns);
          }
          Query q(tx, insert);
          for (std::size_t i = 0; i < row.size(); ++i) q.Bind(static_cast<int>(i + 1), row[i]);
          Status s = q.TryRun();
          if (!s.ok()) {
            throw Error(Status(s.code(), "cannot copy a row into " + std::string(table.name))
                            .WithDetail(s.detail()));
          }
        });
    if (!copied.ok()) return copied;
    if (tx.backend() == Backend::kPostgres) {
      for (const TableSpec* t : tables) {
        if (t->key.size() != 1 || t->key[0] != "id" || t->text_key) continue;
        std::string name(t->name);
        std::string setval = "SELECT setval(pg_get_serial_sequence('";
        setval.append(name).append("', 'id'), COALESCE((SELECT MAX(id) FROM ").append(name);
        setval.append("), 0) + 1, false)");
        Query(tx, setval).Run();
      }
    }
    tx.Notify(kEverythingChanged);
    return Status::Ok();
  });
}

Result<std::vector<TableSummary>> CopyAndVerify(Database& from, Database& to,
                                                std::span<const Schema> schemas) {
  if (Status s = CopyAll(from, to, schemas); !s.ok()) return s;
  auto source = Summarise(from, schemas);
  if (!source.ok()) return source.status();
  auto target = Summarise(to, schemas);
  if (!target.ok()) return target.status();
  std::string differ;
  for (std::size_t i = 0; i < source->size(); ++i) {
    if (!((*source)[i] == (*target)[i]))
      differ += (differ.empty() ? "" : ", ") + (*source)[i].table;
  }
  if (!differ.empty()) return Status::Internal("the copy differs from its source in: " + differ);
  return source;
}

Status Backup(Database& db, std::span<const Schema> schemas, const std::string& path) {
  if (std::filesystem::exists(path)) {
    return Status::Invalid("the backup file " + path + " already exists; choose a new name");
  }
  if (db.backend() == Backend::kSqlite) return db.CopyFile(path);
  Status status;
  {
    auto file = Open("sqlite:" + path, Options{.read_connections = 1});
    if (!file.ok()) return file.status();
    status = Migrate(**file, schemas);
    if (status.ok()) status = CopyAll(db, **file, schemas);
  }
  if (!status.ok()) std::filesystem::remove(path);
  return status;
}

}  // namespace linkway::sql
