// Cases, their holders and history, and link workers' settings and load.
#include "casework/case_store.hpp"

namespace linkway::cases {
namespace {

constexpr std::string_view kCaseSelect =
    "SELECT c.referral_id, c.pcn_code, COALESCE(c.link_worker_id, 0), COALESCE(u.username, ''), "
    "COALESCE(u.display_name, ''), c.state, c.urgent, c.received_at, c.assigned_at, c.ended_at, "
    "c.intensity, c.next_action, c.next_action_due, c.review_date, c.safeguarding, "
    "r.given_name, r.family_name, r.nhs_number, r.practice_code, COALESCE(o.name, ''), "
    "r.accepted_at ";
// `c` is the cases table or, for a list, the page of it.
constexpr std::string_view kCaseJoins =
    "JOIN referrals r ON r.id = c.referral_id "
    "LEFT JOIN users u ON u.id = c.link_worker_id "
    "LEFT JOIN organisations o ON o.code = r.practice_code ";

CaseRow RowFrom(const sql::Query& q) {
  CaseRow out;
  out.referral_id = q.Int(0);
  out.pcn_code = q.Text(1);
  out.link_worker_id = q.Int(2);
  out.link_worker_username = q.Text(3);
  out.link_worker_name = q.Text(4);
  out.state = q.Text(5);
  out.urgent = q.Int(6) != 0;
  out.received_at = q.Int(7);
  out.assigned_at = q.Int(8);
  if (!q.IsNull(9)) out.ended_at = q.Int(9);
  out.intensity = q.Text(10);
  out.next_action = q.Text(11);
  out.next_action_due = q.Text(12);
  out.review_date = q.Text(13);
  out.safeguarding = q.Int(14) != 0;
  out.given_name = q.Text(15);
  out.family_name = q.Text(16);
  out.nhs_number = q.Text(17);
  out.practice_code = q.Text(18);
  out.practice_name = q.Text(19);
  if (!q.IsNull(20)) out.accepted_at = q.Int(20);
  return out;
}

// Link workers with their settings and load; $1 is the year's start.
constexpr std::string_view kLinkWorkerSelect =
    "SELECT u.id, u.username, u.display_name, u.org_code, COALESCE(w.capacity, 250), "
    "COALESCE(w.pcn_lead, 0), COALESCE(w.phone, ''), COALESCE(w.email, ''), "
    "(SELECT COUNT(*) FROM cases c WHERE c.link_worker_id = u.id AND c.state = 'accepted'), "
    "(SELECT COUNT(*) FROM cases c WHERE c.link_worker_id = u.id "
    "  AND c.state IN ('contacted', 'active')), "
    "(SELECT COUNT(*) FROM cases c WHERE c.link_worker_id = u.id "
    "  AND (c.ended_at IS NULL OR c.ended_at >= $1)) "
    "FROM users u LEFT JOIN link_workers w ON w.user_id = u.id "
    "LEFT JOIN organisations o ON o.code = u.org_code "
    "WHERE u.role = 'link_worker' ";

LinkWorker WorkerFrom(const sql::Query& q) {
  LinkWorker w;
  w.user_id = q.Int(0);
  w.username = q.Text(1);
  w.display_name = q.Text(2);
  w.org_code = q.Text(3);
  w.capacity = static_cast<int>(q.Int(4));
  w.pcn_lead = q.Int(5) != 0;
  w.phone = q.Text(6);
  w.email = q.Text(7);
  w.waiting = static_cast<int>(q.Int(8));
  w.caseload = static_cast<int>(q.Int(9));
  w.year = static_cast<int>(q.Int(10));
  return w;
}

}  // namespace

Page<CaseRow> List(sql::Connection& c, const ListFilter& filter) {
  auto page = PageOf<CaseRow>(filter.page, filter.page_size);
  std::string where =
      filter.waiting ? "WHERE c.state = 'accepted' " : "WHERE c.state IN ('contacted', 'active') ";
  // Only the filters given reach the SQL (the others compare a parameter with its empty
  // value), so that the planner can use an index: "($1 = '' OR c.pcn_code = $1)" defeats it.
  where += filter.pcn_code.empty() ? "AND $1 = '' " : "AND c.pcn_code = $1 ";
  where += filter.link_worker_id == 0 ? "AND $2 = 0 " : "AND c.link_worker_id = $2 ";
  sql::Query count(c, "SELECT COUNT(*) FROM cases c " + where, filter.pcn_code,
                   filter.link_worker_id);
  count.Step();
  page.total = count.Int(0);
  std::string order = filter.waiting
                          ? "ORDER BY c.urgent DESC, c.received_at, c.referral_id "
                          : "ORDER BY c.next_action_due = '', c.next_action_due, c.received_at, "
                            "c.referral_id ";
  // The page of cases first, then the referrals of that page only: joining first would read
  // a referral row for every case that matches, not just the fifty shown.
  std::string query = std::string(kCaseSelect) + "FROM (SELECT * FROM cases c " + where + order +
                      "LIMIT $3 OFFSET $4) c " + std::string(kCaseJoins) + order;
  sql::Query q(c, query, filter.pcn_code, filter.link_worker_id, page.page_size, page.offset());
  while (q.Step()) page.items.push_back(RowFrom(q));
  return page;
}

std::optional<CaseRow> Get(sql::Connection& c, std::int64_t referral_id) {
  sql::Query q(c,
               std::string(kCaseSelect) + "FROM cases c " + std::string(kCaseJoins) +
                   "WHERE c.referral_id = $1",
               referral_id);
  if (!q.Step()) return std::nullopt;
  return RowFrom(q);
}

std::vector<LinkWorker> LinkWorkers(sql::Connection& c, const std::string& pcn_code,
                                    UnixSeconds year_from) {
  sql::Query q(c,
               std::string(kLinkWorkerSelect) +
                   "AND (u.org_code = $2 OR o.parent_code = $2) ORDER BY u.display_name, u.id",
               year_from, pcn_code);
  std::vector<LinkWorker> out;
  while (q.Step()) out.push_back(WorkerFrom(q));
  return out;
}

std::optional<LinkWorker> FindLinkWorker(sql::Connection& c, const std::string& username,
                                         UnixSeconds year_from) {
  sql::Query q(c, std::string(kLinkWorkerSelect) + "AND u.username = $2", year_from, username);
  if (!q.Step()) return std::nullopt;
  return WorkerFrom(q);
}

void PutSettings(sql::Tx& tx, const LinkWorker& w) {
  sql::Query(tx,
             "INSERT INTO link_workers (user_id, capacity, pcn_lead, phone, email) "
             "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (user_id) DO UPDATE SET "
             "capacity = excluded.capacity, pcn_lead = excluded.pcn_lead, "
             "phone = excluded.phone, email = excluded.email",
             w.user_id, w.capacity, w.pcn_lead, w.phone, w.email)
      .Run();
}

Held Follow(sql::Tx& tx, const Step& step, std::int64_t holder, std::int64_t by) {
  std::optional<std::int64_t> ended;
  if (step.ends) ended = step.at;
  sql::Query current(tx, "SELECT COALESCE(link_worker_id, 0) FROM cases WHERE referral_id = $1",
                     step.referral_id);
  if (current.Step()) {
    std::int64_t held = current.Int(0);
    sql::Query(tx,
               "UPDATE cases SET state = $2, ended_at = CASE WHEN $3 = 1 THEN CAST($4 AS BIGINT) "
               "ELSE ended_at END "
               "WHERE referral_id = $1",
               step.referral_id, step.state, step.ends, step.at)
        .Run();
    if (held != 0 || holder == 0) return {held, held};
    Assign(tx, step.referral_id, holder, by, step.at);
    return {0, holder};
  }
  sql::Query insert(tx,
                    "INSERT INTO cases (referral_id, pcn_code, link_worker_id, state, urgent, "
                    "received_at, assigned_at, ended_at) VALUES ($1, $2, NULL, $3, $4, $5, $6, "
                    "CASE WHEN $7 = 1 THEN CAST($6 AS BIGINT) ELSE NULL END)",
                    step.referral_id, step.pcn_code, step.state, step.urgent, step.received_at,
                    step.at, step.ends);
  insert.Run();
  if (holder == 0) return {};
  Assign(tx, step.referral_id, holder, by, step.at);
  return {0, holder};
}

bool Assign(sql::Tx& tx, std::int64_t referral_id, std::int64_t link_worker_id, std::int64_t by,
            UnixSeconds at) {
  sql::Query current(tx, "SELECT COALESCE(link_worker_id, 0) FROM cases WHERE referral_id = $1",
                     referral_id);
  if (current.Step() && current.Int(0) == link_worker_id) return false;
  sql::Query(tx,
             "UPDATE case_holders SET until_at = $2 WHERE referral_id = $1 AND until_at IS NULL",
             referral_id, at)
      .Run();
  sql::Query(tx,
             "INSERT INTO case_holders (referral_id, link_worker_id, from_at, until_at, "
             "assigned_by) VALUES ($1, $2, $3, NULL, $4)",
             referral_id, link_worker_id, at, by)
      .Run();
  sql::Query(tx, "UPDATE cases SET link_worker_id = $2, assigned_at = $3 WHERE referral_id = $1",
             referral_id, link_worker_id, at)
      .Run();
  return true;
}

std::vector<Holder> Holders(sql::Connection& c, std::int64_t referral_id) {
  sql::Query q(c,
               "SELECT COALESCE(u.display_name, ''), h.from_at, h.until_at, "
               "COALESCE(b.display_name, '') FROM case_holders h "
               "LEFT JOIN users u ON u.id = h.link_worker_id "
               "LEFT JOIN users b ON b.id = h.assigned_by "
               "WHERE h.referral_id = $1 ORDER BY h.id",
               referral_id);
  std::vector<Holder> out;
  while (q.Step()) {
    Holder h{q.Text(0), q.Int(1), std::nullopt, q.Text(3)};
    if (!q.IsNull(2)) h.until_at = q.Int(2);
    out.push_back(std::move(h));
  }
  return out;
}

void AddEvent(sql::Tx& tx, std::int64_t referral_id, UnixSeconds at, std::int64_t user_id,
              std::string_view kind, const std::string& summary) {
  sql::Query(tx,
             "INSERT INTO case_events (referral_id, at, user_id, kind, summary) "
             "VALUES ($1, $2, $3, $4, $5)",
             referral_id, at, user_id, kind, summary)
      .Run();
}

std::vector<CaseEvent> Events(sql::Connection& c, std::int64_t referral_id) {
  sql::Query q(c,
               "SELECT e.at, COALESCE(u.display_name, ''), e.kind, e.summary FROM case_events e "
               "LEFT JOIN users u ON u.id = e.user_id WHERE e.referral_id = $1 ORDER BY e.id",
               referral_id);
  std::vector<CaseEvent> out;
  while (q.Step()) out.push_back({q.Int(0), q.Text(1), q.Text(2), q.Text(3)});
  return out;
}

void SetCaseText(sql::Tx& tx, std::int64_t referral_id, std::string_view column,
                 const std::string& value) {
  sql::Query(tx, "UPDATE cases SET " + std::string(column) + " = $2 WHERE referral_id = $1",
             referral_id, value)
      .Run();
}

void SetCaseTime(sql::Tx& tx, std::int64_t referral_id, std::string_view column, UnixSeconds at) {
  sql::Query(tx, "UPDATE cases SET " + std::string(column) + " = $2 WHERE referral_id = $1",
             referral_id, at)
      .Run();
}

std::vector<Earlier> EarlierReferrals(sql::Connection& c, const std::string& nhs_number,
                                      const std::string& pcn_code, std::int64_t except) {
  sql::Query q(c,
               "SELECT r.id, r.received_at, r.state, r.outcome, COALESCE(o.name, '') "
               "FROM referrals r LEFT JOIN organisations o ON o.code = r.practice_code "
               "WHERE r.nhs_number = $1 AND r.pcn_code = $2 AND r.id <> $3 "
               "ORDER BY r.received_at DESC, r.id DESC LIMIT 20",
               nhs_number, pcn_code, except);
  std::vector<Earlier> out;
  while (q.Step()) out.push_back({q.Int(0), q.Int(1), q.Text(2), q.Text(3), q.Text(4)});
  return out;
}

}  // namespace linkway::cases
