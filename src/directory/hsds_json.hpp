// The directory's records as Open Referral HSDS 3.0 JSON, out (the read API, the edit history)
// and in (imports, the JSON kept in a service's row). Empty optional fields are left out, as
// the Open Referral UK profile asks. A confidential location is written as its area only: no
// address, no latitude or longitude. Thread safety: pure functions.
#pragma once

#include <boost/json.hpp>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/status.hpp"
#include "directory/service.hpp"
#include "directory/taxonomy.hpp"

namespace linkway {

// A term by id, or nullptr.
using TermLookup = std::function<const TaxonomyTerm*(const std::string&)>;

enum class HsdsDetail { kList, kFull };

boost::json::object HsdsService(const Service& s, const TermLookup& terms, HsdsDetail detail);
boost::json::object HsdsOrganization(const Organization& o);
boost::json::object HsdsTaxonomy(const Taxonomy& t);
boost::json::object HsdsTerm(const TaxonomyTerm& t, const Taxonomy* taxonomy);
boost::json::object HsdsLocation(const Location& l, const std::string& org_id);
// A service_at_location: its location, and with kFull the service.
boost::json::object HsdsServiceAtLocation(const Service& s, const Location& l,
                                          const TermLookup& terms, HsdsDetail detail);

// The one-to-many details a service row keeps as JSON (schedules, phones, contacts, cost
// options, service areas, languages), and back.
std::string DetailsJson(const Service& s);
void ReadDetails(std::string_view json, Service& s);

// What an HSDS service record brings with it.
struct HsdsRecord {
  Service service;
  std::optional<Organization> organization;
  std::vector<TaxonomyTerm> terms;      // taxonomy_term objects in its attributes
  std::optional<Taxonomy> taxonomy;     // the first term's taxonomy, when given
  std::optional<std::string> postcode;  // of its first location, for places not given
};
// Reads an HSDS 3.0 service (full or list form). Every field of the wrong type is a field error
// named by path (prefixed by `where`); the record is then checked with CheckService.
Result<HsdsRecord> ServiceFromHsds(const boost::json::object& o);

// The objects of array member `key` of `o` (none when absent or null); a field error at
// `path` + key (or its [i]) in `errors` when it is not an array of objects.
std::vector<const boost::json::object*> ObjectsAt(const boost::json::object& o,
                                                  std::string_view key, const std::string& path,
                                                  FieldErrors& errors);

}  // namespace linkway
