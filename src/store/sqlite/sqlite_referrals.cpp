// Referrals, their history and idempotency keys on SQLite.
#include "store/rows.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace linkway::sqlite {
namespace {

constexpr std::string_view kListWhere =
    "WHERE (?1 = '' OR r.practice_code = ?1) AND (?2 = '' OR r.pcn_code = ?2) "
    "AND (?3 = '' OR instr(?3, ',' || r.state || ',') > 0) ";

constexpr std::string_view kInsertReferral =
    "INSERT INTO referrals (nhs_number, given_name, family_name, date_of_birth, postcode, phone, "
    "practice_code, pcn_code, referrer_id, referrer_profession, reasons, reason_other, "
    "consent_referral, consent_share, urgency, note, state, received_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, 'received', "
    "?17)";

constexpr std::string_view kInsertEvent =
    "INSERT INTO referral_events (referral_id, at, user_id, role, from_state, to_state, reason, "
    "code_system, code, code_display) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";

constexpr std::string_view kEventsWhere = "WHERE e.referral_id = ?1 ORDER BY e.id";

constexpr std::string_view kFindKey =
    "SELECT request_hash, referral_id FROM idempotency_keys WHERE user_id = ?1 AND key = ?2";
constexpr std::string_view kInsertKey =
    "INSERT INTO idempotency_keys (user_id, key, request_hash, referral_id, created_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5)";

void InsertEvent(Db& db, std::int64_t referral_id, const ReferralEvent& e) {
  Stmt s(db, kInsertEvent);
  s.Bind(1, referral_id).Bind(2, e.at).Bind(3, e.user_id).Bind(4, e.role);
  if (e.from) {
    s.Bind(5, ToString(*e.from));
  } else {
    s.BindNull(5);
  }
  s.Bind(6, ToString(e.to)).Bind(7, e.reason).Bind(8, e.code_system).Bind(9, e.code);
  s.Bind(10, e.code_display);
  if (Status st = s.Run(); !st.ok()) throw SqliteError(SQLITE_CONSTRAINT, st.message());
}

}  // namespace

Result<Referral> LoadReferral(Db& db, std::int64_t id) {
  Stmt s(db, std::string(rows::kReferralSelect) + "WHERE r.id = ?1");
  s.Bind(1, id);
  if (!s.Step()) return Status::NotFound("no referral with that id");
  return rows::ReferralFrom(s);
}

