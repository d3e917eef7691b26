// Connections as the community services see them: the inbox of a service organisation, the
// sweep of connections left unanswered, and how quickly each service answers.
#include <algorithm>

#include "casework/case_store.hpp"

namespace linkway::cases {
namespace {

std::optional<UnixSeconds> Time(const sql::Query& q, int column) {
  if (q.IsNull(column)) return std::nullopt;
  return q.Int(column);
}

constexpr std::string_view kInboxSelect =
    "SELECT k.id, k.referral_id, k.organisation_code, k.service_id, k.service_name, k.state, "
    "k.reason, k.created_at, k.updated_at, k.sent_at, k.responded_at, k.reminded_at, "
    "r.given_name, r.family_name, r.phone, COALESCE(u.display_name, ''), "
    "COALESCE(w.email, ''), COALESCE(w.phone, '') FROM connections k "
    "JOIN referrals r ON r.id = k.referral_id "
    "LEFT JOIN cases c ON c.referral_id = k.referral_id "
    "LEFT JOIN users u ON u.id = c.link_worker_id "
    "LEFT JOIN link_workers w ON w.user_id = c.link_worker_id ";

InboxRow InboxFrom(const sql::Query& q) {
  InboxRow row;
  Connection& k = row.connection;
  k = {q.Int(0),  q.Int(1),  q.Text(2), q.Text(3), q.Text(4),
       q.Text(5), q.Text(6), q.Int(7),  q.Int(8)};
  k.sent_at = Time(q, 9);
  k.responded_at = Time(q, 10);
  k.reminded_at = Time(q, 11);
  row.given_name = q.Text(12);
  row.family_name = q.Text(13);
  row.phone = q.Text(14);
  row.link_worker_name = q.Text(15);
  row.link_worker_email = q.Text(16);
  row.link_worker_phone = q.Text(17);
  return row;
}

}  // namespace

Page<InboxRow> Inbox(sql::Connection& c, const std::string& org_code, bool open, int page,
                     int page_size) {
  Page<InboxRow> out;
  out.page = page;
  out.page_size = page_size;
  std::string states = open ? "('sent', 'accepted')" : "('attended', 'did_not_attend', 'declined')";
  {
    sql::Query q(
        c, "SELECT COUNT(*) FROM connections WHERE organisation_code = $1 AND state IN " + states,
        org_code);
    q.Step();
    out.total = q.Int(0);
  }
  sql::Query q(c,
               std::string(kInboxSelect) + "WHERE k.organisation_code = $1 AND k.state IN " +
                   states + " ORDER BY k.sent_at, k.id LIMIT $2 OFFSET $3",
               org_code, page_size, static_cast<std::int64_t>(page - 1) * page_size);
  while (q.Step()) out.items.push_back(InboxFrom(q));
  return out;
}

std::optional<InboxRow> InboxItem(sql::Connection& c, std::int64_t id) {
  sql::Query q(c, std::string(kInboxSelect) + "WHERE k.id = $1", id);
  if (!q.Step()) return std::nullopt;
  return InboxFrom(q);
}

std::vector<Connection> Unanswered(sql::Connection& c, UnixSeconds sent_before, bool unreminded) {
  std::string sql =
      "SELECT id, referral_id, organisation_code, service_id, service_name, state, reason, "
      "created_at, updated_at, sent_at, responded_at, reminded_at, user_id FROM connections "
      "WHERE state = 'sent' AND sent_at <= $1";
  if (unreminded) sql += " AND reminded_at IS NULL";
  sql += " ORDER BY id";
  sql::Query q(c, sql, sent_before);
  std::vector<Connection> out;
  while (q.Step()) {
    Connection k{q.Int(0),  q.Int(1),  q.Text(2), q.Text(3), q.Text(4),
                 q.Text(5), q.Text(6), q.Int(7),  q.Int(8)};
    k.sent_at = Time(q, 9);
    k.reminded_at = Time(q, 11);
    k.made_by = q.Int(12);
    out.push_back(std::move(k));
  }
  return out;
}

void MarkReminded(sql::Tx& tx, std::int64_t id, UnixSeconds at) {
  sql::Query(tx, "UPDATE connections SET reminded_at = $2 WHERE id = $1", id, at).Run();
}

ServiceReplies Replies(sql::Connection& c, const std::string& service_id, UnixSeconds since) {
  ServiceReplies out;
  std::vector<std::int64_t> waits;
  sql::Query q(c,
               "SELECT state, sent_at, responded_at, reason FROM connections "
               "WHERE service_id = $1 AND sent_at >= $2",
               service_id, since);
  while (q.Step()) {
    ++out.sent;
    if (q.IsNull(2)) continue;
    if (q.Text(3) == kNoReplyReason) continue;  // declined for want of an answer
    ++out.answered;
    std::string state = q.Text(0);
    if (state != "declined") ++out.accepted;
    waits.push_back(q.Int(2) - q.Int(1));
  }
  if (!waits.empty()) {
    std::sort(waits.begin(), waits.end());
    std::size_t n = waits.size();
    double median = n % 2 == 1 ? static_cast<double>(waits[n / 2])
                               : (static_cast<double>(waits[n / 2 - 1]) + waits[n / 2]) / 2;
    out.median_days = median / 86400.0;
  }
  return out;
}

}  // namespace linkway::cases
