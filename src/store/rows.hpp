// What every backend shares about rows: the SELECT column lists (each backend adds its own
// WHERE, with its own placeholders) and the decoding of a row into the core's records. A Row
// is anything with Int(column), Text(column) and IsNull(column): an SQLite statement or a
// PostgreSQL result row. Pure functions; thread-safe.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "store/store.hpp"

namespace linkway::rows {

inline constexpr std::string_view kOrganisationSelect =
    "SELECT code, kind, name, COALESCE(parent_code, ''), postcode FROM organisations ";
inline constexpr std::string_view kUserSelect =
    "SELECT id, username, display_name, role, profession, org_code, password_hash FROM users ";
// A principal's columns, from users u and organisations o; column 9, when a backend adds it,
// is a session's CSRF token.
inline constexpr std::string_view kPrincipalColumns =
    "SELECT u.id, u.username, u.display_name, u.role, u.profession, o.code, o.name, o.kind, "
    "COALESCE(o.parent_code, '') ";
inline constexpr std::string_view kReferralSelect =
    "SELECT r.id, r.nhs_number, r.given_name, r.family_name, r.date_of_birth, r.postcode, "
    "r.phone, r.practice_code, COALESCE(o.name, ''), r.pcn_code, r.referrer_id, "
    "COALESCE(u.display_name, ''), r.referrer_profession, r.reasons, r.reason_other, "
    "r.consent_referral, r.consent_share, r.urgency, r.note, r.state, r.outcome, r.state_reason, "
    "r.received_at, r.accepted_at, r.declined_at, r.withdrawn_at, r.contacted_at, "
    "r.unable_to_contact_at, r.active_at, r.closed_at "
    "FROM referrals r LEFT JOIN organisations o ON o.code = r.practice_code "
    "LEFT JOIN users u ON u.id = r.referrer_id ";
inline constexpr std::string_view kEventSelect =
    "SELECT e.id, e.referral_id, e.at, e.user_id, COALESCE(u.username, ''), e.role, "
    "e.from_state, e.to_state, e.reason, e.code_system, e.code, e.code_display "
    "FROM referral_events e LEFT JOIN users u ON u.id = e.user_id ";
inline constexpr std::string_view kSignpostSelect =
    "SELECT s.id, s.at, s.practice_code, s.pcn_code, s.user_id, COALESCE(u.username, ''), "
    "s.profession, s.service, s.reasons, s.note, s.code_system, s.code "
    "FROM signposts s LEFT JOIN users u ON u.id = s.user_id ";
inline constexpr std::string_view kAuditColumns =
    "SELECT id, at, user_id, username, role, action, record_type, record_id FROM audit ";

// Lists of codes are kept in one column as "a,b,c" (codes never hold commas).
std::string JoinCodes(const std::vector<std::string>& items);
std::vector<std::string> SplitCodes(const std::string& text);
// ",received,accepted," for a filter on states; "" for any state.
std::string StatesParam(const std::vector<ReferralState>& states);
// "a, b, c": the table's columns in order.
std::string ColumnList(const TableSpec& table);
// "INSERT INTO t (a, b) VALUES (?1, ?2)" for the table's columns, with `marker` ('?' on
// SQLite, '$' on PostgreSQL) before each parameter number.
std::string InsertSql(const TableSpec& table, char marker);
// The table's ORDER BY list, with `text_collation` (" COLLATE \"C\"" on PostgreSQL, to sort
// text bytewise as SQLite does) after each text column; integer keys are id and *_id.
std::string OrderList(const TableSpec& table, std::string_view text_collation);

// The order of a referral list, oldest or newest first.
inline std::string_view ReferralOrder(bool oldest_first) {
  return oldest_first ? "ORDER BY r.received_at, r.id " : "ORDER BY r.received_at DESC, r.id DESC ";
}

// An empty page with the requested number (from 1) and a size kept within 1..500.
template <typename T>
Page<T> EmptyPage(int page, int page_size) {
  Page<T> out;
  out.page = std::max(1, page);
  out.page_size = std::clamp(page_size, 1, 500);
  return out;
}

template <typename Row>
Organisation OrganisationFrom(const Row& r) {
  return {r.Text(0), ParseOrgKind(r.Text(1)).value_or(OrgKind::kPractice), r.Text(2), r.Text(3),
          r.Text(4)};
}

template <typename Row>
User UserFrom(const Row& r) {
  User u;
  u.id = r.Int(0);
  u.username = r.Text(1);
  u.display_name = r.Text(2);
  u.role = ParseRole(r.Text(3)).value_or(Role::kReferrer);
  u.profession = r.Text(4);
  u.org_code = r.Text(5);
  u.password_hash = r.Text(6);
  return u;
}

template <typename Row>
Principal PrincipalFrom(const Row& r) {
  Principal p;
  p.user_id = r.Int(0);
  p.username = r.Text(1);
  p.display_name = r.Text(2);
  p.role = ParseRole(r.Text(3)).value_or(Role::kReferrer);
  p.profession = r.Text(4);
  p.org_code = r.Text(5);
  p.org_name = r.Text(6);
  p.org_kind = ParseOrgKind(r.Text(7)).value_or(OrgKind::kPractice);
  std::string parent = r.Text(8);
  if (p.org_kind == OrgKind::kPcn) {
    p.pcn_code = p.org_code;
  } else if (p.org_kind == OrgKind::kPractice) {
    p.pcn_code = parent;
  }
  return p;
}

template <typename Row>
Referral ReferralFrom(const Row& r) {
  Referral out;
  out.id = r.Int(0);
  out.patient = {r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5), r.Text(6)};
  out.practice_code = r.Text(7);
  out.practice_name = r.Text(8);
  out.pcn_code = r.Text(9);
  out.referrer_id = r.Int(10);
  out.referrer_name = r.Text(11);
  out.referrer_profession = r.Text(12);
  out.reasons = SplitCodes(r.Text(13));
  out.reason_other = r.Text(14);
  out.consent_referral = r.Int(15) != 0;
  out.consent_share = r.Int(16) != 0;
  out.urgency = r.Text(17);
  out.note = r.Text(18);
  out.state = ParseReferralState(r.Text(19)).value_or(ReferralState::kReceived);
  out.outcome = r.Text(20);
  out.state_reason = r.Text(21);
  int column = 22;  // one timestamp column per state, in kAllStates order
  for (ReferralState state : kAllStates) {
    if (!r.IsNull(column)) out.stamps[state] = r.Int(column);
    ++column;
  }
  return out;
}