Result<CreatedReferral> SqliteStore::CreateReferral(const NewReferral& nr,
                                                    const AuditEntry& audit) {
  CreatedReferral created;
  Status status = writer_->Run([&](Db& db) -> Status {
    std::int64_t id = 0;
    if (!nr.idempotency_key.empty()) {
      Stmt find(db, kFindKey);
      find.Bind(1, nr.referrer_id).Bind(2, nr.idempotency_key);
      if (find.Step()) {
        if (find.Text(0) != nr.request_hash) {
          return Status::Conflict(
              "this Idempotency-Key was already used with a different request body");
        }
        id = find.Int(1);
        created.replayed = true;
      }
    }
    if (id == 0) {
      const ReferralInput& in = nr.input;
      Stmt s(db, kInsertReferral);
      s.Bind(1, in.patient.nhs_number).Bind(2, in.patient.given_name);
      s.Bind(3, in.patient.family_name).Bind(4, in.patient.date_of_birth);
      s.Bind(5, in.patient.postcode).Bind(6, in.patient.phone).Bind(7, in.practice);
      s.Bind(8, nr.pcn_code).Bind(9, nr.referrer_id).Bind(10, nr.referrer_profession);
      s.Bind(11, rows::JoinCodes(in.reasons))
          .Bind(12, in.reason_other)
          .Bind(13, in.consent_referral);
      s.Bind(14, in.consent_share).Bind(15, in.urgency).Bind(16, in.note).Bind(17, nr.at);
      if (Status st = s.Run(); !st.ok()) return Status::Invalid("unknown practice or referrer");
      id = db.LastInsertId();
      InsertEvent(db, id, nr.first_event);
      if (!nr.idempotency_key.empty()) {
        Stmt key(db, kInsertKey);
        key.Bind(1, nr.referrer_id).Bind(2, nr.idempotency_key).Bind(3, nr.request_hash);
        key.Bind(4, id).Bind(5, nr.at);
        if (Status st = key.Run(); !st.ok()) return st;
      }
    }
    AuditEntry entry = audit;
    entry.record_id = std::to_string(id);
    InsertAudit(db, entry);
    if (created.replayed) {
      auto loaded = LoadReferral(db, id);
      if (!loaded.ok()) return loaded.status();
      created.referral = std::move(loaded).value();
    } else {
      // The writer thread is the bottleneck under load: build the record from what was just
      // written instead of reading it back.
      created.referral = StoredReferral(id, nr);
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return created;
}

Result<Referral> SqliteStore::GetReferral(std::int64_t id) {
  return Read([&](Db& db) { return LoadReferral(db, id); });
}

Result<Page<Referral>> SqliteStore::ListReferrals(const ReferralFilter& filter) {
  return Read([&](Db& db) -> Result<Page<Referral>> {
    auto page = rows::EmptyPage<Referral>(filter.page, filter.page_size);
    std::string states = rows::StatesParam(filter.states);
    db.Exec("BEGIN");
    Stmt count(db, "SELECT COUNT(*) FROM referrals r " + std::string(kListWhere));
    count.Bind(1, filter.practice_code).Bind(2, filter.pcn_code).Bind(3, states);
    count.Step();
    page.total = count.Int(0);
    Stmt s(db, std::string(rows::kReferralSelect) + std::string(kListWhere) +
                   std::string(rows::ReferralOrder(filter.oldest_first)) + "LIMIT ?4 OFFSET ?5");
    s.Bind(1, filter.practice_code).Bind(2, filter.pcn_code).Bind(3, states);
    s.Bind(4, page.page_size).Bind(5, static_cast<std::int64_t>(page.page - 1) * page.page_size);
    while (s.Step()) page.items.push_back(rows::ReferralFrom(s));
    db.Exec("COMMIT");
    return page;
  });
}

Result<std::vector<ReferralEvent>> SqliteStore::ListEvents(std::int64_t referral_id) {
  return Read([&](Db& db) -> Result<std::vector<ReferralEvent>> {
    Stmt s(db, std::string(rows::kEventSelect) + std::string(kEventsWhere));
    s.Bind(1, referral_id);
    std::vector<ReferralEvent> out;
    while (s.Step()) out.push_back(rows::EventFrom(s));
    return out;
  });
}

Result<Referral> SqliteStore::UpdateReferral(std::int64_t id, const Decide& decide,
                                             const AuditEntry& audit) {
  Referral updated;
  Status status = writer_->Run([&](Db& db) -> Status {
    auto current = LoadReferral(db, id);
    if (!current.ok()) return current.status();
    auto event = decide(*current);
    if (!event.ok()) return event.status();
    // The column name comes from the state enum, never from input.
    std::string sql = "UPDATE referrals SET state = ?2, outcome = ?3, state_reason = ?4, " +
                      std::string(ToString(event->to)) + "_at = ?5 WHERE id = ?1";
    Stmt s(db, sql);
    std::string outcome = event->to == ReferralState::kClosed ? event->outcome : current->outcome;
    s.Bind(1, id).Bind(2, ToString(event->to)).Bind(3, outcome).Bind(4, event->reason);
    s.Bind(5, event->at);
    if (Status st = s.Run(); !st.ok()) return st;
    InsertEvent(db, id, *event);
    InsertAudit(db, audit);
    auto loaded = LoadReferral(db, id);
    if (!loaded.ok()) return loaded.status();
    updated = std::move(loaded).value();
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return updated;
}

}  // namespace linkway::sqlite
