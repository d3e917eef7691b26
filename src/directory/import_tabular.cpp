// The HSDS tabular data package read for the directory import: datapackage.json names the
// tables, each CSV is read by its header, and each row of services.csv becomes an HSDS 3.0
// service object with the rows of the other tables that name it, every field named by its file
// and line.
#include <map>
#include <set>
#include <unordered_map>

#include "core/csv.hpp"
#include "core/text.hpp"
#include "directory/import_parts.hpp"

namespace linkway::import_parts {
namespace {

struct TableKind {
  std::string_view kind;
  std::string_view file;
};
constexpr TableKind kTables[] = {
    {"service", "services.csv"},
    {"organization", "organizations.csv"},
    {"service_at_location", "service_at_location.csv"},
    {"location", "locations.csv"},
    {"address", "addresses.csv"},
    {"accessibility", "accessibility.csv"},
    {"phone", "phones.csv"},
    {"schedule", "schedules.csv"},
    {"contact", "contacts.csv"},
    {"cost_option", "cost_options.csv"},
    {"service_area", "service_areas.csv"},
    {"language", "languages.csv"},
    {"attribute", "attributes.csv"},
    {"taxonomy_term", "taxonomy_terms.csv"},
    {"taxonomy", "taxonomies.csv"},
};
// HSDS tables that say nothing Linkway keeps.
constexpr std::string_view kUnread[] = {"funding",           "program",  "organization_identifier",
                                        "required_document", "metadata", "meta_table_description"};

using Index = std::unordered_map<std::string, std::vector<std::size_t>>;

struct Table {
  std::string file;
  CsvColumns columns{std::vector<std::string>{}};
  std::vector<std::vector<std::string>> rows;
  std::vector<int> lines;
  std::vector<ImportedRecord> bad;  // rows that could not be read, and why
  mutable std::map<std::string, Index, std::less<>> indexes;

  std::string Cell(std::size_t row, std::string_view column) const {
    return Trim(columns.Cell(rows[row], column));
  }
  std::string At(std::size_t row) const { return file + " line " + std::to_string(lines[row]); }
  const std::vector<std::size_t>& Rows(std::string_view column, const std::string& key) const {
    static const std::vector<std::size_t> kNone;
    auto it = indexes.find(column);
    if (it == indexes.end()) {
      Index index;
      for (std::size_t r = 0; r < rows.size(); ++r) index[Cell(r, column)].push_back(r);
      it = indexes.emplace(std::string(column), std::move(index)).first;
    }
    auto found = key.empty() ? it->second.end() : it->second.find(key);
    return found == it->second.end() ? kNone : found->second;
  }
};

Table ReadTable(const ImportFile& f) {
  Table t;
  t.file = f.name;
  CsvReader reader(f.name, f.text);
  std::vector<std::string> cells;
  if (reader.Next(cells)) {
    std::size_t width = cells.size();
    t.columns = CsvColumns(cells);
    while (reader.Next(cells)) {
      std::string at = f.name + " line " + std::to_string(reader.line());
      if (cells.size() > width) {
        t.bad.push_back(Refused(at, "has " + std::to_string(cells.size()) +
                                        " cells where the header has " + std::to_string(width)));
        continue;
      }
      t.rows.push_back(cells);
      t.lines.push_back(reader.line());
    }
  }
  if (!reader.status().ok()) {
    std::string at = f.name + " line " + std::to_string(reader.line());
    std::string why = reader.status().message();
    if (why.starts_with(at + ": ")) why = why.substr(at.size() + 2);
    t.bad.push_back(Refused(at, why));
  }
  return t;
}

class Package {
 public:
  std::vector<ImportedRecord> Read(const std::vector<const ImportFile*>& files) {
    std::map<std::string, std::string> resources;  // file base name -> table
    std::vector<ImportedRecord> out;
    for (const auto* f : files) {
      if (Basename(f->name) == "datapackage.json") Descriptor(*f, resources, out);
    }
    for (const auto* f : files) {
      std::string base = Basename(f->name);
      if (base == "datapackage.json") continue;
      std::string kind = KindOf(base, resources);
      if (!IsRead(kind)) {
        if (kind.empty() && !resources.contains(base))
          out.push_back(Refused(f->name, "is not a table of the HSDS data package"));
        continue;
      }
      if (tables_.contains(kind)) {
        out.push_back(Refused(f->name, "is a second " + kind + " table in the package"));
        continue;
      }
      tables_.emplace(kind, ReadTable(*f));
    }
    const Table* services = Get("service");
    if (!services) {
      out.push_back(Refused(files.front()->name, "the data package has no services.csv"));
      return out;
    }
    // A table that could not be read whole leaves every service in doubt, but services.csv's
    // own unreadable rows refuse only those services.
    std::string broken;
    for (const auto& [kind, table] : tables_) {
      if (kind != "service" && !table.bad.empty() && broken.empty())
        broken = table.bad.front().where + ": " + table.bad.front().problem.message();
    }
    for (std::size_t r = 0; r < services->rows.size(); ++r) {
      std::string where = services->At(r);
      if (auto id = services->Cell(r, "id"); !id.empty()) where += " (id " + id + ")";
      if (!broken.empty()) {
        out.push_back(Refused(where, broken + "; the package is not imported"));
        continue;
      }
      Origins origins;
      FieldErrors errors;
      json::object o = Service(r, origins, errors);
      out.push_back(Finish(where, o, origins, errors));
    }
    for (const auto& b : services->bad) out.push_back(b);
    return out;
  }

