// Internal to the referrals module's storage: the columns of a referral and of its history, the
// decoding of a row into them, and the statements intake and updates share.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "referrals/referral.hpp"
#include "store/sql.hpp"

namespace linkway::rows {

inline constexpr std::string_view kReferralSelect =
    "SELECT r.id, r.nhs_number, r.given_name, r.family_name, r.date_of_birth, r.postcode, "
    "r.phone, r.practice_code, COALESCE(o.name, ''), r.pcn_code, r.referrer_id, "
    "COALESCE(u.display_name, ''), r.referrer_profession, r.reasons, r.reason_other, "
    "r.consent_referral, r.consent_share, r.urgency, r.note, r.state, r.outcome, r.state_reason, "
    "r.received_at, r.accepted_at, r.declined_at, r.withdrawn_at, r.contacted_at, "
    "r.unable_to_contact_at, r.active_at, r.closed_at, r.sex "
    "FROM referrals r LEFT JOIN organisations o ON o.code = r.practice_code "
    "LEFT JOIN users u ON u.id = r.referrer_id ";

// Lists of codes are kept in one column as "a,b,c" (codes never hold commas).
std::string JoinCodes(const std::vector<std::string>& items);
std::vector<std::string> SplitCodes(const std::string& text);

Referral ReferralFrom(const sql::Query& q);
// The referral with `id` on `c`, or kNotFound; `for_update` locks its row until the
// transaction ends (PostgreSQL; SQLite's one writer needs no lock).
Result<Referral> LoadReferral(sql::Connection& c, std::int64_t id, bool for_update = false);
// Appends `event` to the referral's history and returns its id. Throws sql::Error.
std::int64_t InsertEvent(sql::Tx& tx, std::int64_t referral_id, const ReferralEvent& event);

}  // namespace linkway::rows
