#include "core/people.hpp"

namespace linkway {
namespace {

struct RoleName {
  Role role;
  std::string_view code;
  std::string_view label;
};

constexpr RoleName kRoles[] = {
    {Role::kReferrer, "referrer", "Referrer"},
    {Role::kLinkWorker, "link_worker", "Link worker"},
    {Role::kVcse, "vcse", "Community organisation"},
    {Role::kCommissioner, "commissioner", "Commissioner"},
    {Role::kAdmin, "admin", "Administrator"},
};

struct KindName {
  OrgKind kind;
  std::string_view code;
};

constexpr KindName kKinds[] = {{OrgKind::kIcb, "icb"},
                               {OrgKind::kPcn, "pcn"},
                               {OrgKind::kPractice, "practice"},
                               {OrgKind::kVcse, "vcse"},
                               {OrgKind::kAgency, "agency"}};

}  // namespace

std::string_view ToString(OrgKind kind) {
  for (const auto& k : kKinds)
    if (k.kind == kind) return k.code;
  return "unknown";
}

std::optional<OrgKind> ParseOrgKind(std::string_view text) {
  for (const auto& k : kKinds)
    if (k.code == text) return k.kind;
  return std::nullopt;
}

std::string_view ToString(Role role) {
  for (const auto& r : kRoles)
    if (r.role == role) return r.code;
  return "unknown";
}

std::string_view Label(Role role) {
  for (const auto& r : kRoles)
    if (r.role == role) return r.label;
  return "unknown";
}

std::optional<Role> ParseRole(std::string_view text) {
  for (const auto& r : kRoles)
    if (r.code == text) return r.role;
  return std::nullopt;
}

std::vector<std::string> AreaCodes(const Organisation& org) {
  std::vector<std::string> out;
  std::string_view rest = org.areas;
  while (!rest.empty()) {
    std::size_t comma = rest.find(',');
    std::string_view code = rest.substr(0, comma);
    if (!code.empty()) out.emplace_back(code);
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
  }
  return out;
}

}  // namespace linkway
