// The audit trail's hash chain on both backends: sealed rows verify; a row changed, removed
// or inserted by hand (the append-only triggers put aside, as someone with the database's
// owner rights could) is named by verify.
#include "auth/audit_chain.hpp"

#include <gtest/gtest.h>

#include "auth/audit.hpp"
#include "support/test_world.hpp"

namespace linkway {
namespace {

using testing::TestWorld;

void WriteRows(TestWorld& w, int n) {
  for (int i = 0; i < n; ++i) {
    ASSERT_TRUE(w.audit
                    ->Record(AuditFor(w.As("gp1"), testing::kNow + i, "referral.read", "referral",
                                      std::to_string(i + 1)))
                    .ok());
  }
}

// Runs `sql` with the audit trail's append-only trigger put aside.
void ByHand(TestWorld& w, const std::string& sql) {
  bool pg = w.db.postgres();
  Status done = w.database->Write([&](sql::Tx& tx) {
    if (pg) {
      sql::Query(tx, "ALTER TABLE audit DISABLE TRIGGER audit_append_only").Run();
    } else {
      sql::Query(tx, "DROP TRIGGER IF EXISTS audit_no_update").Run();
      sql::Query(tx, "DROP TRIGGER IF EXISTS audit_no_delete").Run();
    }
    sql::Query(tx, sql).Run();
    if (pg) sql::Query(tx, "ALTER TABLE audit ENABLE TRIGGER audit_append_only").Run();
    return Status::Ok();
  });
  ASSERT_TRUE(done.ok()) << done.message();
}

std::int64_t RowId(TestWorld& w, int nth) {
  auto rows = w.audit->List({.limit = 1000});
  return rows->at(rows->size() - static_cast<std::size_t>(nth)).id;  // the nth oldest
}

TEST(AuditChain, SealedRowsVerifyAndNewOnesWaitTheirTurn) {
  TestWorld w;
  WriteRows(w, 5);
  auto sealed = SealAudit(*w.database);
  ASSERT_TRUE(sealed.ok()) << sealed.status().message();
  EXPECT_GE(*sealed, 5);
  EXPECT_EQ(*SealAudit(*w.database), 0);  // nothing new
  WriteRows(w, 2);
  auto check = VerifyAudit(*w.database);
  ASSERT_TRUE(check.ok());
  EXPECT_TRUE(check->intact) << check->problem;
  EXPECT_EQ(check->unsealed, 2);
  EXPECT_EQ(check->head.size(), 64u);
  ASSERT_TRUE(SealAudit(*w.database).ok());
  check = VerifyAudit(*w.database);
  EXPECT_TRUE(check->intact);
  EXPECT_EQ(check->unsealed, 0);
}

TEST(AuditChain, ARowChangedByHandIsNamed) {
  TestWorld w;
  WriteRows(w, 5);
  ASSERT_TRUE(SealAudit(*w.database).ok());
  std::int64_t third = RowId(w, 3);
  ByHand(w, "UPDATE audit SET record_id = '999' WHERE id = " + std::to_string(third));
  auto check = VerifyAudit(*w.database);
  ASSERT_TRUE(check.ok());
  EXPECT_FALSE(check->intact);
  EXPECT_EQ(check->problem_row, third);
  EXPECT_EQ(check->problem,
            "audit row " + std::to_string(third) + " was changed after it was sealed");
}

TEST(AuditChain, ARowRemovedByHandIsNamed) {
  TestWorld w;
  WriteRows(w, 5);
  ASSERT_TRUE(SealAudit(*w.database).ok());
  std::int64_t second = RowId(w, 2);
  ByHand(w, "DELETE FROM audit WHERE id = " + std::to_string(second));
  auto check = VerifyAudit(*w.database);
  EXPECT_FALSE(check->intact);
  EXPECT_EQ(check->problem_row, second);
  EXPECT_NE(check->problem.find("was removed"), std::string::npos) << check->problem;
}

TEST(AuditChain, ARowInsertedByHandAmongSealedOnesIsNamed) {
  TestWorld w;
  WriteRows(w, 5);
  ASSERT_TRUE(SealAudit(*w.database).ok());
  ByHand(w,
         "INSERT INTO audit (id, at, user_id, username, role, action, record_type, record_id) "
         "VALUES (-5000, 1, 1, 'gp1', 'referrer', 'referral.read', 'referral', '1')");
  auto check = VerifyAudit(*w.database);
  EXPECT_FALSE(check->intact);
  EXPECT_EQ(check->problem_row, -5000);
  EXPECT_NE(check->problem.find("inserted by hand"), std::string::npos) << check->problem;
  // Sealing does not take it in: it stays named.
  ASSERT_TRUE(SealAudit(*w.database).ok());
  EXPECT_FALSE(VerifyAudit(*w.database)->intact);
}

}  // namespace
}  // namespace linkway
