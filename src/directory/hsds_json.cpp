#include "directory/hsds_json.hpp"

#include <cmath>

namespace linkway {
namespace {

namespace json = boost::json;

void Put(json::object& o, std::string_view key, const std::string& value) {
  if (!value.empty()) o[key] = value;
}

std::string ChildId(const std::string& given, const std::string& service_id, std::string_view kind,
                    std::size_t i) {
  if (!given.empty()) return given;
  return NameUuid(service_id + ":" + std::string(kind) + ":" + std::to_string(i));
}

std::string Join(const std::vector<std::string>& days) {
  std::string out;
  for (const auto& d : days) out += (out.empty() ? "" : ",") + d;
  return out;
}

json::array Schedules(const Service& s, bool with_ids) {
  json::array out;
  for (std::size_t i = 0; i < s.schedules.size(); ++i) {
    const auto& sc = s.schedules[i];
    json::object o;
    o["id"] = ChildId(sc.id, s.id, "schedule", i);
    if (with_ids) o["service_id"] = s.id;
    o["freq"] = sc.freq;
    if (sc.freq == "WEEKLY") o["wkst"] = "MO";
    Put(o, "byday", Join(sc.byday));
    Put(o, "opens_at", sc.opens_at);
    Put(o, "closes_at", sc.closes_at);
    Put(o, "description", sc.description);
    out.push_back(std::move(o));
  }
  return out;
}

json::array Phones(const Service& s, bool with_ids) {
  json::array out;
  for (std::size_t i = 0; i < s.phones.size(); ++i) {
    json::object o;
    o["id"] = ChildId(s.phones[i].id, s.id, "phone", i);
    if (with_ids) o["service_id"] = s.id;
    o["number"] = s.phones[i].number;
    Put(o, "description", s.phones[i].description);
    out.push_back(std::move(o));
  }
  return out;
}

json::array Contacts(const Service& s, bool with_ids) {
  json::array out;
  for (std::size_t i = 0; i < s.contacts.size(); ++i) {
    json::object o;
    o["id"] = ChildId(s.contacts[i].id, s.id, "contact", i);
    if (with_ids) o["service_id"] = s.id;
    Put(o, "name", s.contacts[i].name);
    Put(o, "title", s.contacts[i].title);
    Put(o, "email", s.contacts[i].email);
    out.push_back(std::move(o));
  }
  return out;
}

json::array CostOptions(const Service& s, bool with_ids) {
  json::array out;
  for (std::size_t i = 0; i < s.cost_options.size(); ++i) {
    const auto& c = s.cost_options[i];
    json::object o;
    o["id"] = ChildId(c.id, s.id, "cost", i);
    if (with_ids) o["service_id"] = s.id;
    Put(o, "option", c.option);
    if (c.amount) {
      o["amount"] = *c.amount;
      o["currency"] = c.currency.empty() ? "GBP" : c.currency;
    }
    Put(o, "amount_description", c.amount_description);
    out.push_back(std::move(o));
  }
  return out;
}

json::array Areas(const Service& s, bool with_ids) {
  json::array out;
  for (std::size_t i = 0; i < s.service_areas.size(); ++i) {
    json::object o;
    o["id"] = ChildId(s.service_areas[i].id, s.id, "area", i);
    if (with_ids) o["service_id"] = s.id;
    Put(o, "name", s.service_areas[i].name);
    Put(o, "description", s.service_areas[i].description);
    out.push_back(std::move(o));
  }
  return out;
}

json::array Languages(const Service& s, bool with_ids) {
  json::array out;
  for (std::size_t i = 0; i < s.languages.size(); ++i) {
    json::object o;
    o["id"] = ChildId(s.languages[i].id, s.id, "language", i);
    if (with_ids) o["service_id"] = s.id;
    Put(o, "name", s.languages[i].name);
    Put(o, "code", s.languages[i].code);
    out.push_back(std::move(o));
  }
  return out;
}

// Reading, with a field error for every value of the wrong type.
class Reader {
 public:
  explicit Reader(FieldErrors& errors) : errors_(errors) {}

