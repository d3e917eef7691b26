// Organisations, roles and users: who works in Linkway and where. Plain data; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/choice.hpp"
#include "core/clock.hpp"

namespace linkway {

// An agency is any other organisation that refers: a fire service, a job centre, a housing
// association.
enum class OrgKind { kIcb, kPcn, kPractice, kVcse, kAgency };
std::string_view ToString(OrgKind kind);
std::optional<OrgKind> ParseOrgKind(std::string_view text);

struct Organisation {
  std::string code;
  OrgKind kind = OrgKind::kPractice;
  std::string name;
  std::string parent_code;  // practice -> PCN -> ICB; empty at the top
  std::string postcode;
  // An agency's area, the PCNs or the ICB it refers into, as codes joined by commas.
  std::string areas;
};

// The codes of an agency's area.
std::vector<std::string> AreaCodes(const Organisation& org);

// Who sent a referral: health and care professionals, other agencies, or the person.
inline constexpr Choice kProfessions[] = {
    {"gp", "GP"},
    {"nurse", "Nurse"},
    {"pharmacist", "Pharmacist"},
    {"practice_admin", "Practice administrator"},
    {"hospital_discharge", "Hospital discharge team"},
    {"fire_service", "Fire and rescue service"},
    {"police", "Police"},
    {"job_centre", "Jobcentre"},
    {"social_care", "Adult social care"},
    {"housing_association", "Housing association"},
    {"community_organisation", "Community organisation"},
    {"link_worker", "Link worker"},
    {"self_referral", "Self-referral"},
    {"other", "Other"},
};

enum class Role { kReferrer, kLinkWorker, kVcse, kCommissioner, kAdmin };
std::string_view ToString(Role role);
std::string_view Label(Role role);
std::optional<Role> ParseRole(std::string_view text);

struct User {
  std::int64_t id = 0;
  std::string username;
  std::string display_name;
  Role role = Role::kReferrer;
  std::string profession;  // a code from kProfessions
  std::string org_code;
  std::string password_hash;  // argon2id string; empty for integration-only users
  bool active = true;         // false once an administrator deactivates them
  UnixSeconds last_sign_in_at = 0;
  bool factor_optional = false;    // a demo account: may sign in without a second factor
  bool has_second_factor = false;  // enrolled and confirmed (read only)
};

// The signed-in user as the access rules see them: the user, and the PCN their organisation
// belongs to (their own code for a PCN, the parent's for a practice).
struct Principal {
  std::int64_t user_id = 0;
  std::string username;
  std::string display_name;
  Role role = Role::kReferrer;
  std::string profession;
  std::string org_code;
  std::string org_name;
  OrgKind org_kind = OrgKind::kPractice;
  std::string pcn_code;
  std::string csrf_token;  // set for cookie sessions
};

}  // namespace linkway
