#include "auth/audit.hpp"

#include <algorithm>

namespace linkway {
namespace {

constexpr std::string_view kInsert =
    "INSERT INTO audit (at, user_id, username, role, action, record_type, record_id) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7)";
constexpr std::string_view kList =
    "SELECT id, at, user_id, username, role, action, record_type, record_id FROM audit "
    "WHERE ($1 = '' OR record_type = $1) AND ($2 = '' OR record_id = $2) "
    "AND (CAST($3 AS BIGINT) = 0 OR user_id = CAST($3 AS BIGINT)) ORDER BY id DESC LIMIT $4";

}  // namespace

AuditEntry AuditFor(const Principal& who, UnixSeconds at, std::string action,
                    std::string record_type, std::string record_id) {
  return {0,
          at,
          who.user_id,
          who.username,
          std::string(ToString(who.role)),
          std::move(action),
          std::move(record_type),
          std::move(record_id)};
}

void WriteAudit(sql::Tx& tx, const AuditEntry& e) {
  sql::Query(tx, kInsert, e.at, e.user_id, e.username, e.role, e.action, e.record_type, e.record_id)
      .Run();
}

Status AuditTrail::Record(const AuditEntry& entry) {
  return db_.Write([&](sql::Tx& tx) {
    WriteAudit(tx, entry);
    return Status::Ok();
  });
}

Status AuditTrail::RecordList(const AuditEntry& scope, const AuditEntry& each,
                              const std::vector<std::string>& ids) {
  return db_.Write([&](sql::Tx& tx) {
    WriteAudit(tx, scope);
    AuditEntry row = each;
    for (const auto& id : ids) {
      row.record_id = id;
      WriteAudit(tx, row);
    }
    return Status::Ok();
  });
}

Result<std::vector<AuditEntry>> AuditTrail::List(const AuditFilter& f) {
  return db_.Read([&](sql::Connection& c) -> Result<std::vector<AuditEntry>> {
    sql::Query q(c, kList, f.record_type, f.record_id, f.user_id, f.limit);
    std::vector<AuditEntry> out;
    while (q.Step()) {
      out.push_back(
          {q.Int(0), q.Int(1), q.Int(2), q.Text(3), q.Text(4), q.Text(5), q.Text(6), q.Text(7)});
    }
    return out;
  });
}

Result<std::vector<AuditEntry>> AuditTrail::ForRecords(
    const std::vector<std::pair<std::string, std::string>>& records, int limit) {
  return db_.Read([&](sql::Connection& c) -> Result<std::vector<AuditEntry>> {
    std::vector<AuditEntry> out;
    for (const auto& [type, id] : records) {
      sql::Query q(c, kList, type, id, std::int64_t{0}, limit);
      while (q.Step()) {
        out.push_back(
            {q.Int(0), q.Int(1), q.Int(2), q.Text(3), q.Text(4), q.Text(5), q.Text(6), q.Text(7)});
      }
    }
    std::sort(out.begin(), out.end(),
              [](const AuditEntry& a, const AuditEntry& b) { return a.id > b.id; });
    out.erase(std::unique(out.begin(), out.end(),
                          [](const AuditEntry& a, const AuditEntry& b) { return a.id == b.id; }),
              out.end());
    if (out.size() > static_cast<std::size_t>(limit)) out.resize(static_cast<std::size_t>(limit));
    return out;
  });
}

}  // namespace linkway