  std::string Text(const json::object& o, std::string_view key, const std::string& path) {
    const auto* v = o.if_contains(key);
    if (!v || v->is_null()) return {};
    if (v->is_string()) return std::string(v->get_string());
    if (v->is_number()) return json::serialize(*v);
    errors_.Add(path + std::string(key), "must be text");
    return {};
  }
  std::optional<double> Number(const json::object& o, std::string_view key,
                               const std::string& path) {
    const auto* v = o.if_contains(key);
    if (!v || v->is_null()) return std::nullopt;
    if (v->is_double()) return v->get_double();
    if (v->is_int64()) return static_cast<double>(v->get_int64());
    if (v->is_uint64()) return static_cast<double>(v->get_uint64());
    if (v->is_string()) {
      try {
        std::size_t used = 0;
        double d = std::stod(std::string(v->get_string()), &used);
        if (used == v->get_string().size()) return d;
      } catch (...) {  // NOLINT(bugprone-empty-catch): reported below
      }
    }
    errors_.Add(path + std::string(key), "must be a number");
    return std::nullopt;
  }
  std::optional<int> Age(const json::object& o, std::string_view key, const std::string& path) {
    auto n = Number(o, key, path);
    if (!n) return std::nullopt;
    if (*n != std::floor(*n) || *n < 0 || *n > 150) {
      errors_.Add(path + std::string(key), "must be a whole number of years");
      return std::nullopt;
    }
    return static_cast<int>(*n);
  }
  std::vector<const json::object*> Objects(const json::object& o, std::string_view key,
                                           const std::string& path) {
    return ObjectsAt(o, key, path, errors_);
  }

