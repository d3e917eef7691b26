// Taxonomies and their terms (HSDS taxonomy, taxonomy_term), and the social prescribing
// taxonomy Linkway ships as data (data/directory/taxonomy.json, compiled in).
// Thread safety: plain data and pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.hpp"

namespace linkway {

struct Taxonomy {
  std::string id;
  std::string name;
  std::string description;
  std::string uri;
  std::string version;
};

struct TaxonomyTerm {
  std::string id;
  std::string code;  // "green_nature"
  std::string name;
  std::string description;
  std::string parent_id;  // "" at the top
  std::string taxonomy_id;
};

struct TaxonomyFile {
  Taxonomy taxonomy;
  std::vector<TaxonomyTerm> terms;
};

// Reads `{"taxonomy": {...}, "terms": [...]}`; kInvalid naming the term and field.
Result<TaxonomyFile> ParseTaxonomy(std::string_view json);
// The shipped social prescribing taxonomy.
const TaxonomyFile& SocialPrescribingTaxonomy();

// The ids of `id` and every term below it.
std::vector<std::string> TermAndChildren(const std::vector<TaxonomyTerm>& terms,
                                         const std::string& id);

}  // namespace linkway
