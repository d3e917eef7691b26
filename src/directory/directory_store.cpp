#include "directory/directory_store.hpp"

#include <map>
#include <unordered_map>

#include "directory/hsds_json.hpp"
#include "reference/organisations.hpp"
#include "reference/postcodes.hpp"

namespace linkway::directory {
namespace {

constexpr std::string_view kOrgColumns =
    "SELECT d.hsds_id, o.code, o.name, d.description, d.email, d.website FROM organisations o "
    "JOIN organization_details d ON d.org_code = o.code ";

Organization ReadOrg(sql::Query& q) {
  return {q.Text(0), q.Text(1), q.Text(2), q.Text(3), q.Text(4), q.Text(5)};
}

constexpr std::string_view kServiceColumns =
    "SELECT s.id, s.org_code, o.name, COALESCE(d.hsds_id, ''), s.name, s.alternate_name, "
    "s.description, s.url, s.email, s.status, s.application_process, s.fees_description, "
    "s.eligibility_description, s.minimum_age, s.maximum_age, s.assured_date, "
    "s.accepts_referrals, s.last_modified, s.details, COALESCE(c.state, 'accepting'), "
    "COALESCE(c.wait_weeks, 0), COALESCE(c.updated_at, 0), COALESCE(c.updated_by, '') "
    "FROM services s JOIN organisations o ON o.code = s.org_code "
    "LEFT JOIN organization_details d ON d.org_code = s.org_code "
    "LEFT JOIN service_capacity c ON c.service_id = s.id ";

Service ReadService(sql::Query& q) {
  Service s;
  s.id = q.Text(0);
  s.org_code = q.Text(1);
  s.organization_name = q.Text(2);
  s.organization_id = q.Text(3);
  s.name = q.Text(4);
  s.alternate_name = q.Text(5);
  s.description = q.Text(6);
  s.url = q.Text(7);
  s.email = q.Text(8);
  s.status = q.Text(9);
  s.application_process = q.Text(10);
  s.fees_description = q.Text(11);
  s.eligibility_description = q.Text(12);
  if (!q.IsNull(13)) s.minimum_age = static_cast<int>(q.Int(13));
  if (!q.IsNull(14)) s.maximum_age = static_cast<int>(q.Int(14));
  s.assured_date = q.Text(15);
  s.accepts_referrals = q.Int(16) != 0;
  s.last_modified = q.Int(17);
  ReadDetails(q.Text(18), s);
  s.capacity = {q.Text(19), static_cast<int>(q.Int(20)), q.Int(21), q.Text(22)};
  return s;
}

constexpr std::string_view kLocationColumns =
    "SELECT a.service_id, a.id, l.id, l.name, l.description, l.lat_e6, l.lon_e6, l.confidential, "
    "l.area, l.address_1, l.city, l.region, l.state_province, l.postal_code, l.country, "
    "l.accessibility FROM service_at_locations a JOIN locations l ON l.id = a.location_id ";

Location ReadLocation(sql::Query& q) {
  Location l;
  l.service_at_location = q.Text(1);
  l.id = q.Text(2);
  l.name = q.Text(3);
  l.description = q.Text(4);
  if (!q.IsNull(5) && !q.IsNull(6)) {
    l.place = GeoPoint{FromMicroDegrees(q.Int(5)), FromMicroDegrees(q.Int(6))};
  }
  l.confidential = q.Int(7) != 0;
  l.area = q.Text(8);
  l.address = {q.Text(9), q.Text(10), q.Text(11), q.Text(12), q.Text(13), q.Text(14)};
  l.accessibility = q.Text(15);
  return l;
}

void FillChildren(sql::Connection& c, Service& s) {
  sql::Query l(c, std::string(kLocationColumns) + "WHERE a.service_id = $1 ORDER BY a.position",
               s.id);
  while (l.Step()) s.locations.push_back(ReadLocation(l));
  sql::Query a(c, "SELECT taxonomy_term_id FROM attributes WHERE link_id = $1 ORDER BY position",
               s.id);
  while (a.Step()) s.term_ids.push_back(a.Text(0));
}

template <typename T>
void BindOptional(sql::Query& q, int i, const std::optional<T>& v) {
  if (v) {
    q.Bind(i, static_cast<std::int64_t>(*v));
  } else {
    q.Bind(i, std::nullopt);
  }
}

}  // namespace

std::optional<Organization> GetOrganization(sql::Connection& c, const std::string& hsds_id) {
  sql::Query q(c, std::string(kOrgColumns) + "WHERE d.hsds_id = $1", hsds_id);
  if (!q.Step()) return std::nullopt;
  return ReadOrg(q);
}

std::optional<Organization> OrganizationByCode(sql::Connection& c, const std::string& code) {
  sql::Query q(c, std::string(kOrgColumns) + "WHERE o.code = $1", code);
  if (!q.Step()) return std::nullopt;
  return ReadOrg(q);
}

std::vector<Organization> ListOrganizations(sql::Connection& c) {
  sql::Query q(c, std::string(kOrgColumns) + "ORDER BY o.name, d.hsds_id");
  std::vector<Organization> out;
  while (q.Step()) out.push_back(ReadOrg(q));
  return out;
}

int AdoptOrganisations(sql::Tx& tx, UnixSeconds now) {
  std::vector<std::string> codes;
  {
    sql::Query q(tx,
                 "SELECT o.code FROM organisations o LEFT JOIN organization_details d "
                 "ON d.org_code = o.code WHERE o.kind = 'vcse' AND d.org_code IS NULL "
                 "ORDER BY o.code");
    while (q.Step()) codes.push_back(q.Text(0));
  }
  for (const auto& code : codes) {
    sql::Query(tx,
               "INSERT INTO organization_details (org_code, hsds_id, description, email, "
               "website, updated_at) VALUES ($1, $2, '', '', '', $3)",
               code, NameUuid("linkway:organisation:" + code), now)
        .Run();
  }
  return static_cast<int>(codes.size());
}

void PutOrganization(sql::Tx& tx, const Organization& o, const std::string& icb, UnixSeconds now) {
  sql::Query(
      tx,
      "INSERT INTO organisations (code, kind, name, parent_code, postcode) "
      "VALUES ($1, 'vcse', $2, $3, '') ON CONFLICT (code) DO UPDATE SET name = excluded.name",
      o.code, o.name, icb)
      .Run();
  sql::Query(tx,
             "INSERT INTO organization_details (org_code, hsds_id, description, email, website, "
             "updated_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (org_code) DO UPDATE SET "
             "description = excluded.description, email = excluded.email, "
             "website = excluded.website, updated_at = excluded.updated_at",
             o.code, o.id, o.description, o.email, o.website, now)
      .Run();
  tx.Notify(kOrganisationsChanged);
}

void PutTaxonomy(sql::Tx& tx, const Taxonomy& t) {
  sql::Query(tx,
             "INSERT INTO taxonomies (id, name, description, uri, version) VALUES ($1, $2, $3, "
             "$4, $5) ON CONFLICT (id) DO UPDATE SET name = excluded.name, description = "
             "excluded.description, uri = excluded.uri, version = excluded.version",
             t.id, t.name, t.description, t.uri, t.version)
      .Run();
}

void PutTerm(sql::Tx& tx, const TaxonomyTerm& t) {
  sql::Query q(tx,
               "INSERT INTO taxonomy_terms (id, code, name, description, parent_id, taxonomy_id) "
               "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO UPDATE SET code = "
               "excluded.code, name = excluded.name, description = excluded.description, "
               "parent_id = excluded.parent_id, taxonomy_id = excluded.taxonomy_id",
               t.id, t.code, t.name, t.description);
  q.Bind(5, t.parent_id.empty() ? std::optional<std::string>() : t.parent_id);
  q.Bind(6, t.taxonomy_id);
  q.Run();
}

std::vector<Taxonomy> ListTaxonomies(sql::Connection& c) {
  sql::Query q(c, "SELECT id, name, description, uri, version FROM taxonomies ORDER BY name, id");
  std::vector<Taxonomy> out;
  while (q.Step()) out.push_back({q.Text(0), q.Text(1), q.Text(2), q.Text(3), q.Text(4)});
  return out;
}

std::vector<TaxonomyTerm> ListTerms(sql::Connection& c) {
  sql::Query q(c,
               "SELECT id, code, name, description, COALESCE(parent_id, ''), taxonomy_id "
               "FROM taxonomy_terms ORDER BY taxonomy_id, code COLLATE \"C\", id");
  std::vector<TaxonomyTerm> out;
  while (q.Step()) {
    out.push_back({q.Text(0), q.Text(1), q.Text(2), q.Text(3), q.Text(4), q.Text(5)});
  }
  return out;
}

void PutService(sql::Tx& tx, const Service& s) {
  sql::Query q(tx,
               "INSERT INTO services (id, org_code, name, alternate_name, description, url, "
               "email, status, application_process, fees_description, eligibility_description, "
               "minimum_age, maximum_age, assured_date, accepts_referrals, last_modified, "
               "details) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, "
               "$15, $16, $17) ON CONFLICT (id) DO UPDATE SET org_code = excluded.org_code, "
               "name = excluded.name, alternate_name = excluded.alternate_name, "
               "description = excluded.description, url = excluded.url, email = excluded.email, "
               "status = excluded.status, application_process = excluded.application_process, "
               "fees_description = excluded.fees_description, "
               "eligibility_description = excluded.eligibility_description, "
               "minimum_age = excluded.minimum_age, maximum_age = excluded.maximum_age, "
               "assured_date = excluded.assured_date, "
               "accepts_referrals = excluded.accepts_referrals, "
               "last_modified = excluded.last_modified, details = excluded.details",
               s.id, s.org_code, s.name, s.alternate_name, s.description, s.url, s.email, s.status,
               s.application_process, s.fees_description, s.eligibility_description);
  BindOptional(q, 12, s.minimum_age);
  BindOptional(q, 13, s.maximum_age);
  q.Bind(14, s.assured_date).Bind(15, s.accepts_referrals).Bind(16, s.last_modified);
  q.Bind(17, DetailsJson(s));
  q.Run();
  sql::Query(tx, "DELETE FROM service_at_locations WHERE service_id = $1", s.id).Run();
  sql::Query(tx, "DELETE FROM attributes WHERE link_id = $1", s.id).Run();
  int position = 0;
  for (const auto& l : s.locations) {
    sql::Query lq(tx,
                  "INSERT INTO locations (id, org_code, name, description, lat_e6, lon_e6, "
                  "confidential, area, address_1, city, region, state_province, postal_code, "
                  "country, accessibility) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, "
                  "$12, $13, $14, $15) ON CONFLICT (id) DO UPDATE SET name = excluded.name, "
                  "description = excluded.description, lat_e6 = excluded.lat_e6, "
                  "lon_e6 = excluded.lon_e6, confidential = excluded.confidential, "
                  "area = excluded.area, address_1 = excluded.address_1, city = excluded.city, "
                  "region = excluded.region, state_province = excluded.state_province, "
                  "postal_code = excluded.postal_code, country = excluded.country, "
                  "accessibility = excluded.accessibility",
                  l.id, s.org_code, l.name, l.description);
    if (l.place) {
      lq.Bind(5, ToMicroDegrees(l.place->lat)).Bind(6, ToMicroDegrees(l.place->lon));
    } else {
      lq.Bind(5, std::nullopt).Bind(6, std::nullopt);
    }
    lq.Bind(7, l.confidential).Bind(8, l.area).Bind(9, l.address.address_1);
    lq.Bind(10, l.address.city).Bind(11, l.address.region).Bind(12, l.address.state_province);
    lq.Bind(13, l.address.postal_code).Bind(14, l.address.country).Bind(15, l.accessibility);
    lq.Run();
    std::string link =
        l.service_at_location.empty() ? NameUuid(s.id + ":at:" + l.id) : l.service_at_location;
    sql::Query(tx,
               "INSERT INTO service_at_locations (id, service_id, location_id, position) "
               "VALUES ($1, $2, $3, $4)",
               link, s.id, l.id, position++)
        .Run();
  }
  position = 0;
  for (const auto& t : s.term_ids) {
    sql::Query(tx,
               "INSERT INTO attributes (id, link_id, link_type, taxonomy_term_id, position) "
               "VALUES ($1, $2, 'service', $3, $4)",
               NameUuid(s.id + ":attribute:" + t), s.id, t, position++)
        .Run();
  }
  SetCapacity(tx, s.id, s.capacity);
}

void SetCapacity(sql::Tx& tx, const std::string& service_id, const Capacity& c) {
  sql::Query(tx,
             "INSERT INTO service_capacity (service_id, state, wait_weeks, updated_at, "
             "updated_by) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (service_id) DO UPDATE SET "
             "state = excluded.state, wait_weeks = excluded.wait_weeks, "
             "updated_at = excluded.updated_at, updated_by = excluded.updated_by",
             service_id, c.state, c.wait_weeks, c.updated_at, c.updated_by)
      .Run();
}

std::optional<Service> GetService(sql::Connection& c, const std::string& id) {
  sql::Query q(c, std::string(kServiceColumns) + "WHERE s.id = $1", id);
  if (!q.Step()) return std::nullopt;
  Service s = ReadService(q);
  FillChildren(c, s);
  return s;
}

std::vector<Service> GetServices(sql::Connection& c, const std::vector<std::string>& ids) {
  std::vector<Service> out;
  for (const auto& id : ids) {
    if (auto s = GetService(c, id)) out.push_back(std::move(*s));
  }
  return out;
}

void EachService(sql::Connection& c, const std::function<void(Service&&)>& each) {
  // Three ordered reads merged by service id, not a query per service.
  std::unordered_map<std::string, std::vector<Location>> locations;
  {
    sql::Query l(c, std::string(kLocationColumns) + "ORDER BY a.service_id, a.position");
    while (l.Step()) locations[l.Text(0)].push_back(ReadLocation(l));
  }
  std::unordered_map<std::string, std::vector<std::string>> terms;
  {
    sql::Query a(c, "SELECT link_id, taxonomy_term_id FROM attributes ORDER BY link_id, position");
    while (a.Step()) terms[a.Text(0)].push_back(a.Text(1));
  }
  sql::Query q(c, std::string(kServiceColumns) + "ORDER BY s.id COLLATE \"C\"");
  while (q.Step()) {
    Service s = ReadService(q);
    if (auto it = locations.find(s.id); it != locations.end()) s.locations = std::move(it->second);
    if (auto it = terms.find(s.id); it != terms.end()) s.term_ids = std::move(it->second);
    each(std::move(s));
  }
}

std::vector<Service> ServicesOf(sql::Connection& c, const std::string& org_code) {
  std::vector<std::string> ids;
  {
    sql::Query q(c, "SELECT id FROM services WHERE org_code = $1 ORDER BY name, id", org_code);
    while (q.Step()) ids.push_back(q.Text(0));
  }
  return GetServices(c, ids);
}

std::int64_t CountServices(sql::Connection& c) {
  sql::Query q(c, "SELECT COUNT(*) FROM services");
  q.Step();
  return q.Int(0);
}

void AddEdit(sql::Tx& tx, const std::string& service_id, UnixSeconds at,
             std::optional<std::int64_t> user_id, const std::string& source,
             const std::string& summary, const std::string& before, const std::string& after) {
  sql::Query q(tx,
               "INSERT INTO service_edits (service_id, at, user_id, source, summary, "
               "before_json, after_json) VALUES ($1, $2, $3, $4, $5, $6, $7)",
               service_id, at);
  BindOptional(q, 3, user_id);
  q.Bind(4, source).Bind(5, summary).Bind(6, before).Bind(7, after);
  q.Run();
}

std::vector<Edit> Edits(sql::Connection& c, const std::string& service_id) {
  sql::Query q(c,
               "SELECT e.id, e.at, COALESCE(u.display_name, 'Import'), e.source, e.summary, "
               "e.before_json, e.after_json FROM service_edits e LEFT JOIN users u "
               "ON u.id = e.user_id WHERE e.service_id = $1 ORDER BY e.id DESC",
               service_id);
  std::vector<Edit> out;
  while (q.Step()) {
    out.push_back({q.Int(0), q.Int(1), q.Text(2), q.Text(3), q.Text(4), q.Text(5), q.Text(6)});
  }
  return out;
}

}  // namespace linkway::directory
