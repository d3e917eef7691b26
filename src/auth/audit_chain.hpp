// The audit trail's hash chain. SealAudit gives every audit row not yet in the chain its entry,
// in id order: the SHA-256 of the row's fields and of the entry before it. Sealing runs apart
// from the writes (every few seconds in each server, one sealer at a time across instances),
// so the writers of audited records, the batched intake among them, are not changed or
// slowed. VerifyAudit walks the chain and names the first row changed, removed or inserted.
//
// A hash chain shows tampering by anyone who does not also rewrite every later entry. Record
// the head hash that verify prints somewhere else (a ticket, a log) to anchor it. Rows are
// sealed in id order, but a row whose id is up to 1,000 below the last sealed one is still
// taken (on PostgreSQL a transaction that took its id earlier can commit later); a row added
// by hand further back is never sealed, and verify names it.
// Thread safety: plain functions; safe from any thread and any instance.
#pragma once

#include <cstdint>
#include <string>

#include "core/status.hpp"
#include "store/database.hpp"

namespace linkway {

// Seals audit rows not yet in the chain; how many it sealed.
Result<std::int64_t> SealAudit(sql::Database& db);

struct AuditCheck {
  bool intact = true;
  std::int64_t rows = 0;         // audit rows checked against the chain
  std::int64_t unsealed = 0;     // newer than the last seal, not yet sealed
  std::int64_t problem_row = 0;  // the audit row id at the first problem
  std::string problem;           // "audit row 17 was changed after it was sealed", ...
  std::string head;              // the hash of the last entry
};

// Reads the whole trail and chain; writes nothing.
Result<AuditCheck> VerifyAudit(sql::Database& db);

}  // namespace linkway
