// Signposts and GP systems' drafts.
#include "referrals/referral_rows.hpp"
#include "referrals/referral_store.hpp"

namespace linkway {
namespace {

constexpr std::string_view kInsertSignpost =
    "INSERT INTO signposts (at, practice_code, pcn_code, user_id, profession, service, reasons, "
    "note, code_system, code) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";
constexpr std::string_view kSignpostSelect =
    "SELECT s.id, s.at, s.practice_code, s.pcn_code, s.user_id, COALESCE(u.username, ''), "
    "s.profession, s.service, s.reasons, s.note, s.code_system, s.code "
    "FROM signposts s LEFT JOIN users u ON u.id = s.user_id ";
constexpr std::string_view kSignpostWhere =
    "WHERE ($1 = '' OR s.practice_code = $1) AND ($2 = '' OR s.pcn_code = $2) ";
constexpr std::string_view kInsertDraft =
    "INSERT INTO drafts (token_hash, created_by, payload, created_at, expires_at) "
    "VALUES ($1, $2, $3, $4, $5)";
// Only a draft made by someone of the caller's organisation is found: anyone else must not use
// it up before the rightful clinician opens it.
constexpr std::string_view kFindDraft =
    "SELECT d.token_hash, d.created_by, d.payload, d.created_at, d.expires_at FROM drafts d "
    "JOIN users u ON u.id = d.created_by "
    "WHERE d.token_hash = $1 AND d.used_at IS NULL AND d.expires_at > $2 AND u.org_code = $3";
// Drafts used, or expired, before $1: nothing in them is needed any more.
constexpr std::string_view kPurgeDrafts =
    "DELETE FROM drafts WHERE expires_at < $1 OR (used_at IS NOT NULL AND used_at < $1) "
    "RETURNING 1";
// The payload is patient data: once the draft is opened it is no longer kept. The condition
// repeats the look-up's, so that of two takers racing on PostgreSQL only one marks it.
constexpr std::string_view kUseDraft =
    "UPDATE drafts SET used_at = $2, payload = '' "
    "WHERE token_hash = $1 AND used_at IS NULL RETURNING token_hash";

Signpost SignpostFrom(const sql::Query& q) {
  Signpost p;
  p.id = q.Int(0);
  p.at = q.Int(1);
  p.practice_code = q.Text(2);
  p.pcn_code = q.Text(3);
  p.user_id = q.Int(4);
  p.username = q.Text(5);
  p.profession = q.Text(6);
  p.service = q.Text(7);
  p.reasons = rows::SplitCodes(q.Text(8));
  p.note = q.Text(9);
  p.code_system = q.Text(10);
  p.code = q.Text(11);
  return p;
}

}  // namespace

Result<Signpost> ReferralStore::CreateSignpost(const Signpost& sp, const AuditEntry& audit) {
  return db_.Write([&](sql::Tx& tx) -> Result<Signpost> {
    Signpost created = sp;
    created.id = sql::InsertId(tx, kInsertSignpost, sp.at, sp.practice_code, sp.pcn_code,
                               sp.user_id, sp.profession, sp.service, rows::JoinCodes(sp.reasons),
                               sp.note, sp.code_system, sp.code);
    AuditEntry entry = audit;
    entry.record_id = std::to_string(created.id);
    WriteAudit(tx, entry);
    return created;
  });
}

Result<Page<Signpost>> ReferralStore::ListSignposts(const SignpostFilter& filter) {
  return db_.Snapshot([&](sql::Connection& c) -> Result<Page<Signpost>> {
    auto page = PageOf<Signpost>(filter.page, filter.page_size);
    sql::Query count(c, "SELECT COUNT(*) FROM signposts s " + std::string(kSignpostWhere),
                     filter.practice_code, filter.pcn_code);
    count.Step();
    page.total = count.Int(0);
    sql::Query q(c,
                 std::string(kSignpostSelect) + std::string(kSignpostWhere) +
                     "ORDER BY s.at DESC, s.id DESC LIMIT $3 OFFSET $4",
                 filter.practice_code, filter.pcn_code, page.page_size, page.offset());
    while (q.Step()) page.items.push_back(SignpostFrom(q));
    return page;
  });
}

Status ReferralStore::PutDraft(const DraftRecord& d, const AuditEntry& audit) {
  return db_.Write([&](sql::Tx& tx) {
    sql::Query(tx, kInsertDraft, d.token_hash, d.created_by, d.payload, d.created_at, d.expires_at)
        .Run();
    WriteAudit(tx, audit);
    return Status::Ok();
  });
}

Result<DraftRecord> ReferralStore::TakeDraft(std::string_view token_hash, UnixSeconds now,
                                             std::string_view org_code, const AuditEntry& audit) {
  return db_.Write([&](sql::Tx& tx) -> Result<DraftRecord> {
    sql::Query find(tx, kFindDraft, token_hash, now, org_code);
    if (!find.Step()) return Status::NotFound("this link has expired or was already used");
    DraftRecord draft{find.Text(0), find.Int(1), find.Text(2), find.Int(3), find.Int(4)};
    if (!sql::Query(tx, kUseDraft, token_hash, now).Step()) {
      return Status::NotFound("this link has expired or was already used");
    }
    WriteAudit(tx, audit);
    return draft;
  });
}

Result<std::int64_t> ReferralStore::PurgeDrafts(UnixSeconds before) {
  return db_.Write([&](sql::Tx& tx) -> Result<std::int64_t> {
    sql::Query purge(tx, kPurgeDrafts, before);
    std::int64_t removed = 0;
    while (purge.Step()) ++removed;
    return removed;
  });
}

}  // namespace linkway