 private:
  FieldErrors& errors_;
};

std::vector<std::string> SplitDays(const std::string& byday) {
  std::vector<std::string> out;
  std::string d;
  for (char c : byday + ",") {
    if (c == ',') {
      // "1MO" (the first Monday of a month) counts as that day.
      while (!d.empty() && (d[0] == '-' || (d[0] >= '0' && d[0] <= '9'))) d.erase(0, 1);
      if (!d.empty()) out.push_back(d);
      d.clear();
    } else if (c != ' ') {
      d.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    }
  }
  return out;
}

void ReadArrays(Reader& r, const json::object& o, const std::string& p, Service& s) {
  std::size_t i = 0;
  for (const auto* x : r.Objects(o, "schedules", p)) {
    std::string q = p + "schedules[" + std::to_string(i++) + "].";
    Schedule sc;
    sc.id = r.Text(*x, "id", q);
    sc.freq = r.Text(*x, "freq", q);
    if (sc.freq.empty()) sc.freq = "WEEKLY";
    sc.byday = SplitDays(r.Text(*x, "byday", q));
    sc.opens_at = r.Text(*x, "opens_at", q);
    sc.closes_at = r.Text(*x, "closes_at", q);
    if (sc.opens_at.size() == 8) sc.opens_at.resize(5);
    if (sc.closes_at.size() == 8) sc.closes_at.resize(5);
    sc.description = r.Text(*x, "description", q);
    s.schedules.push_back(std::move(sc));
  }
  i = 0;
  for (const auto* x : r.Objects(o, "phones", p)) {
    std::string q = p + "phones[" + std::to_string(i++) + "].";
    s.phones.push_back(
        {r.Text(*x, "id", q), r.Text(*x, "number", q), r.Text(*x, "description", q)});
  }
  i = 0;
  for (const auto* x : r.Objects(o, "contacts", p)) {
    std::string q = p + "contacts[" + std::to_string(i++) + "].";
    s.contacts.push_back({r.Text(*x, "id", q), r.Text(*x, "name", q), r.Text(*x, "title", q),
                          r.Text(*x, "email", q)});
  }
  i = 0;
  for (const auto* x : r.Objects(o, "cost_options", p)) {
    std::string q = p + "cost_options[" + std::to_string(i++) + "].";
    CostOption c;
    c.id = r.Text(*x, "id", q);
    c.option = r.Text(*x, "option", q);
    c.amount = r.Number(*x, "amount", q);
    c.currency = r.Text(*x, "currency", q);
    c.amount_description = r.Text(*x, "amount_description", q);
    s.cost_options.push_back(std::move(c));
  }
  i = 0;
  for (const auto* x : r.Objects(o, "service_areas", p)) {
    std::string q = p + "service_areas[" + std::to_string(i++) + "].";
    s.service_areas.push_back(
        {r.Text(*x, "id", q), r.Text(*x, "name", q), r.Text(*x, "description", q)});
  }
  i = 0;
  for (const auto* x : r.Objects(o, "languages", p)) {
    std::string q = p + "languages[" + std::to_string(i++) + "].";
    s.languages.push_back({r.Text(*x, "id", q), r.Text(*x, "name", q), r.Text(*x, "code", q)});
  }
}

}  // namespace

json::object HsdsOrganization(const Organization& o) {
  json::object out;
  out["id"] = o.id;
  out["name"] = o.name;
  out["description"] = o.description.empty() ? o.name : o.description;
  Put(out, "email", o.email);
  Put(out, "website", o.website);
  return out;
}

json::object HsdsTaxonomy(const Taxonomy& t) {
  json::object out;
  out["id"] = t.id;
  out["name"] = t.name;
  out["description"] = t.description.empty() ? t.name : t.description;
  Put(out, "uri", t.uri);
  Put(out, "version", t.version);
  return out;
}

json::object HsdsTerm(const TaxonomyTerm& t, const Taxonomy* taxonomy) {
  json::object out;
  out["id"] = t.id;
  Put(out, "code", t.code);
  out["name"] = t.name;
  out["description"] = t.description.empty() ? t.name : t.description;
  Put(out, "parent_id", t.parent_id);
  Put(out, "taxonomy_id", t.taxonomy_id);
  if (taxonomy) {
    out["taxonomy"] = taxonomy->name;
    out["taxonomy_detail"] = HsdsTaxonomy(*taxonomy);
  }
  return out;
}

json::object HsdsLocation(const Location& l, const std::string& org_id) {
  json::object out;
  out["id"] = l.id;
  out["location_type"] = "physical";
  Put(out, "organization_id", org_id);
  if (l.confidential) {
    out["name"] = "Confidential location";
    out["description"] = "In the " + l.area + " area. The address is given on referral.";
    return out;
  }
  Put(out, "name", l.name);
  Put(out, "description", l.description);
  if (l.place) {
    out["latitude"] = l.place->lat;
    out["longitude"] = l.place->lon;
  }
  if (!l.address.address_1.empty() || !l.address.postal_code.empty()) {
    json::object a;
    a["id"] = NameUuid(l.id + ":address");
    a["location_id"] = l.id;
    a["address_1"] = l.address.address_1;
    a["city"] = l.address.city;
    Put(a, "region", l.address.region);
    a["state_province"] = l.address.state_province.empty() ? "England" : l.address.state_province;
    a["postal_code"] = l.address.postal_code;
    a["country"] = l.address.country.empty() ? "GB" : l.address.country;
    a["address_type"] = "physical";
    out["addresses"] = json::array{std::move(a)};
  }
  if (!l.accessibility.empty()) {
    json::object a;
    a["id"] = NameUuid(l.id + ":accessibility");
    a["location_id"] = l.id;
    a["description"] = l.accessibility;
    out["accessibility"] = json::array{std::move(a)};
  }
  return out;
}

json::object HsdsService(const Service& s, const TermLookup& terms, HsdsDetail detail) {
  json::object o;
  o["id"] = s.id;
  Put(o, "organization_id", s.organization_id);
  o["name"] = s.name;
  Put(o, "alternate_name", s.alternate_name);
  Put(o, "description", s.description);
  Put(o, "url", s.url);
  Put(o, "email", s.email);
  o["status"] = s.status;
  Put(o, "application_process", s.application_process);
  Put(o, "fees_description", s.fees_description);
  Put(o, "eligibility_description", s.eligibility_description);
  if (s.minimum_age) o["minimum_age"] = *s.minimum_age;
  if (s.maximum_age) o["maximum_age"] = *s.maximum_age;
  Put(o, "assured_date", s.assured_date);
  if (s.capacity.state == "waiting_list") {
    o["wait_time"] = std::to_string(s.capacity.wait_weeks) + " weeks";
  } else if (s.capacity.state == "not_accepting") {
    o["alert"] = "Not accepting referrals at present";
  }
  if (s.last_modified > 0) o["last_modified"] = FormatTimestamp(s.last_modified);
  if (!s.organization_id.empty()) {
    json::object org;
    org["id"] = s.organization_id;
    org["name"] = s.organization_name;
    org["description"] = s.organization_name;
    o["organization"] = std::move(org);
  }
  if (detail == HsdsDetail::kList) return o;
  // Empty lists are left out, as the Open Referral UK profile asks of every empty field.
  auto put_list = [&o](std::string_view key, json::array list) {
    if (!list.empty()) o[key] = std::move(list);
  };
  put_list("schedules", Schedules(s, true));
  put_list("phones", Phones(s, true));
  put_list("contacts", Contacts(s, true));
  put_list("cost_options", CostOptions(s, true));
  put_list("service_areas", Areas(s, true));
  put_list("languages", Languages(s, true));
  json::array sals;
  for (const auto& l : s.locations) {
    json::object sal;
    sal["id"] =
        l.service_at_location.empty() ? NameUuid(s.id + ":at:" + l.id) : l.service_at_location;
    sal["service_id"] = s.id;
    sal["location_id"] = l.id;
    sal["location"] = HsdsLocation(l, s.organization_id);
    sals.push_back(std::move(sal));
  }
  if (!sals.empty()) o["service_at_locations"] = std::move(sals);
  json::array attrs;
  for (std::size_t i = 0; i < s.term_ids.size(); ++i) {
    json::object a;
    a["id"] = NameUuid(s.id + ":attribute:" + s.term_ids[i]);
    a["link_id"] = s.id;
    a["link_type"] = "service";
    a["link_entity"] = "service";
    a["taxonomy_term_id"] = s.term_ids[i];
    if (const TaxonomyTerm* t = terms ? terms(s.term_ids[i]) : nullptr) {
      a["value"] = t->name;
      a["taxonomy_term"] = HsdsTerm(*t, nullptr);
    }
    attrs.push_back(std::move(a));
  }
  if (!attrs.empty()) o["attributes"] = std::move(attrs);
  return o;
}

json::object HsdsServiceAtLocation(const Service& s, const Location& l, const TermLookup& terms,
                                   HsdsDetail detail) {
  json::object o;
  o["id"] = l.service_at_location.empty() ? NameUuid(s.id + ":at:" + l.id) : l.service_at_location;
  o["service_id"] = s.id;
  o["location_id"] = l.id;
  o["location"] = HsdsLocation(l, s.organization_id);
  if (detail == HsdsDetail::kFull) o["service"] = HsdsService(s, terms, HsdsDetail::kList);
  return o;
}

std::string DetailsJson(const Service& s) {
  json::object o;
  o["schedules"] = Schedules(s, false);
  o["phones"] = Phones(s, false);
  o["contacts"] = Contacts(s, false);
  o["cost_options"] = CostOptions(s, false);
  o["service_areas"] = Areas(s, false);
  o["languages"] = Languages(s, false);
  return json::serialize(o);
}

void ReadDetails(std::string_view text, Service& s) {
  boost::system::error_code ec;
  auto doc = json::parse(text, ec);
  if (ec || !doc.is_object()) return;
  FieldErrors ignored;
  Reader r(ignored);
  ReadArrays(r, doc.get_object(), "", s);
}

std::vector<const json::object*> ObjectsAt(const json::object& o, std::string_view key,
                                           const std::string& path, FieldErrors& errors) {
  std::vector<const json::object*> out;
  const auto* v = o.if_contains(key);
  if (!v || v->is_null()) return out;
  if (!v->is_array()) {
    errors.Add(path + std::string(key), "must be an array");
    return out;
  }
  std::size_t i = 0;
  for (const auto& item : v->get_array()) {
    if (item.is_object()) {
      out.push_back(&item.get_object());
    } else {
      errors.Add(path + std::string(key) + "[" + std::to_string(i) + "]", "must be an object");
    }
    ++i;
  }
  return out;
}

Result<HsdsRecord> ServiceFromHsds(const json::object& o) {
  FieldErrors errors;
  Reader r(errors);
  HsdsRecord rec;
  Service& s = rec.service;
  s.id = r.Text(o, "id", "");
  s.organization_id = r.Text(o, "organization_id", "");
  s.name = r.Text(o, "name", "");
  s.alternate_name = r.Text(o, "alternate_name", "");
  s.description = r.Text(o, "description", "");
  s.url = r.Text(o, "url", "");
  s.email = r.Text(o, "email", "");
  s.status = r.Text(o, "status", "");
  s.application_process = r.Text(o, "application_process", "");
  s.fees_description = r.Text(o, "fees_description", "");
  s.eligibility_description = r.Text(o, "eligibility_description", "");
  s.minimum_age = r.Age(o, "minimum_age", "");
  s.maximum_age = r.Age(o, "maximum_age", "");
  s.assured_date = r.Text(o, "assured_date", "");
  if (s.assured_date.size() > 10 && s.assured_date[10] == 'T') s.assured_date.resize(10);
  if (const auto* org = o.if_contains("organization"); org && org->is_object()) {
    const auto& g = org->get_object();
    Organization out;
    out.id = r.Text(g, "id", "organization.");
    out.name = r.Text(g, "name", "organization.");
    out.description = r.Text(g, "description", "organization.");
    out.email = r.Text(g, "email", "organization.");
    out.website = r.Text(g, "website", "organization.");
    if (s.organization_id.empty()) s.organization_id = out.id;
    rec.organization = std::move(out);
  }
  ReadArrays(r, o, "", s);
  std::size_t i = 0;
  for (const auto* sal : r.Objects(o, "service_at_locations", "")) {
    std::string p = "service_at_locations[" + std::to_string(i++) + "].";
    Location l;
    l.service_at_location = r.Text(*sal, "id", p);
    const auto* loc = sal->if_contains("location");
    if (!loc || !loc->is_object()) {
      errors.Add(p + "location", "must be an object with the location");
      continue;
    }
    const auto& lo = loc->get_object();
    std::string q = p + "location.";
    l.id = r.Text(lo, "id", q);
    l.name = r.Text(lo, "name", q);
    l.description = r.Text(lo, "description", q);
    auto lat = r.Number(lo, "latitude", q);
    auto lon = r.Number(lo, "longitude", q);
    if (lat && lon) {
      if (*lat < -90 || *lat > 90 || *lon < -180 || *lon > 180) {
        errors.Add(q + "latitude", "must be degrees: latitude -90 to 90, longitude -180 to 180");
      } else {
        l.place = GeoPoint{*lat, *lon};
      }
    }
    auto addresses = r.Objects(lo, "addresses", q);
    if (!addresses.empty()) {
      const auto& a = *addresses.front();
      std::string ap = q + "addresses[0].";
      l.address = {r.Text(a, "address_1", ap),   r.Text(a, "city", ap),
                   r.Text(a, "region", ap),      r.Text(a, "state_province", ap),
                   r.Text(a, "postal_code", ap), r.Text(a, "country", ap)};
      if (!rec.postcode && !l.address.postal_code.empty()) rec.postcode = l.address.postal_code;
    }
    auto access = r.Objects(lo, "accessibility", q);
    if (!access.empty())
      l.accessibility = r.Text(*access.front(), "description", q + "accessibility[0].");
    s.locations.push_back(std::move(l));
  }
  i = 0;
  for (const auto* a : r.Objects(o, "attributes", "")) {
    std::string p = "attributes[" + std::to_string(i++) + "].";
    std::string term_id = r.Text(*a, "taxonomy_term_id", p);
    if (const auto* t = a->if_contains("taxonomy_term"); t && t->is_object()) {
      const auto& to = t->get_object();
      std::string q = p + "taxonomy_term.";
      TaxonomyTerm term{r.Text(to, "id", q),        r.Text(to, "code", q),
                        r.Text(to, "name", q),      r.Text(to, "description", q),
                        r.Text(to, "parent_id", q), r.Text(to, "taxonomy_id", q)};
      if (term_id.empty()) term_id = term.id;
      if (const auto* d = to.if_contains("taxonomy_detail"); d && d->is_object()) {
        const auto& dd = d->get_object();
        std::string w = q + "taxonomy_detail.";
        Taxonomy tax{r.Text(dd, "id", w), r.Text(dd, "name", w), r.Text(dd, "description", w),
                     r.Text(dd, "uri", w), r.Text(dd, "version", w)};
        if (term.taxonomy_id.empty()) term.taxonomy_id = tax.id;
        if (!rec.taxonomy && IsUuid(tax.id)) rec.taxonomy = tax;
      }
      if (!term.name.empty()) rec.terms.push_back(std::move(term));
    }
    if (term_id.empty()) {
      errors.Add(p + "taxonomy_term_id", "is required");
    } else if (std::find(s.term_ids.begin(), s.term_ids.end(), term_id) == s.term_ids.end()) {
      s.term_ids.push_back(term_id);
    }
  }
  if (!errors.empty()) return errors.ToStatus("The service record has errors; see fields.");
  if (Status c = CheckService(s); !c.ok()) return c;
  return rec;
}

}  // namespace linkway
