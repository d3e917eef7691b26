// Reading the files of a directory import (import.hpp): JSON files of services (HSDS 3.0 or
// Open Referral UK v1), the dispatch of a tabular package's files, and the checks every record
// passes whatever its format.
#include "directory/import.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "core/text.hpp"
#include "directory/import_parts.hpp"

namespace linkway {
namespace import_parts {

Status Problem(const std::vector<FieldError>& errors, const Origins& origins) {
  std::vector<FieldError> named;
  std::string text;
  for (const auto& e : errors) {
    std::string field = origins.Name(e.field);
    std::string line = field.empty()          ? e.message
                       : field.ends_with(' ') ? field + e.message
                                              : field + " " + e.message;
    text += (text.empty() ? "" : "; ") + line;
    named.push_back({field, e.message});
  }
  return Status::Invalid(text, std::move(named));
}

ImportedRecord Refused(std::string where, std::string why) {
  return {std::move(where), std::nullopt, {}, Status::Invalid(std::move(why))};
}

std::string Basename(const std::string& name) {
  auto slash = name.find_last_of('/');
  return slash == std::string::npos ? name : name.substr(slash + 1);
}

std::string Folder(const std::string& name) {
  auto slash = name.find_last_of('/');
  return slash == std::string::npos ? std::string() : name.substr(0, slash + 1);
}

std::string Str(const json::value* v) {
  if (!v) return {};
  if (v->is_string()) return std::string(v->get_string());
  if (v->is_int64() || v->is_uint64()) return json::serialize(*v);
  return {};
}

std::string Str(const json::object& o, std::string_view key) { return Str(o.if_contains(key)); }

// The parsed text, or why it is not JSON (with the line and column).
std::optional<json::value> ParseJson(std::string_view text, std::string& why) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  json::parser p;
  boost::system::error_code ec;
  std::size_t used = p.write(text.data(), text.size(), ec);
  if (!ec) return p.release();
  used = std::min(used, text.size());
  std::size_t line = 1 + std::count(text.begin(), text.begin() + used, '\n');
  std::size_t from = text.rfind('\n', used == 0 ? 0 : used - 1);
  std::size_t column = from == std::string_view::npos || used == 0 ? used + 1 : used - from;
  why = "is not valid JSON: " + ec.message() + " at line " + std::to_string(line) + ", column " +
        std::to_string(column);
  return std::nullopt;
}

namespace {

std::vector<Taxonomy> TaxonomiesOf(const json::object& o) {
  std::vector<Taxonomy> out;
  const auto* attrs = o.if_contains("attributes");
  if (!attrs || !attrs->is_array()) return out;
  for (const auto& a : attrs->get_array()) {
    const auto* term = a.is_object() ? a.get_object().if_contains("taxonomy_term") : nullptr;
    const auto* detail =
        term && term->is_object() ? term->get_object().if_contains("taxonomy_detail") : nullptr;
    if (!detail || !detail->is_object()) continue;
    const auto& d = detail->get_object();
    Taxonomy t{Str(d, "id"), Str(d, "name"), Str(d, "description"), Str(d, "uri"),
               Str(d, "version")};
    bool seen =
        std::any_of(out.begin(), out.end(), [&](const Taxonomy& x) { return x.id == t.id; });
    if (IsUuid(t.id) && !t.name.empty() && !seen) out.push_back(std::move(t));
  }
  return out;
}

void CheckOrganization(const HsdsRecord& rec, std::vector<FieldError>& errors) {
  const Service& s = rec.service;
  if (!rec.organization) {
    if (s.organization_id.empty()) errors.push_back({"", "has no organization"});
    return;
  }
  const Organization& o = *rec.organization;
  FieldErrors e;
  if (!IsUuid(o.id)) e.Add("organization.id", "must be a uuid (such as 3f2b6c1e-...)");
  if (o.id != s.organization_id) e.Add("organization.id", "must be the service's organization_id");
  if (Trim(o.name).empty()) e.Add("organization.name", "is required");
  if (o.name.size() > kMaxName) e.Add("organization.name", "is too long");
  CheckStorable(e, "organization.name", o.name);
  CheckStorable(e, "organization.description", o.description, true);
  for (const auto& f : e.list()) errors.push_back(f);
}

}  // namespace

// Reads the HSDS 3.0 object `o` (built from whatever the file held) into a record.
ImportedRecord Finish(std::string where, const json::object& o, const Origins& origins,
                      const FieldErrors& found) {
  ImportedRecord out{std::move(where), std::nullopt, {}, Status::Ok()};
  std::vector<FieldError> errors = found.list();
  auto read = ServiceFromHsds(o);
  if (!read.ok()) {
    if (read.status().fields().empty()) errors.push_back({"", read.status().message()});
    for (const auto& f : read.status().fields()) errors.push_back(f);
  } else {
    CheckOrganization(*read, errors);
  }
  if (!errors.empty()) {
    out.problem = Problem(errors, origins);
    return out;
  }
  out.taxonomies = TaxonomiesOf(o);
  out.record = std::move(read).value();
  return out;
}

}  // namespace import_parts