 private:
  void Descriptor(const ImportFile& f, std::map<std::string, std::string>& resources,
                  std::vector<ImportedRecord>& out) {
    std::string why;
    auto doc = ParseJson(f.text, why);
    if (!doc) {
      out.push_back(Refused(f.name, why));
      return;
    }
    const auto* list = doc->is_object() ? doc->get_object().if_contains("resources") : nullptr;
    if (!list || !list->is_array()) {
      out.push_back(Refused(f.name, "resources must be an array naming the package's files"));
      return;
    }
    for (const auto& r : list->get_array()) {
      if (!r.is_object()) continue;
      std::string name = Str(r.get_object(), "name");
      std::string path = Str(r.get_object(), "path");
      if (!name.empty() && !path.empty()) resources[Basename(path)] = name;
    }
  }

  static bool IsRead(std::string_view kind) {
    return std::any_of(std::begin(kTables), std::end(kTables),
                       [&](const TableKind& t) { return t.kind == kind; });
  }
  // The table a file holds: as the descriptor names it, else by its usual name; "" when none.
  static std::string KindOf(const std::string& base, const std::map<std::string, std::string>& r) {
    if (auto it = r.find(base); it != r.end()) {
      bool unread =
          std::find(std::begin(kUnread), std::end(kUnread), it->second) != std::end(kUnread);
      if (IsRead(it->second) || unread) return it->second;
    }
    for (const auto& t : kTables) {
      if (base == t.file || base == std::string(t.kind) + ".csv") return std::string(t.kind);
    }
    for (auto u : kUnread) {
      if (base == std::string(u) + ".csv" || base == std::string(u) + "s.csv")
        return std::string(u);
    }
    return {};
  }

  const Table* Get(std::string_view kind) const {
    auto it = tables_.find(std::string(kind));
    return it == tables_.end() ? nullptr : &it->second;
  }

  static void Put(json::object& o, const Table& t, std::size_t row,
                  std::initializer_list<std::string_view> columns) {
    for (auto c : columns) {
      if (auto v = t.Cell(row, c); !v.empty()) o[c] = v;
    }
  }

  // The rows of `kind` whose `column` is `key`, as objects of `columns`, each named by its line.
  json::array Children(std::string_view kind, std::string_view column, const std::string& key,
                       const std::string& path, std::initializer_list<std::string_view> columns,
                       Origins& origins, const std::vector<std::size_t>& also = {}) const {
    json::array out;
    const Table* t = Get(kind);
    if (!t) return out;
    std::vector<std::size_t> rows = t->Rows(column, key);
    rows.insert(rows.end(), also.begin(), also.end());
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    for (auto r : rows) {
      origins.Add(path + "[" + std::to_string(out.size()) + "].", t->At(r) + ": ");
      json::object o;
      Put(o, *t, r, columns);
      out.push_back(std::move(o));
    }
    return out;
  }

