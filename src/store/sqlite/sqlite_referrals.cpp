// Referrals, their history and idempotency keys on SQLite.
#include "store/sqlite/codes_column.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace linkway::sqlite {
namespace {

constexpr std::string_view kReferralSelect =
    "SELECT r.id, r.nhs_number, r.given_name, r.family_name, r.date_of_birth, r.postcode, "
    "r.phone, r.practice_code, COALESCE(o.name, ''), r.pcn_code, r.referrer_id, "
    "COALESCE(u.display_name, ''), r.referrer_profession, r.reasons, r.reason_other, "
    "r.consent_referral, r.consent_share, r.urgency, r.note, r.state, r.outcome, r.state_reason, "
    "r.received_at, r.accepted_at, r.declined_at, r.withdrawn_at, r.contacted_at, "
    "r.unable_to_contact_at, r.active_at, r.closed_at "
    "FROM referrals r LEFT JOIN organisations o ON o.code = r.practice_code "
    "LEFT JOIN users u ON u.id = r.referrer_id ";
constexpr int kFirstStamp = 22;

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

constexpr std::string_view kSelectEvents =
    "SELECT e.id, e.referral_id, e.at, e.user_id, COALESCE(u.username, ''), e.role, "
    "e.from_state, e.to_state, e.reason, e.code_system, e.code, e.code_display "
    "FROM referral_events e LEFT JOIN users u ON u.id = e.user_id "
    "WHERE e.referral_id = ?1 ORDER BY e.id";

constexpr std::string_view kFindKey =
    "SELECT request_hash, referral_id FROM idempotency_keys WHERE user_id = ?1 AND key = ?2";
constexpr std::string_view kInsertKey =
    "INSERT INTO idempotency_keys (user_id, key, request_hash, referral_id, created_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5)";

Referral RowToReferral(const Stmt& s) {
  Referral r;
  r.id = s.Int(0);
  r.patient = {s.Text(1), s.Text(2), s.Text(3), s.Text(4), s.Text(5), s.Text(6)};
  r.practice_code = s.Text(7);
  r.practice_name = s.Text(8);
  r.pcn_code = s.Text(9);
  r.referrer_id = s.Int(10);
  r.referrer_name = s.Text(11);
  r.referrer_profession = s.Text(12);
  r.reasons = SplitCodes(s.Text(13));
  r.reason_other = s.Text(14);
  r.consent_referral = s.Int(15) != 0;
  r.consent_share = s.Int(16) != 0;
  r.urgency = s.Text(17);
  r.note = s.Text(18);
  r.state = ParseReferralState(s.Text(19)).value_or(ReferralState::kReceived);
  r.outcome = s.Text(20);
  r.state_reason = s.Text(21);
  int column = kFirstStamp;
  for (ReferralState state : kAllStates) {
    if (!s.IsNull(column)) r.stamps[state] = s.Int(column);
    ++column;
  }
  return r;
}

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

std::string StatesParam(const std::vector<ReferralState>& states) {
  if (states.empty()) return "";
  std::string out = ",";
  for (auto s : states) out += std::string(ToString(s)) + ",";
  return out;
}

}  // namespace

Result<Referral> LoadReferral(Db& db, std::int64_t id) {
  Stmt s(db, std::string(kReferralSelect) + "WHERE r.id = ?1");
  s.Bind(1, id);
  if (!s.Step()) return Status::NotFound("no referral with that id");
  return RowToReferral(s);
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
      s.Bind(11, JoinCodes(in.reasons)).Bind(12, in.reason_other).Bind(13, in.consent_referral);
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
    Page<Referral> page;
    page.page = std::max(1, filter.page);
    page.page_size = std::clamp(filter.page_size, 1, 500);
    std::string states = StatesParam(filter.states);
    db.Exec("BEGIN");
    Stmt count(db, "SELECT COUNT(*) FROM referrals r " + std::string(kListWhere));
    count.Bind(1, filter.practice_code).Bind(2, filter.pcn_code).Bind(3, states);
    count.Step();
    page.total = count.Int(0);
    Stmt s(db, std::string(kReferralSelect) + std::string(kListWhere) +
                   (filter.oldest_first ? "ORDER BY r.received_at, r.id "
                                        : "ORDER BY r.received_at DESC, r.id DESC ") +
                   "LIMIT ?4 OFFSET ?5");
    s.Bind(1, filter.practice_code).Bind(2, filter.pcn_code).Bind(3, states);
    s.Bind(4, page.page_size).Bind(5, static_cast<std::int64_t>(page.page - 1) * page.page_size);
    while (s.Step()) page.items.push_back(RowToReferral(s));
    db.Exec("COMMIT");
    return page;
  });
}

Result<std::vector<ReferralEvent>> SqliteStore::ListEvents(std::int64_t referral_id) {
  return Read([&](Db& db) -> Result<std::vector<ReferralEvent>> {
    Stmt s(db, kSelectEvents);
    s.Bind(1, referral_id);
    std::vector<ReferralEvent> out;
    while (s.Step()) {
      ReferralEvent e;
      e.id = s.Int(0);
      e.referral_id = s.Int(1);
      e.at = s.Int(2);
      e.user_id = s.Int(3);
      e.username = s.Text(4);
      e.role = s.Text(5);
      if (!s.IsNull(6)) e.from = ParseReferralState(s.Text(6));
      e.to = ParseReferralState(s.Text(7)).value_or(ReferralState::kReceived);
      e.reason = s.Text(8);
      e.code_system = s.Text(9);
      e.code = s.Text(10);
      e.code_display = s.Text(11);
      out.push_back(std::move(e));
    }
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
