#include "directory/import.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <unordered_map>

#include "core/csv.hpp"
#include "core/text.hpp"

namespace linkway {
namespace {

namespace json = boost::json;

// ---- Names of fields as the file gives them ----

// How an HSDS field path is named in the file it came from: the longest matching prefix is
// replaced ("schedules[0]." -> "schedules.csv line 4: ", "fees_description" -> "fees").
class Origins {
 public:
  void Add(std::string prefix, std::string as) {
    map_.emplace_back(std::move(prefix), std::move(as));
  }
  std::string Name(const std::string& path) const {
    const std::pair<std::string, std::string>* best = nullptr;
    for (const auto& m : map_) {
      if (path.starts_with(m.first) && (!best || m.first.size() > best->first.size())) best = &m;
    }
    return best ? best->second + path.substr(best->first.size()) : path;
  }

 private:
  std::vector<std::pair<std::string, std::string>> map_;
};

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

// ---- The record, checked ----

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

// ---- Open Referral UK v1 ----

bool LooksV1(const json::object& o) {
  for (std::string_view key :
       {"regular_schedules", "eligibilitys", "service_taxonomys", "deliverable_type",
        "attending_type", "attending_access", "holiday_schedules", "fundings", "reviews"}) {
    if (o.contains(key)) return true;
  }
  return false;
}

// A v1 id as a uuid: kept when it is one, else made from it, so a re-import finds the record.
std::string V1Id(std::string_view kind, const std::string& id) {
  if (id.empty() || IsUuid(id)) return id;
  return NameUuid("oruk-v1:" + std::string(kind) + ":" + id);
}

class V1Reader {
 public:
  V1Reader(Origins& origins, FieldErrors& errors) : origins_(origins), errors_(errors) {}