  json::object Service(std::size_t row, Origins& origins, FieldErrors& errors) const {
    const Table& s = *Get("service");
    json::object o;
    Put(o, s, row,
        {"id", "organization_id", "name", "alternate_name", "description", "url", "email", "status",
         "application_process", "fees_description", "eligibility_description", "minimum_age",
         "maximum_age", "assured_date"});
    origins.Add("", s.At(row) + ": ");
    std::string id = s.Cell(row, "id");
    if (const Table* orgs = Get("organization")) {
      const auto& found = orgs->Rows("id", s.Cell(row, "organization_id"));
      if (!found.empty()) {
        json::object g;
        Put(g, *orgs, found.front(), {"id", "name", "description", "email", "website"});
        o["organization"] = std::move(g);
        origins.Add("organization.", orgs->At(found.front()) + ": ");
      }
    }
    json::array sals;
    std::vector<std::size_t> sal_schedules;
    if (const Table* links = Get("service_at_location")) {
      for (auto r : links->Rows("service_id", id)) {
        std::string at = "service_at_locations[" + std::to_string(sals.size()) + "].";
        origins.Add(at, links->At(r) + ": ");
        std::string link_id = links->Cell(r, "id");
        if (const Table* sch = Get("schedule")) {
          const auto& more = sch->Rows("service_at_location_id", link_id);
          sal_schedules.insert(sal_schedules.end(), more.begin(), more.end());
        }
        json::object sal;
        Put(sal, *links, r, {"id"});
        std::string location_id = links->Cell(r, "location_id");
        const Table* locations = Get("location");
        const std::vector<std::size_t> none;
        const auto& found = locations ? locations->Rows("id", location_id) : none;
        if (found.empty()) {  // kept, so that the later links keep their places
          errors.Add(at + "location_id", "is not a location in the package's locations table");
          sals.push_back(std::move(sal));
          continue;
        }
        origins.Add(at + "location.", locations->At(found.front()) + ": ");
        json::object l;
        Put(l, *locations, found.front(), {"id", "name", "description", "latitude", "longitude"});
        auto addresses = Children(
            "address", "location_id", location_id, at + "location.addresses",
            {"address_1", "city", "region", "state_province", "postal_code", "country"}, origins);
        if (!addresses.empty()) l["addresses"] = std::move(addresses);
        auto access = Children("accessibility", "location_id", location_id,
                               at + "location.accessibility", {"description"}, origins);
        if (!access.empty()) l["accessibility"] = std::move(access);
        sal["location"] = std::move(l);
        sals.push_back(std::move(sal));
      }
    }
    auto put = [&o](std::string_view key, json::array list) {
      if (!list.empty()) o[key] = std::move(list);
    };
    put("service_at_locations", std::move(sals));
    put("schedules", Children("schedule", "service_id", id, "schedules",
                              {"id", "freq", "byday", "opens_at", "closes_at", "description"},
                              origins, sal_schedules));
    put("phones",
        Children("phone", "service_id", id, "phones", {"id", "number", "description"}, origins));
    put("contacts", Children("contact", "service_id", id, "contacts",
                             {"id", "name", "title", "email"}, origins));
    put("cost_options",
        Children("cost_option", "service_id", id, "cost_options",
                 {"id", "option", "amount", "currency", "amount_description"}, origins));
    put("service_areas", Children("service_area", "service_id", id, "service_areas",
                                  {"id", "name", "description"}, origins));
    put("languages",
        Children("language", "service_id", id, "languages", {"id", "name", "code"}, origins));
    put("attributes", Attributes(id, origins));
    return o;
  }

  json::array Attributes(const std::string& id, Origins& origins) const {
    json::array out;
    const Table* attrs = Get("attribute");
    if (!attrs) return out;
    const Table* terms = Get("taxonomy_term");
    const Table* taxonomies = Get("taxonomy");
    for (auto r : attrs->Rows("link_id", id)) {
      std::string at = "attributes[" + std::to_string(out.size()) + "].";
      origins.Add(at, attrs->At(r) + ": ");
      json::object a;
      Put(a, *attrs, r, {"id", "taxonomy_term_id"});
      const std::vector<std::size_t> none;
      const auto& term = terms ? terms->Rows("id", attrs->Cell(r, "taxonomy_term_id")) : none;
      if (!term.empty()) {
        origins.Add(at + "taxonomy_term.", terms->At(term.front()) + ": ");
        json::object t;
        Put(t, *terms, term.front(),
            {"id", "code", "name", "description", "parent_id", "taxonomy_id"});
        const auto& tax =
            taxonomies ? taxonomies->Rows("id", terms->Cell(term.front(), "taxonomy_id")) : none;
        if (!tax.empty()) {
          origins.Add(at + "taxonomy_term.taxonomy_detail.", taxonomies->At(tax.front()) + ": ");
          json::object d;
          Put(d, *taxonomies, tax.front(), {"id", "name", "description", "uri", "version"});
          t["taxonomy_detail"] = std::move(d);
        }
        a["taxonomy_term"] = std::move(t);
      }
      out.push_back(std::move(a));
    }
    return out;
  }

  std::map<std::string, Table> tables_;
};

}  // namespace

std::vector<ImportedRecord> ReadPackage(const std::vector<const ImportFile*>& files) {
  return Package().Read(files);
}

}  // namespace linkway::import_parts