template <typename Row>
ReferralEvent EventFrom(const Row& r) {
  ReferralEvent e;
  e.id = r.Int(0);
  e.referral_id = r.Int(1);
  e.at = r.Int(2);
  e.user_id = r.Int(3);
  e.username = r.Text(4);
  e.role = r.Text(5);
  if (!r.IsNull(6)) e.from = ParseReferralState(r.Text(6));
  e.to = ParseReferralState(r.Text(7)).value_or(ReferralState::kReceived);
  e.reason = r.Text(8);
  e.code_system = r.Text(9);
  e.code = r.Text(10);
  e.code_display = r.Text(11);
  return e;
}

template <typename Row>
Signpost SignpostFrom(const Row& r) {
  Signpost p;
  p.id = r.Int(0);
  p.at = r.Int(1);
  p.practice_code = r.Text(2);
  p.pcn_code = r.Text(3);
  p.user_id = r.Int(4);
  p.username = r.Text(5);
  p.profession = r.Text(6);
  p.service = r.Text(7);
  p.reasons = SplitCodes(r.Text(8));
  p.note = r.Text(9);
  p.code_system = r.Text(10);
  p.code = r.Text(11);
  return p;
}

template <typename Row>
AuditEntry AuditFrom(const Row& r) {
  return {r.Int(0), r.Int(1), r.Int(2), r.Text(3), r.Text(4), r.Text(5), r.Text(6), r.Text(7)};
}

}  // namespace linkway::rows
