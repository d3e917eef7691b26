#include "referrals/referral_rows.hpp"

#include <sstream>

namespace linkway::rows {
namespace {

constexpr std::string_view kInsertEvent =
    "INSERT INTO referral_events (referral_id, at, user_id, role, from_state, to_state, reason, "
    "code_system, code, code_display) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";

}  // namespace

std::string JoinCodes(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ",") + i;
  return out;
}

std::vector<std::string> SplitCodes(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, ',')) {
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

Referral ReferralFrom(const sql::Query& q) {
  Referral out;
  out.id = q.Int(0);
  out.patient = {q.Text(1), q.Text(2), q.Text(3), q.Text(4), q.Text(5), q.Text(6)};
  out.practice_code = q.Text(7);
  out.practice_name = q.Text(8);
  out.pcn_code = q.Text(9);
  out.referrer_id = q.Int(10);
  out.referrer_name = q.Text(11);
  out.referrer_profession = q.Text(12);
  out.reasons = SplitCodes(q.Text(13));
  out.reason_other = q.Text(14);
  out.consent_referral = q.Int(15) != 0;
  out.consent_share = q.Int(16) != 0;
  out.urgency = q.Text(17);
  out.note = q.Text(18);
  out.state = ParseReferralState(q.Text(19)).value_or(ReferralState::kReceived);
  out.outcome = q.Text(20);
  out.state_reason = q.Text(21);
  int column = 22;  // one timestamp column per state, in kAllStates order
  for (ReferralState state : kAllStates) {
    if (!q.IsNull(column)) out.stamps[state] = q.Int(column);
    ++column;
  }
  out.patient.sex = q.Text(column);
  return out;
}

Result<Referral> LoadReferral(sql::Connection& c, std::int64_t id, bool for_update) {
  sql::Query q(
      c, std::string(kReferralSelect) + "WHERE r.id = $1" + (for_update ? " FOR UPDATE OF r" : ""),
      id);
  if (!q.Step()) return Status::NotFound("no referral with that id");
  return ReferralFrom(q);
}

std::int64_t InsertEvent(sql::Tx& tx, std::int64_t referral_id, const ReferralEvent& e) {
  std::optional<std::string> from;
  if (e.from) from = std::string(ToString(*e.from));
  return sql::InsertId(tx, kInsertEvent, referral_id, e.at, e.user_id, e.role, from, ToString(e.to),
                       e.reason, e.code_system, e.code, e.code_display);
}

}  // namespace linkway::rows
