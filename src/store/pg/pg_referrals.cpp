// Referrals, their history and idempotency keys on PostgreSQL.
#include <algorithm>

#include "store/pg/intake_batcher.hpp"
#include "store/pg/pg_store.hpp"
#include "store/sqlite/codes_column.hpp"

namespace linkway::pg {
namespace {

using sqlite::JoinCodes;
using sqlite::SplitCodes;

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
    "WHERE ($1 = '' OR r.practice_code = $1) AND ($2 = '' OR r.pcn_code = $2) "
    "AND ($3 = '' OR strpos($3, ',' || r.state || ',') > 0) ";

// The referral, its first event, its audit row and its idempotency key in one statement: one
// round trip and one commit per referral.
constexpr std::string_view kCreateReferral =
    "WITH r AS (INSERT INTO referrals (nhs_number, given_name, family_name, date_of_birth, "
    "postcode, phone, practice_code, pcn_code, referrer_id, referrer_profession, reasons, "
    "reason_other, consent_referral, consent_share, urgency, note, state, received_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, 'received', "
    "$17) RETURNING id), "
    "e AS (INSERT INTO referral_events (referral_id, at, user_id, role, from_state, to_state, "
    "reason, code_system, code, code_display) SELECT id, $18::bigint, $19::bigint, $20::text, "
    "$21::text, $22::text, $23::text, $24::text, $25::text, $26::text FROM r), "
    "a AS (INSERT INTO audit (at, user_id, username, role, action, record_type, record_id) "
    "SELECT $27::bigint, $28::bigint, $29::text, $30::text, $31::text, $32::text, id::text "
    "FROM r), "
    "k AS (INSERT INTO idempotency_keys (user_id, key, request_hash, referral_id, created_at) "
    "SELECT $9::bigint, $33::text, $34::text, id, $17::bigint FROM r WHERE $33::text <> '') "
    "SELECT id FROM r";

constexpr std::string_view kInsertEvent =
    "INSERT INTO referral_events (referral_id, at, user_id, role, from_state, to_state, reason, "
    "code_system, code, code_display) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";

constexpr std::string_view kSelectEvents =
    "SELECT e.id, e.referral_id, e.at, e.user_id, COALESCE(u.username, ''), e.role, "
    "e.from_state, e.to_state, e.reason, e.code_system, e.code, e.code_display "
    "FROM referral_events e LEFT JOIN users u ON u.id = e.user_id "
    "WHERE e.referral_id = $1 ORDER BY e.id";

constexpr std::string_view kFindKey =
    "SELECT request_hash, referral_id FROM idempotency_keys WHERE user_id = $1 AND key = $2";

Referral RowToReferral(const PgResult& r, int row) {
  Referral out;
  out.id = r.Int(row, 0);
  out.patient = {r.Text(row, 1), r.Text(row, 2), r.Text(row, 3),
                 r.Text(row, 4), r.Text(row, 5), r.Text(row, 6)};
  out.practice_code = r.Text(row, 7);
  out.practice_name = r.Text(row, 8);
  out.pcn_code = r.Text(row, 9);
  out.referrer_id = r.Int(row, 10);
  out.referrer_name = r.Text(row, 11);
  out.referrer_profession = r.Text(row, 12);
  out.reasons = SplitCodes(r.Text(row, 13));
  out.reason_other = r.Text(row, 14);
  out.consent_referral = r.Int(row, 15) != 0;
  out.consent_share = r.Int(row, 16) != 0;
  out.urgency = r.Text(row, 17);
  out.note = r.Text(row, 18);
  out.state = ParseReferralState(r.Text(row, 19)).value_or(ReferralState::kReceived);
  out.outcome = r.Text(row, 20);
  out.state_reason = r.Text(row, 21);
  int column = kFirstStamp;
  for (ReferralState state : kAllStates) {
    if (!r.IsNull(row, column)) out.stamps[state] = r.Int(row, column);
    ++column;
  }
  return out;
}

Result<Referral> LoadReferral(Conn& c, std::int64_t id, bool for_update = false) {
  auto r = c.Query(
      std::string(kReferralSelect) + "WHERE r.id = $1" + (for_update ? " FOR UPDATE OF r" : ""),
      Params().Add(id));
  if (r.rows() == 0) return Status::NotFound("no referral with that id");
  return RowToReferral(r, 0);
}

Params& AddEvent(Params& p, const ReferralEvent& e) {
  p.Add(e.at).Add(e.user_id).Add(e.role);
  if (e.from) {
    p.Add(ToString(*e.from));
  } else {
    p.AddNull();
  }
  return p.Add(ToString(e.to)).Add(e.reason).Add(e.code_system).Add(e.code).Add(e.code_display);
}

Params& AddAudit(Params& p, const AuditEntry& a) {
  return p.Add(a.at).Add(a.user_id).Add(a.username).Add(a.role).Add(a.action).Add(a.record_type);
}

std::string StatesParam(const std::vector<ReferralState>& states) {
  if (states.empty()) return "";
  std::string out = ",";
  for (auto s : states) out += std::string(ToString(s)) + ",";
  return out;
}

// The earlier referral for a reused idempotency key, with a fresh audit row; nullopt when the
// key is new.
std::optional<Result<CreatedReferral>> Replay(Conn& c, const NewReferral& nr,
                                              const AuditEntry& audit) {
  Tx tx(c);  // the audit row and the read together
  auto key = c.Query(kFindKey, Params().Add(nr.referrer_id).Add(nr.idempotency_key));
  if (key.rows() == 0) return std::nullopt;
  if (key.Text(0, 0) != nr.request_hash) {
    return Result<CreatedReferral>(
        Status::Conflict("this Idempotency-Key was already used with a different request body"));
  }
  std::int64_t id = key.Int(0, 1);
  AuditEntry entry = audit;
  entry.record_id = std::to_string(id);
  InsertAudit(c, entry);
  auto loaded = LoadReferral(c, id);
  if (!loaded.ok()) return Result<CreatedReferral>(loaded.status());
  tx.Commit();
  return Result<CreatedReferral>(CreatedReferral{std::move(loaded).value(), true});
}

}  // namespace

Result<CreatedReferral> PgStore::CreateReferral(const NewReferral& nr, const AuditEntry& audit) {
  if (!nr.idempotency_key.empty()) {
    // A reused key is answered here; a new one joins the batch (a race between two requests
    // with one key fails the batch, and the fall-back then replays).
    auto earlier = Run("saving the referral", [&](Conn& c) -> Result<CreatedReferral> {
      if (auto replayed = Replay(c, nr, audit)) return std::move(*replayed);
      return Status(Code::kNotFound, "");
    });
    if (earlier.ok() || earlier.status().code() != Code::kNotFound ||
        !earlier.status().message().empty()) {
      return earlier;
    }
  }
  return batcher_->Submit(nr, audit);
}

Result<CreatedReferral> PgStore::CreateOne(const NewReferral& nr, const AuditEntry& audit) {
  return Run("saving the referral", [&](Conn& c) -> Result<CreatedReferral> {
    // Two tries: a concurrent request with the same key may commit between the look-up and
    // the insert; the second try then replays it.
    for (int attempt = 0;; ++attempt) {
      if (!nr.idempotency_key.empty()) {
        if (auto replayed = Replay(c, nr, audit)) return std::move(*replayed);
      }
      const ReferralInput& in = nr.input;
      Params p;
      p.Add(in.patient.nhs_number).Add(in.patient.given_name).Add(in.patient.family_name);
      p.Add(in.patient.date_of_birth).Add(in.patient.postcode).Add(in.patient.phone);
      p.Add(in.practice).Add(nr.pcn_code).Add(nr.referrer_id).Add(nr.referrer_profession);
      p.Add(JoinCodes(in.reasons)).Add(in.reason_other).Add(in.consent_referral);
      p.Add(in.consent_share).Add(in.urgency).Add(in.note).Add(nr.at);
      AddEvent(p, nr.first_event);
      AddAudit(p, audit);
      p.Add(nr.idempotency_key).Add(nr.request_hash);
      try {
        auto r = c.Query(kCreateReferral, p);
        return CreatedReferral{StoredReferral(r.Int(0, 0), nr), false};
      } catch (const PgError& e) {
        if (e.sqlstate() == "23505" && attempt == 0 && !nr.idempotency_key.empty()) continue;
        if (e.sqlstate() == "23503") return Status::Invalid("unknown practice or referrer");
        throw;
      }
    }
  });
}

Result<Referral> PgStore::GetReferral(std::int64_t id) {
  return Run("reading the referral", [&](Conn& c) { return LoadReferral(c, id); });
}

Result<Page<Referral>> PgStore::ListReferrals(const ReferralFilter& filter) {
  return Run("listing referrals", [&](Conn& c) -> Result<Page<Referral>> {
    Page<Referral> page;
    page.page = std::max(1, filter.page);
    page.page_size = std::clamp(filter.page_size, 1, 500);
    std::string states = StatesParam(filter.states);
    Tx tx(c, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");  // count and page agree
    auto count = c.Query("SELECT COUNT(*) FROM referrals r " + std::string(kListWhere),
                         Params().Add(filter.practice_code).Add(filter.pcn_code).Add(states));
    page.total = count.Int(0, 0);
    auto r = c.Query(std::string(kReferralSelect) + std::string(kListWhere) +
                         (filter.oldest_first ? "ORDER BY r.received_at, r.id "
                                              : "ORDER BY r.received_at DESC, r.id DESC ") +
                         "LIMIT $4 OFFSET $5",
                     Params()
                         .Add(filter.practice_code)
                         .Add(filter.pcn_code)
                         .Add(states)
                         .Add(page.page_size)
                         .Add(static_cast<std::int64_t>(page.page - 1) * page.page_size));
    for (int i = 0; i < r.rows(); ++i) page.items.push_back(RowToReferral(r, i));
    tx.Commit();
    return page;
  });
}

Result<std::vector<ReferralEvent>> PgStore::ListEvents(std::int64_t referral_id) {
  return Run("reading the history", [&](Conn& c) -> Result<std::vector<ReferralEvent>> {
    auto r = c.Query(kSelectEvents, Params().Add(referral_id));
    std::vector<ReferralEvent> out;
    for (int i = 0; i < r.rows(); ++i) {
      ReferralEvent e;
      e.id = r.Int(i, 0);
      e.referral_id = r.Int(i, 1);
      e.at = r.Int(i, 2);
      e.user_id = r.Int(i, 3);
      e.username = r.Text(i, 4);
      e.role = r.Text(i, 5);
      if (!r.IsNull(i, 6)) e.from = ParseReferralState(r.Text(i, 6));
      e.to = ParseReferralState(r.Text(i, 7)).value_or(ReferralState::kReceived);
      e.reason = r.Text(i, 8);
      e.code_system = r.Text(i, 9);
      e.code = r.Text(i, 10);
      e.code_display = r.Text(i, 11);
      out.push_back(std::move(e));
    }
    return out;
  });
}

Result<Referral> PgStore::UpdateReferral(std::int64_t id, const Decide& decide,
                                         const AuditEntry& audit) {
  return Run("updating the referral", [&](Conn& c) -> Result<Referral> {
    Tx tx(c);
    auto current = LoadReferral(c, id, true);  // locks the row until commit
    if (!current.ok()) return current.status();
    auto event = decide(*current);
    if (!event.ok()) return event.status();
    // The column name comes from the state enum, never from input.
    std::string sql = "UPDATE referrals SET state = $2, outcome = $3, state_reason = $4, " +
                      std::string(ToString(event->to)) + "_at = $5 WHERE id = $1";
    std::string outcome = event->to == ReferralState::kClosed ? event->outcome : current->outcome;
    c.Query(
        sql,
        Params().Add(id).Add(ToString(event->to)).Add(outcome).Add(event->reason).Add(event->at));
    Params ep;
    ep.Add(id);
    AddEvent(ep, *event);
    c.Query(kInsertEvent, ep);
    InsertAudit(c, audit);
    auto updated = LoadReferral(c, id);
    tx.Commit();
    return updated;
  });
}

}  // namespace linkway::pg
