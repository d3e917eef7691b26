// Casework::PersonRecords: the ids of everything the audit trail may say about one person.
#include "casework/casework.hpp"

namespace linkway {
namespace {

constexpr std::string_view kRecords =
    "SELECT 'referral', r.id FROM referrals r WHERE r.nhs_number = $1 AND ($2 = '' OR "
    "r.pcn_code = $2) "
    "UNION ALL SELECT 'connection', k.id FROM connections k JOIN referrals r ON r.id = "
    "k.referral_id WHERE r.nhs_number = $1 AND ($2 = '' OR r.pcn_code = $2) "
    "UNION ALL SELECT 'feedback', f.id FROM feedback f JOIN referrals r ON r.id = f.referral_id "
    "WHERE r.nhs_number = $1 AND ($2 = '' OR r.pcn_code = $2)";

}  // namespace

Result<std::vector<std::pair<std::string, std::string>>> Casework::PersonRecords(
    const std::string& nhs_number, const std::string& pcn) {
  using Records = std::vector<std::pair<std::string, std::string>>;
  return db_.Read([&](sql::Connection& c) -> Result<Records> {
    Records out;
    for (sql::Query q(c, kRecords, nhs_number, pcn); q.Step();) {
      std::string id = std::to_string(q.Int(1));
      // A case is audited under its referral's id.
      if (q.Text(0) == "referral") out.emplace_back("case", id);
      out.emplace_back(q.Text(0), id);
    }
    return out;
  });
}

}  // namespace linkway
