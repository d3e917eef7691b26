// Reading referrals and their history, and moving a referral on.
#include "referrals/referral_store.hpp"

#include "referrals/referral_rows.hpp"

namespace linkway {
namespace {

constexpr std::string_view kListWhere =
    "WHERE ($1 = '' OR r.practice_code = $1) AND ($2 = '' OR r.pcn_code = $2) "
    "AND ($3 = '' OR $3 LIKE ('%,' || r.state || ',%')) ";
constexpr std::string_view kEvents =
    "SELECT e.id, e.referral_id, e.at, e.user_id, COALESCE(u.username, ''), e.role, "
    "e.from_state, e.to_state, e.reason, e.code_system, e.code, e.code_display "
    "FROM referral_events e LEFT JOIN users u ON u.id = e.user_id "
    "WHERE e.referral_id = $1 ORDER BY e.id";

// ",received,accepted," for a filter on states; "" for any state.
std::string StatesParam(const std::vector<ReferralState>& states) {
  if (states.empty()) return "";
  std::string out = ",";
  for (auto s : states) out += std::string(ToString(s)) + ",";
  return out;
}

ReferralEvent EventFrom(const sql::Query& q) {
  ReferralEvent e;
  e.id = q.Int(0);
  e.referral_id = q.Int(1);
  e.at = q.Int(2);
  e.user_id = q.Int(3);
  e.username = q.Text(4);
  e.role = q.Text(5);
  if (!q.IsNull(6)) e.from = ParseReferralState(q.Text(6));
  e.to = ParseReferralState(q.Text(7)).value_or(ReferralState::kReceived);
  e.reason = q.Text(8);
  e.code_system = q.Text(9);
  e.code = q.Text(10);
  e.code_display = q.Text(11);
  return e;
}

}  // namespace

Result<Referral> ReferralStore::Get(std::int64_t id) {
  return db_.Read([&](sql::Connection& c) { return rows::LoadReferral(c, id); });
}

Result<Page<Referral>> ReferralStore::List(const ReferralFilter& filter) {
  // The count and the page from one snapshot, so that they agree.
  return db_.Snapshot([&](sql::Connection& c) -> Result<Page<Referral>> {
    auto page = PageOf<Referral>(filter.page, filter.page_size);
    std::string states = StatesParam(filter.states);
    sql::Query count(c, "SELECT COUNT(*) FROM referrals r " + std::string(kListWhere),
                     filter.practice_code, filter.pcn_code, states);
    count.Step();
    page.total = count.Int(0);
    std::string order = filter.oldest_first ? "ORDER BY r.received_at, r.id "
                                            : "ORDER BY r.received_at DESC, r.id DESC ";
    sql::Query q(
        c,
        std::string(rows::kReferralSelect) + std::string(kListWhere) + order + "LIMIT $4 OFFSET $5",
        filter.practice_code, filter.pcn_code, states, page.page_size, page.offset());
    while (q.Step()) page.items.push_back(rows::ReferralFrom(q));
    return page;
  });
}

Result<std::vector<ReferralEvent>> ReferralStore::Events(std::int64_t referral_id) {
  return db_.Read([&](sql::Connection& c) -> Result<std::vector<ReferralEvent>> {
    sql::Query q(c, kEvents, referral_id);
    std::vector<ReferralEvent> out;
    while (q.Step()) out.push_back(EventFrom(q));
    return out;
  });
}

Result<Referral> ReferralStore::Update(std::int64_t id, const Decide& decide,
                                       const AuditEntry& audit, const After& after) {
  return db_.Write([&](sql::Tx& tx) -> Result<Referral> {
    // Locked until commit on PostgreSQL, where other instances write too.
    auto current = rows::LoadReferral(tx, id, tx.backend() == sql::Backend::kPostgres);
    if (!current.ok()) return current.status();
    auto event = decide(*current);
    if (!event.ok()) return event.status();
    // The column name comes from the state enum, never from input.
    std::string update = "UPDATE referrals SET state = $2, outcome = $3, state_reason = $4, " +
                         std::string(ToString(event->to)) + "_at = $5 WHERE id = $1";
    std::string outcome = event->to == ReferralState::kClosed ? event->outcome : current->outcome;
    sql::Query(tx, update, id, ToString(event->to), outcome, event->reason, event->at).Run();
    ReferralEvent stored = *event;
    stored.referral_id = id;
    stored.id = rows::InsertEvent(tx, id, *event);
    WriteAudit(tx, audit);
    auto moved = rows::LoadReferral(tx, id);
    if (!moved.ok() || !after) return moved;
    if (Status s = after(tx, *current, *moved, stored); !s.ok()) return s;
    return moved;
  });
}

}  // namespace linkway
