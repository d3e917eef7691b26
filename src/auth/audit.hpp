// The audit trail: who read or wrote which record, and when. Every capability writes the row for
// a change inside the same write (WriteAudit), and a read's row on its own (AuditTrail::Record)
// before the data is shown. Rows hold ids and filters, never patient data; the table refuses
// updates and deletes.
// Thread safety: WriteAudit runs inside its caller's write; AuditTrail from any thread.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/people.hpp"
#include "core/status.hpp"
#include "store/database.hpp"

namespace linkway {

struct AuditEntry {
  std::int64_t id = 0;
  UnixSeconds at = 0;
  std::int64_t user_id = 0;
  std::string username;
  std::string role;
  std::string action;       // "referral.read", "referral.create", "referral.transition", ...
  std::string record_type;  // "referral", "referral_list", "signpost", "draft", ...
  std::string record_id;    // the record's id, or the filter for a list; never patient data
};

// The row for `who` doing `action` to a record at `at`.
AuditEntry AuditFor(const Principal& who, UnixSeconds at, std::string action,
                    std::string record_type, std::string record_id);

struct AuditFilter {
  std::string record_type;   // empty: any
  std::string record_id;     // empty: any
  std::int64_t user_id = 0;  // 0: anyone
  int limit = 100;
};

// Appends `entry` inside a write. Throws sql::Error when it cannot, which fails the write.
void WriteAudit(sql::Tx& tx, const AuditEntry& entry);

class AuditTrail {
 public:
  explicit AuditTrail(sql::Database& db) : db_(db) {}
  // One row on its own, durable before it returns: for a read, before its data is shown.
  Status Record(const AuditEntry& entry);
  // For a list: `scope` (the list's filter), then a row like `each` for every record shown,
  // its record_id set to the id: "who has seen this record" then has a complete answer. One
  // write, durable before it returns.
  Status RecordList(const AuditEntry& scope, const AuditEntry& each,
                    const std::vector<std::string>& ids);
  // The newest first.
  Result<std::vector<AuditEntry>> List(const AuditFilter& filter);
  // Every row about any of `records` ((record_type, record_id) pairs), the newest first, at
  // most `limit`.
  Result<std::vector<AuditEntry>> ForRecords(
      const std::vector<std::pair<std::string, std::string>>& records, int limit);

 private:
  sql::Database& db_;
};

}  // namespace linkway
