#include "reference/organisations.hpp"

namespace linkway {
namespace {

constexpr std::string_view kSelect =
    "SELECT code, kind, name, COALESCE(parent_code, ''), postcode, areas FROM organisations ";
constexpr std::string_view kPut =
    "INSERT INTO organisations (code, kind, name, parent_code, postcode, areas) "
    "VALUES ($1, $2, $3, NULLIF($4, ''), $5, $6) ON CONFLICT (code) DO UPDATE SET "
    "kind = excluded.kind, name = excluded.name, parent_code = excluded.parent_code, "
    "postcode = excluded.postcode, areas = excluded.areas";
constexpr std::string_view kGet = "WHERE code = $1";
constexpr std::string_view kList = "WHERE $1 = '' OR kind = $1 ORDER BY kind, code COLLATE \"C\"";
constexpr std::string_view kCount = "SELECT COUNT(*) FROM organisations";

Organisation From(const sql::Query& q) {
  return {q.Text(0), ParseOrgKind(q.Text(1)).value_or(OrgKind::kPractice),
          q.Text(2), q.Text(3),
          q.Text(4), q.Text(5)};
}

}  // namespace

Status Organisations::Put(const Organisation& org) { return PutAll({org}); }

Status Organisations::PutAll(const std::vector<Organisation>& orgs) {
  if (orgs.empty()) return Status::Ok();
  return db_.Write([&](sql::Tx& tx) -> Status {
    for (const auto& org : orgs) {
      if (Status s = PutOne(tx, org); !s.ok()) return s;
    }
    tx.Notify(kOrganisationsChanged);
    return Status::Ok();
  });
}

Status Organisations::PutOne(sql::Tx& tx, const Organisation& org) {
  {
    // An agency's area is PCNs or the ICB; nothing else has one.
    if (org.kind != OrgKind::kAgency && !org.areas.empty()) {
      return Status::Invalid("the organisation has errors",
                             {{"areas", "only an agency has an area"}});
    }
    // A practice belongs to a PCN, a PCN or community organisation to the ICB; an ICB and an
    // agency to nothing (an agency has its area instead).
    std::optional<OrgKind> parent_kind;
    if (org.kind == OrgKind::kPractice) parent_kind = OrgKind::kPcn;
    if (org.kind == OrgKind::kPcn || org.kind == OrgKind::kVcse) parent_kind = OrgKind::kIcb;
    if (!org.parent_code.empty()) {
      sql::Query parent(tx, std::string(kSelect) + std::string(kGet), org.parent_code);
      if (org.parent_code == org.code || !parent.Step() || !parent_kind ||
          From(parent).kind != *parent_kind) {
        return Status::Invalid("the organisation has errors",
                               {{"parent", parent_kind ? "must be the code of its " +
                                                             std::string(ToString(*parent_kind))
                                                       : "must be empty for this kind"}});
      }
    }
    for (const auto& code : AreaCodes(org)) {
      sql::Query area(tx, std::string(kSelect) + std::string(kGet), code);
      if (!area.Step()) {
        return Status::Invalid("the organisation has errors",
                               {{"areas", "no organisation with code " + code}});
      }
      OrgKind kind = From(area).kind;
      if (kind != OrgKind::kPcn && kind != OrgKind::kIcb) {
        return Status::Invalid("the organisation has errors",
                               {{"areas", code + " is not a PCN or the ICB"}});
      }
    }
    sql::Query(tx, kPut, org.code, ToString(org.kind), org.name, org.parent_code, org.postcode,
               org.areas)
        .Run();
    return Status::Ok();
  }
}

Result<Organisation> Organisations::Get(std::string_view code) {
  return db_.Read([&](sql::Connection& c) -> Result<Organisation> {
    sql::Query q(c, std::string(kSelect) + std::string(kGet), code);
    if (!q.Step()) return Status::NotFound("no organisation with that code");
    return From(q);
  });
}

Result<std::vector<Organisation>> Organisations::List(std::optional<OrgKind> kind) {
  return db_.Read([&](sql::Connection& c) -> Result<std::vector<Organisation>> {
    sql::Query q(c, std::string(kSelect) + std::string(kList),
                 kind ? ToString(*kind) : std::string_view());
    std::vector<Organisation> out;
    while (q.Step()) out.push_back(From(q));
    return out;
  });
}

Result<bool> Organisations::IsEmpty() {
  return db_.Read([&](sql::Connection& c) -> Result<bool> {
    sql::Query q(c, kCount);
    q.Step();
    return q.Int(0) == 0;
  });
}

}  // namespace linkway
