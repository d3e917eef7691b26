// Internal to the directory module: its SQL, written once for both backends, as functions
// over a connection or a write transaction. Thread safety: as the connection's.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "directory/service.hpp"
#include "directory/taxonomy.hpp"
#include "store/sql.hpp"

namespace linkway::directory {

// Organisations: the organisations row (kind vcse) is the HSDS organization; its details here.
std::optional<Organization> GetOrganization(sql::Connection& c, const std::string& hsds_id);
std::optional<Organization> OrganizationByCode(sql::Connection& c, const std::string& code);
std::vector<Organization> ListOrganizations(sql::Connection& c);
// Gives every VCSE organisation without details its HSDS id (NameUuid of its code); returns how
// many it gave.
int AdoptOrganisations(sql::Tx& tx, UnixSeconds now);
// Adds or updates the organisation and its details; a new one becomes a VCSE under `icb`.
void PutOrganization(sql::Tx& tx, const Organization& o, const std::string& icb, UnixSeconds now);

void PutTaxonomy(sql::Tx& tx, const Taxonomy& t);
void PutTerm(sql::Tx& tx, const TaxonomyTerm& t);
std::vector<Taxonomy> ListTaxonomies(sql::Connection& c);
std::vector<TaxonomyTerm> ListTerms(sql::Connection& c);

// The whole service: its row, locations and links, attributes and capacity.
void PutService(sql::Tx& tx, const Service& s);
std::optional<Service> GetService(sql::Connection& c, const std::string& id);
// The services with these ids, in the order given (missing ones left out).
std::vector<Service> GetServices(sql::Connection& c, const std::vector<std::string>& ids);
// Every service, in id order, one at a time.
void EachService(sql::Connection& c, const std::function<void(Service&&)>& each);
std::vector<Service> ServicesOf(sql::Connection& c, const std::string& org_code);
void SetCapacity(sql::Tx& tx, const std::string& service_id, const Capacity& capacity);
std::int64_t CountServices(sql::Connection& c);

struct Edit {
  std::int64_t id = 0;
  UnixSeconds at = 0;
  std::string by;      // the user's name, or the import
  std::string source;  // "edit", "capacity", "import"
  std::string summary;
  std::string before_json;
  std::string after_json;
};
void AddEdit(sql::Tx& tx, const std::string& service_id, UnixSeconds at,
             std::optional<std::int64_t> user_id, const std::string& source,
             const std::string& summary, const std::string& before, const std::string& after);
std::vector<Edit> Edits(sql::Connection& c, const std::string& service_id);

}  // namespace linkway::directory
