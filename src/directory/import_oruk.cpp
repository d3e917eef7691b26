// Open Referral UK v1 services read as HSDS 3.0 objects, for the directory import: v1's lists
// (regular_schedules, eligibilitys, service_taxonomys, ...) become their HSDS 3.0 fields, its
// HTML text plain text, and its ids uuids that a re-import finds again.
#include <set>

#include "core/text.hpp"
#include "directory/hsds_json.hpp"
#include "directory/import_parts.hpp"

namespace linkway::import_parts {
namespace {

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
    return ObjectsAt(o, key, path, errors_);
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

}  // namespace

bool LooksV1(const json::object& o) {
  for (std::string_view key :
       {"regular_schedules", "eligibilitys", "service_taxonomys", "deliverable_type",
        "attending_type", "attending_access", "holiday_schedules", "fundings", "reviews"}) {
    if (o.contains(key)) return true;
  }
  return false;
}

json::object V1Service(const json::object& v, Origins& origins, FieldErrors& errors) {
  return V1Reader(origins, errors).Service(v);
}

}  // namespace linkway::import_parts
