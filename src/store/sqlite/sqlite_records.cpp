// Signposts, drafts and the audit trail on SQLite.
#include "store/rows.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace linkway::sqlite {
namespace {

constexpr std::string_view kInsertAudit =
    "INSERT INTO audit (at, user_id, username, role, action, record_type, record_id) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
constexpr std::string_view kAuditWhere =
    "WHERE (?1 = '' OR record_type = ?1) AND (?2 = '' OR record_id = ?2) "
    "AND (?3 = 0 OR user_id = ?3) ORDER BY id DESC LIMIT ?4";
constexpr std::string_view kInsertSignpost =
    "INSERT INTO signposts (at, practice_code, pcn_code, user_id, profession, service, reasons, "
    "note, code_system, code) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
constexpr std::string_view kSignpostWhere =
    "WHERE (?1 = '' OR s.practice_code = ?1) AND (?2 = '' OR s.pcn_code = ?2) ";
constexpr std::string_view kInsertDraft =
    "INSERT INTO drafts (token_hash, created_by, payload, created_at, expires_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5)";
constexpr std::string_view kTakeDraft =
    "SELECT token_hash, created_by, payload, created_at, expires_at FROM drafts "
    "WHERE token_hash = ?1 AND used_at IS NULL AND expires_at > ?2";
constexpr std::string_view kUseDraft =
    "UPDATE drafts SET used_at = ?2, payload = '' WHERE token_hash = ?1";

}  // namespace

void InsertAudit(Db& db, const AuditEntry& e) {
  Stmt s(db, kInsertAudit);
  s.Bind(1, e.at).Bind(2, e.user_id).Bind(3, e.username).Bind(4, e.role).Bind(5, e.action);
  s.Bind(6, e.record_type).Bind(7, e.record_id);
  if (Status st = s.Run(); !st.ok()) throw SqliteError(SQLITE_CONSTRAINT, st.message());
}

Status SqliteStore::Audit(const AuditEntry& entry) {
  return writer_->Run([&](Db& db) {
    InsertAudit(db, entry);
    return Status::Ok();
  });
}

Result<std::vector<AuditEntry>> SqliteStore::ListAudit(const AuditFilter& filter) {
  return Read([&](Db& db) -> Result<std::vector<AuditEntry>> {
    Stmt s(db, std::string(rows::kAuditColumns) + std::string(kAuditWhere));
    s.Bind(1, filter.record_type).Bind(2, filter.record_id).Bind(3, filter.user_id);
    s.Bind(4, filter.limit);
    std::vector<AuditEntry> out;
    while (s.Step()) out.push_back(rows::AuditFrom(s));
    return out;
  });
}

Result<Signpost> SqliteStore::CreateSignpost(const Signpost& signpost, const AuditEntry& audit) {
  Signpost created = signpost;
  Status status = writer_->Run([&](Db& db) {
    Stmt s(db, kInsertSignpost);
    s.Bind(1, signpost.at).Bind(2, signpost.practice_code).Bind(3, signpost.pcn_code);
    s.Bind(4, signpost.user_id).Bind(5, signpost.profession).Bind(6, signpost.service);
    s.Bind(7, rows::JoinCodes(signpost.reasons))
        .Bind(8, signpost.note)
        .Bind(9, signpost.code_system);
    s.Bind(10, signpost.code);
    if (Status st = s.Run(); !st.ok()) return st;
    created.id = db.LastInsertId();
    AuditEntry entry = audit;
    entry.record_id = std::to_string(created.id);
    InsertAudit(db, entry);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return created;
}

Result<Page<Signpost>> SqliteStore::ListSignposts(const SignpostFilter& filter) {
  return Read([&](Db& db) -> Result<Page<Signpost>> {
    auto page = rows::EmptyPage<Signpost>(filter.page, filter.page_size);
    db.Exec("BEGIN");
    Stmt count(db, "SELECT COUNT(*) FROM signposts s " + std::string(kSignpostWhere));
    count.Bind(1, filter.practice_code).Bind(2, filter.pcn_code);
    count.Step();
    page.total = count.Int(0);
    Stmt s(db, std::string(rows::kSignpostSelect) + std::string(kSignpostWhere) +
                   "ORDER BY s.at DESC, s.id DESC LIMIT ?3 OFFSET ?4");
    s.Bind(1, filter.practice_code).Bind(2, filter.pcn_code).Bind(3, page.page_size);
    s.Bind(4, static_cast<std::int64_t>(page.page - 1) * page.page_size);
    while (s.Step()) page.items.push_back(rows::SignpostFrom(s));
    db.Exec("COMMIT");
    return page;
  });
}

Status SqliteStore::PutDraft(const DraftRecord& draft, const AuditEntry& audit) {
  return writer_->Run([&](Db& db) {
    Stmt s(db, kInsertDraft);
    s.Bind(1, draft.token_hash).Bind(2, draft.created_by).Bind(3, draft.payload);
    s.Bind(4, draft.created_at).Bind(5, draft.expires_at);
    if (Status st = s.Run(); !st.ok()) return st;
    InsertAudit(db, audit);
    return Status::Ok();
  });
}

Result<DraftRecord> SqliteStore::TakeDraft(std::string_view token_hash, UnixSeconds now,
                                           const AuditEntry& audit) {
  DraftRecord draft;
  Status status = writer_->Run([&](Db& db) -> Status {
    Stmt s(db, kTakeDraft);
    s.Bind(1, token_hash).Bind(2, now);
    if (!s.Step()) return Status::NotFound("this link has expired or was already used");
    draft = {s.Text(0), s.Int(1), s.Text(2), s.Int(3), s.Int(4)};
    // The payload is patient data: once the draft is opened it is no longer kept here.
    if (Status st = Stmt(db, kUseDraft).Bind(1, token_hash).Bind(2, now).Run(); !st.ok()) return st;
    InsertAudit(db, audit);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return draft;
}

}  // namespace linkway::sqlite
