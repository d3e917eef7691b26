// Referrals, their history and idempotency keys on PostgreSQL.
#include <algorithm>

#include "store/pg/intake_batcher.hpp"
#include "store/pg/pg_store.hpp"
#include "store/rows.hpp"

namespace linkway::pg {
namespace {

constexpr std::string_view kListWhere =
    "WHERE ($1 = '' OR r.practice_code = $1) AND ($2 = '' OR r.pcn_code = $2) "
    "AND ($3 = '' OR strpos($3, ',' || r.state || ',') > 0) ";

constexpr std::string_view kInsertEvent =
    "INSERT INTO referral_events (referral_id, at, user_id, role, from_state, to_state, reason, "
    "code_system, code, code_display) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";

constexpr std::string_view kEventsWhere = "WHERE e.referral_id = $1 ORDER BY e.id";

constexpr std::string_view kFindKey =
    "SELECT request_hash, referral_id FROM idempotency_keys WHERE user_id = $1 AND key = $2";

Result<Referral> LoadReferral(Conn& c, std::int64_t id, bool for_update = false) {
  auto r = c.Query(std::string(rows::kReferralSelect) + "WHERE r.id = $1" +
                       (for_update ? " FOR UPDATE OF r" : ""),
                   Params().Add(id));
  if (r.rows() == 0) return Status::NotFound("no referral with that id");
  return rows::ReferralFrom(PgRow(r, 0));
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

// The earlier referral for a reused idempotency key, with a fresh audit row; nullopt when the
// key is new.
Result<std::optional<CreatedReferral>> Replay(Conn& c, const NewReferral& nr,
                                              const AuditEntry& audit) {
  auto key = c.Query(kFindKey, Params().Add(nr.referrer_id).Add(nr.idempotency_key));
  if (key.rows() == 0) return std::optional<CreatedReferral>();
  if (key.Text(0, 0) != nr.request_hash) {
    return Status::Conflict("this Idempotency-Key was already used with a different request body");
  }
  std::int64_t id = key.Int(0, 1);
  AuditEntry entry = audit;
  entry.record_id = std::to_string(id);
  Tx tx(c);  // the audit row and the read together
  InsertAudit(c, entry);
  auto loaded = LoadReferral(c, id);
  if (!loaded.ok()) return loaded.status();
  tx.Commit();
  return std::optional<CreatedReferral>(CreatedReferral{std::move(loaded).value(), true});
}

}  // namespace

Result<CreatedReferral> PgStore::CreateReferral(const NewReferral& nr, const AuditEntry& audit) {
  if (!nr.idempotency_key.empty()) {
    // A reused key is answered here; a new one joins the batch (a race between two requests
    // with one key fails the batch, and the fall-back then replays).
    auto earlier = Run("saving the referral", [&](Conn& c) { return Replay(c, nr, audit); });
    if (!earlier.ok()) return earlier.status();
    if (*earlier) return std::move(**earlier);
  }
  return batcher_->Submit(nr, audit);
}

Result<CreatedReferral> PgStore::CreateOne(const NewReferral& nr, const AuditEntry& audit) {
  return Run("saving the referral", [&](Conn& c) -> Result<CreatedReferral> {
    // Two tries: a concurrent request with the same key may commit between the look-up and
    // the insert; the second try then replays it.
    for (int attempt = 0;; ++attempt) {
      if (!nr.idempotency_key.empty()) {
        auto replayed = Replay(c, nr, audit);
        if (!replayed.ok()) return replayed.status();
        if (*replayed) return std::move(**replayed);
      }
      try {
        auto ids = InsertReferrals(c, {{&nr, &audit}});
        return CreatedReferral{StoredReferral(ids.at(0), nr), false};
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
    auto page = rows::EmptyPage<Referral>(filter.page, filter.page_size);
    std::string states = rows::StatesParam(filter.states);
    Tx tx(c, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");  // count and page agree
    auto count = c.Query("SELECT COUNT(*) FROM referrals r " + std::string(kListWhere),
                         Params().Add(filter.practice_code).Add(filter.pcn_code).Add(states));
    page.total = count.Int(0, 0);
    auto r =
        c.Query(std::string(rows::kReferralSelect) + std::string(kListWhere) +
                    std::string(rows::ReferralOrder(filter.oldest_first)) + "LIMIT $4 OFFSET $5",
                Params()
                    .Add(filter.practice_code)
                    .Add(filter.pcn_code)
                    .Add(states)
                    .Add(page.page_size)
                    .Add(static_cast<std::int64_t>(page.page - 1) * page.page_size));
    for (int i = 0; i < r.rows(); ++i) page.items.push_back(rows::ReferralFrom(PgRow(r, i)));
    tx.Commit();
    return page;
  });
}

Result<std::vector<ReferralEvent>> PgStore::ListEvents(std::int64_t referral_id) {
  return Run("reading the history", [&](Conn& c) -> Result<std::vector<ReferralEvent>> {
    auto r = c.Query(std::string(rows::kEventSelect) + std::string(kEventsWhere),
                     Params().Add(referral_id));
    std::vector<ReferralEvent> out;
    out.reserve(static_cast<std::size_t>(r.rows()));
    for (int i = 0; i < r.rows(); ++i) out.push_back(rows::EventFrom(PgRow(r, i)));
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
