#include "directory/taxonomy.hpp"

#include <boost/json.hpp>

#include "core/embedded.hpp"
#include "directory/service.hpp"

namespace linkway {

const EmbeddedFiles& TaxonomyFiles();  // generated from data/directory/taxonomy.json

namespace {

std::string Member(const boost::json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

}  // namespace

Result<TaxonomyFile> ParseTaxonomy(std::string_view text) {
  boost::system::error_code ec;
  auto doc = boost::json::parse(text, ec);
  if (ec || !doc.is_object()) return Status::Invalid("the taxonomy file is not a JSON object");
  const auto& root = doc.get_object();
  const auto* tax = root.if_contains("taxonomy");
  const auto* terms = root.if_contains("terms");
  if (!tax || !tax->is_object() || !terms || !terms->is_array()) {
    return Status::Invalid("the taxonomy file needs a \"taxonomy\" object and a \"terms\" array");
  }
  TaxonomyFile out;
  const auto& t = tax->get_object();
  out.taxonomy = {Member(t, "id"), Member(t, "name"), Member(t, "description"), Member(t, "uri"),
                  Member(t, "version")};
  if (!IsUuid(out.taxonomy.id) || out.taxonomy.name.empty()) {
    return Status::Invalid("taxonomy: needs a uuid id and a name");
  }
  int i = 0;
  for (const auto& v : terms->get_array()) {
    std::string where = "terms[" + std::to_string(i++) + "]";
    if (!v.is_object()) return Status::Invalid(where + ": must be an object");
    const auto& o = v.get_object();
    TaxonomyTerm term{Member(o, "id"),          Member(o, "code"),      Member(o, "name"),
                      Member(o, "description"), Member(o, "parent_id"), out.taxonomy.id};
    if (!IsUuid(term.id)) return Status::Invalid(where + ".id: must be a uuid");
    if (term.code.empty() || term.name.empty()) {
      return Status::Invalid(where + ": needs a code and a name");
    }
    out.terms.push_back(std::move(term));
  }
  return out;
}

const TaxonomyFile& SocialPrescribingTaxonomy() {
  static const TaxonomyFile kFile = [] {
    const auto& files = TaxonomyFiles();
    auto it = files.find("taxonomy.json");
    if (it == files.end()) return TaxonomyFile{};
    auto parsed = ParseTaxonomy(it->second);
    return parsed.ok() ? *parsed : TaxonomyFile{};
  }();
  return kFile;
}

std::vector<std::string> TermAndChildren(const std::vector<TaxonomyTerm>& terms,
                                         const std::string& id) {
  std::vector<std::string> out = {id};
  for (std::size_t i = 0; i < out.size(); ++i) {
    for (const auto& t : terms) {
      if (t.parent_id == out[i]) out.push_back(t.id);
    }
  }
  return out;
}

}  // namespace linkway