  json::object Service(const json::object& v) {
    json::object h;
    Id(h, v, "id", "service");
    Text(h, "name", v, "name");
    Text(h, "description", v, "description");
    Copy(h, "url", v, "url");
    Copy(h, "email", v, "email");
    Copy(h, "assured_date", v, "assured_date");
    Text(h, "fees_description", v, "fees");
    origins_.Add("fees_description", "fees");
    if (const auto* st = v.if_contains("status"); st && st->is_string()) {
      std::string status;
      for (char c : Trim(st->get_string())) {
        status.push_back(c == '_' || c == '-'
                             ? ' '
                             : static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
      }
      h["status"] = status;
    } else {
      Copy(h, "status", v, "status");
    }
    if (const auto* org = v.if_contains("organization"); org && org->is_object()) {
      const auto& g = org->get_object();
      json::object o;
      Id(o, g, "id", "organization");
      Text(o, "name", g, "name");
      Text(o, "description", g, "description");
      Copy(o, "email", g, "email");
      Copy(o, "website", g, "url");
      origins_.Add("organization.website", "organization.url");
      if (o.contains("id")) h["organization_id"] = o["id"];
      h["organization"] = std::move(o);
    }
    json::array schedules, phones, contacts, sals, attrs;
    std::size_t i = 0;
    for (const auto* r : Objects(v, "regular_schedules", "")) {
      origins_.Add("schedules[" + std::to_string(schedules.size()) + "].",
                   "regular_schedules[" + std::to_string(i++) + "].");
      schedules.push_back(Schedule(*r));
    }
    i = 0;
    for (const auto* sal : Objects(v, "service_at_locations", "")) {
      std::string at = "service_at_locations[" + std::to_string(i++) + "].";
      json::object out;
      if (auto id = Str(*sal, "id"); !id.empty()) out["id"] = V1Id("service_at_location", id);
      if (const auto* loc = sal->if_contains("location"); loc && loc->is_object()) {
        out["location"] = Location(loc->get_object(), at + "location.");
      } else if (loc) {
        out["location"] = *loc;
      }
      std::size_t j = 0;
      for (const auto* r : Objects(*sal, "regular_schedule", at)) {
        origins_.Add("schedules[" + std::to_string(schedules.size()) + "].",
                     at + "regular_schedule[" + std::to_string(j++) + "].");
        schedules.push_back(Schedule(*r));
      }
      sals.push_back(std::move(out));
    }
    i = 0;
    for (const auto* c : Objects(v, "contacts", "")) {
      std::string at = "contacts[" + std::to_string(i++) + "].";
      json::object out;
      Id(out, *c, "id", "contact");
      Text(out, "name", *c, "name");
      Text(out, "title", *c, "title");
      Copy(out, "email", *c, "email");
      std::size_t j = 0;
      for (const auto* p : Objects(*c, "phones", at)) {
        origins_.Add("phones[" + std::to_string(phones.size()) + "].",
                     at + "phones[" + std::to_string(j++) + "].");
        json::object phone;
        Id(phone, *p, "id", "phone");
        Copy(phone, "number", *p, "number");
        Text(phone, "description", *c, "name");
        phones.push_back(std::move(phone));
      }
      contacts.push_back(std::move(out));
    }
    Eligibility(h, v);
    i = 0;
    for (const auto* t : Objects(v, "service_taxonomys", "")) {
      std::string from = "service_taxonomys[" + std::to_string(i) + "].";
      std::string to = "attributes[" + std::to_string(attrs.size()) + "].";
      ++i;
      const auto* tax = t->if_contains("taxonomy");
      if (!tax || !tax->is_object()) {
        errors_.Add(from + "taxonomy", "must be an object with the term");
        continue;
      }
      origins_.Add(to + "taxonomy_term.", from + "taxonomy.");
      origins_.Add(to + "taxonomy_term_id", from + "taxonomy.id");
      attrs.push_back(Term(tax->get_object()));
    }
    auto put = [&h](std::string_view key, json::array list) {
      if (!list.empty()) h[key] = std::move(list);
    };
    put("schedules", std::move(schedules));
    put("phones", std::move(phones));
    put("contacts", std::move(contacts));
    put("service_at_locations", std::move(sals));
    put("attributes", std::move(attrs));
    put("languages", List(v, "languages", "language", {{"name", "language"}}));
    put("cost_options", List(v, "cost_options", "cost",
                             {{"option", "option"},
                              {"amount", "amount"},
                              {"amount_description", "amount_description"}}));
    put("service_areas", List(v, "service_areas", "area", {{"name", "service_area"}}));
    return h;
  }

 private:
  void Copy(json::object& to, std::string_view key, const json::object& from,
            std::string_view from_key) {
    const auto* v = from.if_contains(from_key);
    if (v && !v->is_null() && !(v->is_string() && v->get_string().empty())) to[key] = *v;
  }
  // Text with its mojibake put right (Copy for a value of another type, which is then refused).
  void Text(json::object& to, std::string_view key, const json::object& from,
            std::string_view from_key) {
    const auto* v = from.if_contains(from_key);
    if (v && v->is_string()) {
      if (auto t = Trim(PlainText(v->get_string())); !t.empty()) to[key] = t;
    } else {
      Copy(to, key, from, from_key);
    }
  }
  void Id(json::object& to, const json::object& from, std::string_view key, std::string_view kind) {
    const auto* v = from.if_contains(key);
    if (v && (v->is_string() || v->is_int64() || v->is_uint64())) {
      if (auto id = V1Id(kind, Str(v)); !id.empty()) to["id"] = id;
    } else {
      Copy(to, "id", from, key);
    }
  }
  std::vector<const json::object*> Objects(const json::object& o, std::string_view key,
                                           const std::string& path) {
    std::vector<const json::object*> out;
    const auto* v = o.if_contains(key);
    if (!v || v->is_null()) return out;
    if (!v->is_array()) {
      errors_.Add(path + std::string(key), "must be an array");
      return out;
    }
    std::size_t i = 0;
    for (const auto& item : v->get_array()) {
      if (item.is_object()) {
        out.push_back(&item.get_object());
      } else {
        errors_.Add(path + std::string(key) + "[" + std::to_string(i) + "]", "must be an object");
      }
      ++i;
    }
    return out;
  }
  json::array List(const json::object& v, std::string_view key, std::string_view kind,
                   std::initializer_list<std::pair<std::string_view, std::string_view>> fields) {
    json::array out;
    std::size_t i = 0;
    for (const auto* x : Objects(v, key, "")) {
      std::string at = std::string(key) + "[" + std::to_string(i++) + "].";
      json::object o;
      Id(o, *x, "id", kind);
      for (auto [to, from] : fields) {
        Copy(o, to, *x, from);
        if (to != from) origins_.Add(at + std::string(to), at + std::string(from));
      }
      out.push_back(std::move(o));
    }
    return out;
  }
  json::object Schedule(const json::object& r) {
    json::object s;
    Id(s, r, "id", "schedule");
    if (auto freq = Str(r, "freq"); !freq.empty()) {
      for (auto& c : freq) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      s["freq"] = freq;
    }
    Copy(s, "byday", r, "byday");
    if (!s.contains("byday")) {
      static constexpr std::string_view kDays[] = {"monday", "tuesday",  "wednesday", "thursday",
                                                   "friday", "saturday", "sunday"};
      std::string day = Str(r, "weekday");
      for (auto& c : day) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      for (std::size_t d = 0; d < 7; ++d) {
        if (!day.empty() && kDays[d].starts_with(day)) s["byday"] = std::string(kDayCodes[d]);
      }
    }
    Copy(s, "opens_at", r, "opens_at");
    Copy(s, "closes_at", r, "closes_at");
    Text(s, "description", r, "description");
    return s;
  }
  json::object Location(const json::object& l, const std::string& at) {
    json::object out;
    Id(out, l, "id", "location");
    Text(out, "name", l, "name");
    Text(out, "description", l, "description");
    const auto* lat = l.if_contains("latitude");
    const auto* lon = l.if_contains("longitude");
    // 0, 0 is how many v1 feeds say "not known".
    bool zero = lat && lon && lat->is_number() && lon->is_number() &&
                lat->to_number<double>() == 0 && lon->to_number<double>() == 0;
    if (!zero) {
      Copy(out, "latitude", l, "latitude");
      Copy(out, "longitude", l, "longitude");
    }
    json::array addresses;
    std::size_t i = 0;
    for (const auto* a : Objects(l, "physical_addresses", at)) {
      origins_.Add(at + "addresses[" + std::to_string(i) + "].",
                   at + "physical_addresses[" + std::to_string(i) + "].");
      ++i;
      json::object o;
      for (std::string_view key : {"address_1", "city", "state_province", "postal_code", "country"})
        Text(o, key, *a, key);
      addresses.push_back(std::move(o));
    }
    if (!addresses.empty()) out["addresses"] = std::move(addresses);
    auto access = Objects(l, "accessibility_for_disabilities", at);
    if (!access.empty()) {
      json::object o;
      Text(o, "description", *access.front(), "accessibility");
      out["accessibility"] = json::array{std::move(o)};
      origins_.Add(at + "accessibility", at + "accessibility_for_disabilities");
    }
    return out;
  }
  // Ages from the first eligibility that gives them; every eligibility's words as the text.
  void Eligibility(json::object& h, const json::object& v) {
    std::string words;
    std::size_t i = 0;
    for (const auto* e : Objects(v, "eligibilitys", "")) {
      std::string at = "eligibilitys[" + std::to_string(i++) + "].";
      if (auto w = Trim(PlainText(Str(*e, "eligibility"))); !w.empty())
        words += (words.empty() ? "" : "; ") + w;
      const auto* min = e->if_contains("minimum_age");
      if (min && !min->is_null() && !h.contains("minimum_age")) {
        h["minimum_age"] = *min;
        origins_.Add("minimum_age", at + "minimum_age");
      }
      const auto* max = e->if_contains("maximum_age");
      bool none = !max || max->is_null() || (max->is_number() && max->to_number<double>() == 0);
      if (!none && !h.contains("maximum_age")) {
        h["maximum_age"] = *max;
        origins_.Add("maximum_age", at + "maximum_age");
      }
    }
    if (!words.empty()) {
      h["eligibility_description"] = words;
      origins_.Add("eligibility_description", "eligibilitys");
    }
  }
  // A v1 taxonomy term, with a taxonomy made from its vocabulary's name.
  json::object Term(const json::object& t) {
    std::string given = Str(t, "id");
    std::string vocabulary = Trim(Str(t, "vocabulary"));
    if (vocabulary.empty()) vocabulary = "Open Referral UK v1";
    json::object taxonomy;
    taxonomy["id"] = NameUuid("oruk-v1:taxonomy:" + vocabulary);
    taxonomy["name"] = vocabulary;
    taxonomy["description"] = vocabulary;
    json::object term;
    term["id"] = V1Id("term", given);
    if (!IsUuid(given)) term["code"] = given;
    Text(term, "name", t, "name");
    if (auto parent = Str(t, "parent"); !parent.empty()) term["parent_id"] = V1Id("term", parent);
    term["taxonomy_id"] = taxonomy["id"];
    term["taxonomy_detail"] = std::move(taxonomy);
    json::object a;
    a["taxonomy_term_id"] = term["id"];
    a["taxonomy_term"] = std::move(term);
    return a;
  }

  Origins& origins_;
  FieldErrors& errors_;
};

// ---- JSON files ----

void ReadService(std::string where, const json::object& o, std::vector<ImportedRecord>& out) {
  if (auto id = Str(o, "id"); !id.empty()) where += " (id " + id + ")";
  if (!LooksV1(o)) {
    out.push_back(Finish(std::move(where), o, {}, {}));
    return;
  }
  Origins origins;
  FieldErrors errors;
  json::object h = V1Reader(origins, errors).Service(o);
  out.push_back(Finish(std::move(where), h, origins, errors));
}

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

// ---- The tabular data package ----

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

// ---- Text ----

// The code point at `i` and its length in bytes; 0 when the bytes there are not UTF-8.
std::size_t DecodeUtf8(std::string_view s, std::size_t i, char32_t& point) {
  auto c = static_cast<unsigned char>(s[i]);
  std::size_t length = c < 0x80             ? 1
                       : (c & 0xe0) == 0xc0 ? 2
                       : (c & 0xf0) == 0xe0 ? 3
                       : (c & 0xf8) == 0xf0 ? 4
                                            : 0;
  if (length == 0 || i + length > s.size()) return 0;
  point = length == 1 ? c : c & (0x7f >> length);
  for (std::size_t k = 1; k < length; ++k) {
    auto next = static_cast<unsigned char>(s[i + k]);
    if ((next & 0xc0) != 0x80) return 0;
    point = (point << 6) | (next & 0x3f);
  }
  static constexpr char32_t kLeast[] = {0, 0, 0x80, 0x800, 0x10000};
  if (point < kLeast[length] || point > 0x10ffff || (point >= 0xd800 && point <= 0xdfff)) return 0;
  return length;
}

void AppendUtf8(std::string& out, char32_t p) {
  if (p < 0x80) {
    out.push_back(static_cast<char>(p));
  } else if (p < 0x800) {
    out.push_back(static_cast<char>(0xc0 | (p >> 6)));
    out.push_back(static_cast<char>(0x80 | (p & 0x3f)));
  } else if (p < 0x10000) {
    out.push_back(static_cast<char>(0xe0 | (p >> 12)));
    out.push_back(static_cast<char>(0x80 | ((p >> 6) & 0x3f)));
    out.push_back(static_cast<char>(0x80 | (p & 0x3f)));
  } else {
    out.push_back(static_cast<char>(0xf0 | (p >> 18)));
    out.push_back(static_cast<char>(0x80 | ((p >> 12) & 0x3f)));
    out.push_back(static_cast<char>(0x80 | ((p >> 6) & 0x3f)));
    out.push_back(static_cast<char>(0x80 | (p & 0x3f)));
  }
}

// Windows-1252's characters for the bytes 0x80 to 0x9f (0 where it has none).
constexpr char32_t kCp1252[32] = {0x20ac, 0,      0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
                                  0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017d, 0,
                                  0,      0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
                                  0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0,      0x017e, 0x0178};

// The byte Windows-1252 (or, for its gaps, Latin-1) writes as `p`; -1 when none.
int Cp1252Byte(char32_t p) {
  if (p < 0x100) return static_cast<int>(p);
  for (int k = 0; k < 32; ++k) {
    if (kCp1252[k] == p) return 0x80 + k;
  }
  return -1;
}

// UTF-8 text that was read as Windows-1252 and encoded again, put back: each run of non-ASCII
// characters whose Windows-1252 bytes are UTF-8 ("peopleâ€™s" is "people’s"). Other
// text is unchanged.
std::string RepairMojibake(std::string_view in) {
  std::string out;
  bool repaired = false;
  for (std::size_t i = 0; i < in.size();) {
    if (static_cast<unsigned char>(in[i]) < 0x80) {
      out.push_back(in[i++]);
      continue;
    }
    std::size_t start = i;
    std::string bytes;
    bool mapped = true;
    while (i < in.size() && static_cast<unsigned char>(in[i]) >= 0x80) {
      char32_t p = 0;
      std::size_t n = DecodeUtf8(in, i, p);
      if (n == 0) return std::string(in);  // not UTF-8: CheckService refuses it
      int b = Cp1252Byte(p);
      mapped = mapped && b >= 0x80;
      bytes.push_back(static_cast<char>(b));
      i += n;
    }
    if (mapped && IsStorableText(bytes, false)) {
      out += bytes;
      repaired = true;
    } else {
      out += in.substr(start, i - start);
    }
  }
  // A no-break space whose second byte was lost on the way ("orÂ guidance"): the "Â" goes.
  for (auto at = out.find("\xC3\x82 "); at != std::string::npos; at = out.find("\xC3\x82 ", at)) {
    out.erase(at, 2);
    repaired = true;
  }
  return repaired ? out : std::string(in);
}

std::string Entity(std::string_view name) {
  static constexpr std::pair<std::string_view, std::string_view> kNamed[] = {
      {"amp", "&"},
      {"lt", "<"},
      {"gt", ">"},
      {"quot", "\""},
      {"apos", "'"},
      {"nbsp", " "},
      {"pound", "\xC2\xA3"},
      {"euro", "\xE2\x82\xAC"},
      {"ndash", "\xE2\x80\x93"},
      {"mdash", "\xE2\x80\x94"},
      {"lsquo", "\xE2\x80\x98"},
      {"rsquo", "\xE2\x80\x99"},
      {"ldquo", "\xE2\x80\x9C"},
      {"rdquo", "\xE2\x80\x9D"},
      {"hellip", "\xE2\x80\xA6"}};
  for (auto [key, text] : kNamed) {
    if (key == name) return std::string(text);
  }
  if (name.size() < 2 || name[0] != '#') return {};
  bool hex = name[1] == 'x' || name[1] == 'X';
  std::string_view digits = name.substr(hex ? 2 : 1);
  if (digits.empty() || digits.size() > 6) return {};
  char32_t p = 0;
  for (char c : digits) {
    int d = c >= '0' && c <= '9'          ? c - '0'
            : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
            : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10
                                          : -1;
    if (d < 0) return {};
    p = p * (hex ? 16 : 10) + static_cast<char32_t>(d);
  }
  if ((p < 0x20 && p != '\n' && p != '\t') || (p >= 0x7f && p < 0xa0) || p > 0x10ffff ||
      (p >= 0xd800 && p <= 0xdfff)) {
    return {};
  }
  std::string out;
  AppendUtf8(out, p == 0xa0 ? ' ' : p);
  return out;
}

bool IsBreakTag(std::string_view tag) {
  std::size_t from = tag.starts_with('/') ? 1 : 0;
  std::size_t to = tag.find_first_of(" /\t\n", from);
  std::string name(tag.substr(from, to == std::string_view::npos ? tag.npos : to - from));
  for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  static const std::set<std::string, std::less<>> kBreaks = {
      "p", "br", "div", "li", "ul", "ol", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6"};
  return kBreaks.contains(name);
}

}  // namespace

std::string PlainText(std::string_view input) {
  std::string text = RepairMojibake(input);
  bool html = false;
  for (std::size_t i = 0; i + 1 < text.size() && !html; ++i) {
    char n = text[i + 1];
    html = text[i] == '<' &&
           (std::isalpha(static_cast<unsigned char>(n)) || n == '/' || n == '!') &&
           text.find('>', i) != std::string::npos;
  }
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (html && c == '<') {
      if (auto end = text.find('>', i); end != std::string::npos) {
        if (IsBreakTag(std::string_view(text).substr(i + 1, end - i - 1))) out.push_back('\n');
        i = end;
        continue;
      }
    }
    if (c == '&') {
      if (auto end = text.find(';', i); end != std::string::npos && end - i <= 10) {
        if (auto e = Entity(std::string_view(text).substr(i + 1, end - i - 1)); !e.empty()) {
          out += e;
          i = end;
          continue;
        }
      }
    }
    if (c == '\r') continue;
    if (c == '\t' || (html && c == '\n')) c = ' ';
    if (c == '\xC2' && i + 1 < text.size() && text[i + 1] == '\xA0') {  // no-break space
      c = ' ';
      ++i;
    }
    out.push_back(c);
  }
  // Each line's spaces tidied; at most one blank line between paragraphs.
  std::string tidy;
  int blank = 0;
  std::size_t from = 0;
  while (from <= out.size()) {
    std::size_t to = out.find('\n', from);
    if (to == std::string::npos) to = out.size();
    std::string line;
    for (char c : std::string_view(out).substr(from, to - from)) {
      if (c == ' ' && (line.empty() || line.back() == ' ')) continue;
      line.push_back(c);
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    if (line.empty()) {
      ++blank;
    } else {
      if (!tidy.empty()) tidy += blank > 0 ? "\n\n" : "\n";
      tidy += line;
      blank = 0;
    }
    from = to + 1;
  }
  return tidy;
}

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
    for (auto& r : Package().Read(members)) out.push_back(std::move(r));
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