namespace {

using namespace import_parts;

void ReadService(std::string where, const json::object& o, std::vector<ImportedRecord>& out) {
  if (auto id = Str(o, "id"); !id.empty()) where += " (id " + id + ")";
  if (!LooksV1(o)) {
    out.push_back(Finish(std::move(where), o, {}, {}));
    return;
  }
  Origins origins;
  FieldErrors errors;
  json::object h = V1Service(o, origins, errors);
  out.push_back(Finish(std::move(where), h, origins, errors));
}

void ReadJsonFile(const ImportFile& f, std::vector<ImportedRecord>& out) {
  std::string why;
  auto doc = ParseJson(f.text, why);
  if (!doc) {
    out.push_back(Refused(f.name, why));
    return;
  }
  const json::array* list = nullptr;
  if (doc->is_array()) {
    list = &doc->get_array();
  } else if (doc->is_object()) {
    for (std::string_view key : {"contents", "content"}) {
      if (const auto* v = doc->get_object().if_contains(key); v && v->is_array())
        list = &v->get_array();
    }
    if (!list) {
      ReadService(f.name + " record 1", doc->get_object(), out);
      return;
    }
  } else {
    out.push_back(Refused(f.name, "is not a service, a list of services or a page of them"));
    return;
  }
  std::size_t n = 0;
  for (const auto& item : *list) {
    std::string where = f.name + " record " + std::to_string(++n);
    if (item.is_object()) {
      ReadService(where, item.get_object(), out);
    } else {
      out.push_back(Refused(where, "must be an object (a service)"));
    }
  }
}

}  // namespace

std::vector<ImportedRecord> ParseImport(const std::vector<ImportFile>& files) {
  std::vector<ImportedRecord> out;
  std::set<std::string> packages_read;
  for (const auto& f : files) {
    std::string base = Basename(f.name);
    bool tabular = base == "datapackage.json" || (base.size() > 4 && base.ends_with(".csv"));
    if (!tabular) {
      ReadJsonFile(f, out);
      continue;
    }
    // A package: every CSV and datapackage.json in the same folder, read when the first is met.
    std::string folder = Folder(f.name);
    if (!packages_read.insert(folder).second) continue;
    std::vector<const ImportFile*> members;
    for (const auto& g : files) {
      std::string b = Basename(g.name);
      if (Folder(g.name) == folder && (b == "datapackage.json" || b.ends_with(".csv")))
        members.push_back(&g);
    }
    for (auto& r : ReadPackage(members)) out.push_back(std::move(r));
  }
  // A service given twice would be written twice in one import: the first one counts.
  std::map<std::string, std::string> seen;
  for (auto& r : out) {
    if (!r.record) continue;
    auto [it, added] = seen.emplace(r.record->service.id, r.where);
    if (!added) {
      r.record.reset();
      r.problem = Status::Invalid("repeats the service id of " + it->second,
                                  {{"id", "repeats the service id of " + it->second}});
    }
  }
  return out;
}

}  // namespace linkway
