// Connections from the service's side: a community organisation's inbox and its answers, the
// sweep that reminds a service after 7 days and declines for it after 14, and how quickly each
// service answers.
#include <algorithm>

#include "casework/casework.hpp"

namespace linkway {
namespace {

Status NoConnection() { return Status::NotFound("no connection with that id"); }

}  // namespace

Result<Page<cases::InboxRow>> Casework::ServiceInbox(const Principal& who, bool open, int page) {
  if (who.role != Role::kVcse || who.org_code.empty()) {
    return Status::Forbidden("only community organisations answer connections");
  }
  auto rows = db_.Read([&](sql::Connection& c) -> Result<Page<cases::InboxRow>> {
    return cases::Inbox(c, who.org_code, open, std::max(1, page), 25);
  });
  if (!rows.ok()) return rows;
  // Which people the list showed, before it is shown.
  std::vector<std::string> ids;
  for (const auto& r : rows->items) ids.push_back(std::to_string(r.connection.id));
  if (Status s = audit_.RecordList(
          Audit(who, "connection.list", "connection_list", open ? "open" : "answered"),
          Audit(who, "connection.list", "connection", ""), ids);
      !s.ok()) {
    return s;
  }
  return rows;
}

Result<cases::InboxRow> Casework::ServiceConnection(const Principal& who,
                                                    std::int64_t connection_id) {
  if (who.role != Role::kVcse) return NoConnection();
  auto row = db_.Read([&](sql::Connection& c) -> Result<cases::InboxRow> {
    auto found = cases::InboxItem(c, connection_id);
    if (!found || found->connection.organisation_code != who.org_code) return NoConnection();
    return *found;
  });
  if (!row.ok()) return row;
  if (Status s =
          audit_.Record(Audit(who, "connection.read", "connection", std::to_string(connection_id)));
      !s.ok()) {
    return s;
  }
  return row;
}

Result<Connection> Casework::AnswerConnection(const Principal& who, std::int64_t connection_id,
                                              const std::string& to, const std::string& reason) {
  if (who.role != Role::kVcse) return NoConnection();
  static constexpr std::string_view kAnswers[] = {"accepted", "declined", "attended",
                                                  "did_not_attend"};
  if (std::find(std::begin(kAnswers), std::end(kAnswers), to) == std::end(kAnswers)) {
    return Status::Invalid("The request has errors; see fields.",
                           {{"to", "must be accepted, declined, attended or did_not_attend"}});
  }
  UnixSeconds now = clock_.Now();
  Connection out;
  Status s = db_.Write([&](sql::Tx& tx) -> Status {
    auto k = cases::GetConnection(tx, connection_id);
    if (!k || k->organisation_code != who.org_code) return NoConnection();
    if (Status step = CheckConnectionStep(k->state, to, reason); !step.ok()) return step;
    cases::MoveConnection(tx, connection_id, to, reason, now);
    cases::AddEvent(tx, k->referral_id, now, who.user_id, "connection",
                    k->service_name + ": " + std::string(LabelOf(kConnectionStates, to)) + " (by " +
                        who.org_name + ")" + (reason.empty() ? "" : ": " + reason));
    if (to == "declined") {
      cases::SetCaseText(tx, k->referral_id, "next_action",
                         "Choose another service: " + k->service_name + " declined");
    }
    WriteAudit(tx, Audit(who, "connection.answer", "connection", std::to_string(connection_id)));
    out = *k;
    out.state = to;
    out.reason = reason;
    out.updated_at = now;
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return out;
}

Result<Casework::SweepReport> Casework::Sweep() {
  UnixSeconds now = clock_.Now();
  SweepReport report;
  auto due = db_.Read([&](sql::Connection& c) -> Result<std::vector<Connection>> {
    return cases::Unanswered(c, now - kReminderAfter, false);
  });
  if (!due.ok()) return due.status();
  for (const auto& k : *due) {
    if (!k.sent_at) continue;
    bool decline = *k.sent_at <= now - kDeclineAfter;
    if (!decline && k.reminded_at) continue;
    Status s = db_.Write([&](sql::Tx& tx) -> Status {
      // Answered meanwhile: leave it.
      auto fresh = cases::GetConnection(tx, k.id);
      if (!fresh || fresh->state != "sent") return Status::Ok();
      if (!decline && fresh->reminded_at) return Status::Ok();  // another instance did it
      if (decline) {
        cases::MoveConnection(tx, k.id, "declined", std::string(kNoReplyReason), now);
        cases::AddEvent(
            tx, k.referral_id, now, k.made_by, "connection",
            k.service_name + ": declined automatically (" + std::string(kNoReplyReason) + ")");
        cases::SetCaseText(tx, k.referral_id, "next_action",
                           "Choose another service: " + k.service_name + " did not reply");
        ++report.declined;
      } else {
        cases::MarkReminded(tx, k.id, now);
        cases::AddEvent(tx, k.referral_id, now, k.made_by, "connection",
                        k.service_name + ": reminded to reply (sent 7 days ago)");
        ++report.reminded;
      }
      return Status::Ok();
    });
    if (!s.ok()) return s;
  }
  return report;
}

ReplyStats Casework::Replies(const std::string& service_id) {
  UnixSeconds since = clock_.Now() - 365 * 86400;
  auto r = db_.Read([&](sql::Connection& c) -> Result<cases::ServiceReplies> {
    return cases::Replies(c, service_id, since);
  });
  if (!r.ok()) return {};
  return {r->sent, r->answered, r->accepted, r->median_days};
}

}  // namespace linkway
