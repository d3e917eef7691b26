// Who may see which practices' figures, and the SQL that limits the counts to them.
#include "insight/insight.hpp"

namespace linkway {
namespace {

bool IcbWide(const Principal& who) {
  return who.role == Role::kCommissioner ||
         (who.role == Role::kAdmin && who.org_kind == OrgKind::kIcb);
}
bool PcnStaff(const Principal& who) {
  return (who.role == Role::kLinkWorker || who.role == Role::kAdmin) &&
         who.org_kind == OrgKind::kPcn && !who.pcn_code.empty();
}
bool PracticeStaff(const Principal& who) {
  return (who.role == Role::kReferrer || who.role == Role::kAdmin) &&
         who.org_kind == OrgKind::kPractice;
}

}  // namespace

std::string Shown::Text() const {
  if (!suppressed) return std::to_string(count);
  return secondary ? "*" : "<5";
}

Result<Scope> Insight::ResolveScope(const Principal& who, const std::string& key,
                                    bool practice_staff) {
  bool icb_wide = IcbWide(who);
  bool pcn_staff = PcnStaff(who);
  bool own_practice = practice_staff && PracticeStaff(who);
  if (!icb_wide && !pcn_staff && !own_practice) {
    return Status::Forbidden("these figures are for commissioners and PCN staff");
  }
  std::string chosen = key;
  if (chosen.empty()) {
    chosen = icb_wide ? "icb" : pcn_staff ? "pcn:" + who.pcn_code : "practice:" + who.org_code;
  }
  Scope scope;
  scope.key = chosen;
  if (chosen == "icb") {
    if (!icb_wide) return Status::NotFound("no such scope");
    scope.level = "icb";
    scope.name = "All practices";
    return scope;
  }
  OrgKind kind;
  if (chosen.rfind("pcn:", 0) == 0) {
    scope.level = "pcn";
    scope.code = chosen.substr(4);
    kind = OrgKind::kPcn;
  } else if (chosen.rfind("practice:", 0) == 0) {
    scope.level = "practice";
    scope.code = chosen.substr(9);
    kind = OrgKind::kPractice;
  } else {
    return Status::Invalid("the query has errors",
                           {{"scope", "must be icb, pcn:CODE or practice:CODE"}});
  }
  auto org = organisations_.Get(scope.code);
  if (!org.ok() || org->kind != kind) return Status::NotFound("no such scope");
  bool allowed = icb_wide ||
                 (pcn_staff && (kind == OrgKind::kPcn ? org->code == who.pcn_code
                                                      : org->parent_code == who.pcn_code)) ||
                 (own_practice && kind == OrgKind::kPractice && org->code == who.org_code);
  if (!allowed) return Status::NotFound("no such scope");
  scope.name = org->name;
  return scope;
}

std::vector<std::pair<std::string, std::string>> Insight::ScopesFor(const Principal& who) {
  std::vector<std::pair<std::string, std::string>> out;
  if (IcbWide(who)) out.emplace_back("icb", "The whole ICB");
  for (const auto& [code, name] : PcnsFor(who)) out.emplace_back("pcn:" + code, name);
  auto practices = organisations_.List(OrgKind::kPractice);
  if (!practices.ok()) return out;
  for (const auto& p : *practices) {
    bool mine = IcbWide(who) || (PcnStaff(who) && p.parent_code == who.pcn_code) ||
                (PracticeStaff(who) && p.code == who.org_code);
    if (mine) out.emplace_back("practice:" + p.code, p.name);
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> Insight::PcnsFor(const Principal& who) {
  std::vector<std::pair<std::string, std::string>> out;
  auto pcns = organisations_.List(OrgKind::kPcn);
  if (!pcns.ok()) return out;
  for (const auto& p : *pcns) {
    if (IcbWide(who) || (PcnStaff(who) && p.code == who.pcn_code)) {
      out.emplace_back(p.code, p.name);
    }
  }
  return out;
}

std::string Insight::CountsKey(const Scope& scope) {
  if (scope.level == "practice") return scope.code;
  return "*" + scope.code;
}

std::string Insight::PracticeFilter(const Scope& scope, int n) {
  std::string at = "$" + std::to_string(n);
  if (scope.level == "pcn") {
    return " AND practice_code IN (SELECT code FROM organisations WHERE parent_code = " + at + ")";
  }
  if (scope.level == "practice") return " AND practice_code = " + at;
  // Every practice: not the PCNs' and the ICB's rows of activity_counts ("*..."). Binds the
  // (empty) code too, to keep one shape.
  return " AND practice_code <> " + at + " AND practice_code NOT LIKE '*%'";
}

Result<std::map<std::string, std::pair<std::int64_t, std::int64_t>>> Insight::Sums(
    const std::string& dimension, const Period& period, const Scope& scope) {
  if (Status s = aggregates_.CatchUp(); !s.ok()) return s;
  using Out = std::map<std::string, std::pair<std::int64_t, std::int64_t>>;
  return db_.Read([&](sql::Connection& c) -> Result<Out> {
    Out out;
    std::string sql =
        "SELECT value, kind, SUM(n) FROM activity_counts WHERE dimension = $1 AND month >= $2 "
        "AND month <= $3 AND practice_code = $4 GROUP BY value, kind";
    for (sql::Query q(c, sql, dimension, period.from, period.to, CountsKey(scope)); q.Step();) {
      auto& row = out[q.Text(0)];
      (q.Text(1) == "referral" ? row.first : row.second) += q.Int(2);
    }
    return out;
  });
}

Result<std::int64_t> Insight::Population(const Scope& scope) {
  return db_.Read([&](sql::Connection& c) -> Result<std::int64_t> {
    std::string sql =
        "SELECT COALESCE(SUM(total), 0) FROM list_sizes WHERE 1 = 1" + PracticeFilter(scope, 1);
    sql::Query q(c, sql, scope.code);
    q.Step();
    return q.Int(0);
  });
}

}  // namespace linkway
