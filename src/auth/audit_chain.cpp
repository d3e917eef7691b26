#include "auth/audit_chain.hpp"

#include <vector>

#include "auth/secrets.hpp"

namespace linkway {
namespace {

// A row sealed this far below the last sealed id would have committed long ago: rows are
// looked for only above it, so sealing does not read the whole trail each time.
constexpr std::int64_t kLateWindow = 1000;
constexpr int kBatch = 5000;

constexpr std::string_view kRowColumns =
    "a.id, a.at, a.user_id, a.username, a.role, a.action, a.record_type, a.record_id";
constexpr std::string_view kHead = "SELECT hash FROM audit_chain ORDER BY id DESC LIMIT 1";
constexpr std::string_view kMaxSealed = "SELECT COALESCE(MAX(audit_id), 0) FROM audit_chain";
constexpr std::string_view kNotSealed =
    " FROM audit a WHERE a.id > $1 AND NOT EXISTS "
    "(SELECT 1 FROM audit_chain c WHERE c.audit_id = a.id) ORDER BY a.id";
constexpr std::string_view kInsertEntry =
    "INSERT INTO audit_chain (audit_id, prev_hash, hash) VALUES ($1, $2, $3)";
constexpr std::string_view kWalk =
    "SELECT c.audit_id, c.prev_hash, c.hash, CASE WHEN a.id IS NULL THEN 0 ELSE 1 END, a.id, "
    "a.at, a.user_id, a.username, a.role, a.action, a.record_type, a.record_id "
    "FROM audit_chain c LEFT JOIN audit a ON a.id = c.audit_id ORDER BY c.id";
constexpr std::string_view kUnsealed =
    "SELECT a.id FROM audit a WHERE NOT EXISTS "
    "(SELECT 1 FROM audit_chain c WHERE c.audit_id = a.id) ORDER BY a.id";

struct Row {
  std::int64_t id = 0, at = 0, user_id = 0;
  std::string username, role, action, record_type, record_id;
};

Row RowAt(const sql::Query& q, int from) {
  return {q.Int(from),      q.Int(from + 1),  q.Int(from + 2),  q.Text(from + 3),
          q.Text(from + 4), q.Text(from + 5), q.Text(from + 6), q.Text(from + 7)};
}

// SHA-256 of the entry before and of every field, each as its length and its bytes, so that
// no two different rows read the same.
std::string EntryHash(const std::string& prev, const Row& r) {
  std::string text;
  auto add = [&](std::string_view field) {
    text += std::to_string(field.size());
    text += ':';
    text += field;
  };
  add(prev);
  add(std::to_string(r.id));
  add(std::to_string(r.at));
  add(std::to_string(r.user_id));
  add(r.username);
  add(r.role);
  add(r.action);
  add(r.record_type);
  add(r.record_id);
  return Sha256Hex(text);
}

}  // namespace

Result<std::int64_t> SealAudit(sql::Database& db) {
  std::int64_t total = 0;
  for (;;) {
    auto sealed = db.Write([&](sql::Tx& tx) -> Result<std::int64_t> {
      tx.Lock("audit seal");  // one sealer at a time, across every instance
      std::string prev;
      if (sql::Query head(tx, kHead); head.Step()) prev = head.Text(0);
      sql::Query max(tx, kMaxSealed);
      max.Step();
      std::vector<Row> rows;
      {
        sql::Query q(tx,
                     "SELECT " + std::string(kRowColumns) + std::string(kNotSealed) + " LIMIT " +
                         std::to_string(kBatch),
                     max.Int(0) - kLateWindow);
        while (q.Step()) rows.push_back(RowAt(q, 0));
      }
      for (const auto& r : rows) {
        std::string hash = EntryHash(prev, r);
        sql::Query(tx, kInsertEntry, r.id, prev, hash).Run();
        prev = std::move(hash);
      }
      return static_cast<std::int64_t>(rows.size());
    });
    if (!sealed.ok()) return sealed.status();
    total += *sealed;
    if (*sealed < kBatch) return total;
  }
}

Result<AuditCheck> VerifyAudit(sql::Database& db) {
  return db.Read([&](sql::Connection& c) -> Result<AuditCheck> {
    AuditCheck out;
    auto fail = [&](std::int64_t row, std::string problem) {
      if (!out.intact) return;
      out.intact = false;
      out.problem_row = row;
      out.problem = std::move(problem);
    };
    std::string prev;
    std::int64_t max_sealed = 0;
    sql::Query walk(c, kWalk);
    while (walk.Step()) {
      std::int64_t id = walk.Int(0);
      max_sealed = std::max(max_sealed, id);
      std::string entry_prev = walk.Text(1);
      std::string hash = walk.Text(2);
      std::string at = "audit row " + std::to_string(id);
      if (entry_prev != prev) {
        fail(id, "the chain is broken before " + at + ": an entry was removed or inserted");
      } else if (walk.Int(3) == 0) {
        fail(id, at + " was removed");
      } else if (EntryHash(prev, RowAt(walk, 4)) != hash) {
        fail(id, at + " was changed after it was sealed");
      }
      ++out.rows;
      prev = hash;
    }
    out.head = prev;
    sql::Query unsealed(c, kUnsealed);
    while (unsealed.Step()) {
      std::int64_t id = unsealed.Int(0);
      if (id < max_sealed - kLateWindow) {
        fail(id, "audit row " + std::to_string(id) +
                     " is not in the chain though far later rows are: it was inserted by hand");
      } else {
        ++out.unsealed;
      }
    }
    return out;
  });
}

}  // namespace linkway
