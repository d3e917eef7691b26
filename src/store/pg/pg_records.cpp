// Signposts, drafts and the audit trail on PostgreSQL.
#include <algorithm>

#include "store/pg/pg_store.hpp"
#include "store/rows.hpp"

namespace linkway::pg {
namespace {

constexpr std::string_view kInsertAudit =
    "INSERT INTO audit (at, user_id, username, role, action, record_type, record_id) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7)";
constexpr std::string_view kAuditWhere =
    "WHERE ($1 = '' OR record_type = $1) AND ($2 = '' OR record_id = $2) "
    "AND ($3::bigint = 0 OR user_id = $3::bigint) ORDER BY id DESC LIMIT $4";
// The signpost and its audit row in one statement.
constexpr std::string_view kInsertSignpost =
    "WITH s AS (INSERT INTO signposts (at, practice_code, pcn_code, user_id, profession, "
    "service, reasons, note, code_system, code) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) "
    "RETURNING id), "
    "a AS (INSERT INTO audit (at, user_id, username, role, action, record_type, record_id) "
    "SELECT $11::bigint, $12::bigint, $13::text, $14::text, $15::text, $16::text, id::text "
    "FROM s) SELECT id FROM s";
constexpr std::string_view kSignpostWhere =
    "WHERE ($1 = '' OR s.practice_code = $1) AND ($2 = '' OR s.pcn_code = $2) ";
constexpr std::string_view kInsertDraft =
    "INSERT INTO drafts (token_hash, created_by, payload, created_at, expires_at) "
    "VALUES ($1, $2, $3, $4, $5)";
// Marks the draft used and clears its payload (patient data) in one statement, returning what
// it held: a second taker finds used_at set and gets nothing.
constexpr std::string_view kTakeDraft =
    "UPDATE drafts d SET used_at = $2, payload = '' FROM (SELECT token_hash, payload FROM drafts "
    "WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 FOR UPDATE) old "
    "WHERE d.token_hash = old.token_hash "
    "RETURNING d.token_hash, d.created_by, old.payload, d.created_at, d.expires_at";

}  // namespace

void InsertAudit(Conn& c, const AuditEntry& e) {
  c.Query(kInsertAudit, Params()
                            .Add(e.at)
                            .Add(e.user_id)
                            .Add(e.username)
                            .Add(e.role)
                            .Add(e.action)
                            .Add(e.record_type)
                            .Add(e.record_id));
}

Status PgStore::Audit(const AuditEntry& entry) {
  return Run("writing the audit trail", [&](Conn& c) {
    InsertAudit(c, entry);
    return Status::Ok();
  });
}

Result<std::vector<AuditEntry>> PgStore::ListAudit(const AuditFilter& filter) {
  return Run("reading the audit trail", [&](Conn& c) -> Result<std::vector<AuditEntry>> {
    auto r = c.Query(std::string(rows::kAuditColumns) + std::string(kAuditWhere),
                     Params()
                         .Add(filter.record_type)
                         .Add(filter.record_id)
                         .Add(filter.user_id)
                         .Add(filter.limit));
    std::vector<AuditEntry> out;
    out.reserve(static_cast<std::size_t>(r.rows()));
    for (int i = 0; i < r.rows(); ++i) out.push_back(rows::AuditFrom(PgRow(r, i)));
    return out;
  });
}

Result<Signpost> PgStore::CreateSignpost(const Signpost& sp, const AuditEntry& audit) {
  return Run("saving the signpost", [&](Conn& c) -> Result<Signpost> {
    Params p;
    p.Add(sp.at).Add(sp.practice_code).Add(sp.pcn_code).Add(sp.user_id).Add(sp.profession);
    p.Add(sp.service)
        .Add(rows::JoinCodes(sp.reasons))
        .Add(sp.note)
        .Add(sp.code_system)
        .Add(sp.code);
    p.Add(audit.at).Add(audit.user_id).Add(audit.username).Add(audit.role).Add(audit.action);
    p.Add(audit.record_type);
    Signpost created = sp;
    created.id = c.Query(kInsertSignpost, p).Int(0, 0);
    return created;
  });
}

Result<Page<Signpost>> PgStore::ListSignposts(const SignpostFilter& filter) {
  return Run("listing signposts", [&](Conn& c) -> Result<Page<Signpost>> {
    auto page = rows::EmptyPage<Signpost>(filter.page, filter.page_size);
    Tx tx(c, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    auto count = c.Query("SELECT COUNT(*) FROM signposts s " + std::string(kSignpostWhere),
                         Params().Add(filter.practice_code).Add(filter.pcn_code));
    page.total = count.Int(0, 0);
    auto r = c.Query(std::string(rows::kSignpostSelect) + std::string(kSignpostWhere) +
                         "ORDER BY s.at DESC, s.id DESC LIMIT $3 OFFSET $4",
                     Params()
                         .Add(filter.practice_code)
                         .Add(filter.pcn_code)
                         .Add(page.page_size)
                         .Add(static_cast<std::int64_t>(page.page - 1) * page.page_size));
    for (int i = 0; i < r.rows(); ++i) page.items.push_back(rows::SignpostFrom(PgRow(r, i)));
    tx.Commit();
    return page;
  });
}

Status PgStore::PutDraft(const DraftRecord& draft, const AuditEntry& audit) {
  return Run("saving the draft", [&](Conn& c) {
    Tx tx(c);
    c.Query(kInsertDraft, Params()
                              .Add(draft.token_hash)
                              .Add(draft.created_by)
                              .Add(draft.payload)
                              .Add(draft.created_at)
                              .Add(draft.expires_at));
    InsertAudit(c, audit);
    tx.Commit();
    return Status::Ok();
  });
}

Result<DraftRecord> PgStore::TakeDraft(std::string_view token_hash, UnixSeconds now,
                                       const AuditEntry& audit) {
  return Run("opening the draft", [&](Conn& c) -> Result<DraftRecord> {
    Tx tx(c);
    auto r = c.Query(kTakeDraft, Params().Add(token_hash).Add(now));
    if (r.rows() == 0) return Status::NotFound("this link has expired or was already used");
    DraftRecord draft{r.Text(0, 0), r.Int(0, 1), r.Text(0, 2), r.Int(0, 3), r.Int(0, 4)};
    InsertAudit(c, audit);
    tx.Commit();
    return draft;
  });
}

}  // namespace linkway::pg
