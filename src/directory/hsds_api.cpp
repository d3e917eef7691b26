// The open Open Referral read API under /api/hsds: HSDS 3.0 with the Open Referral UK 3.0
// profile's parameters, no sign-in, `Access-Control-Allow-Origin: *` on every answer, HSDS page
// objects for lists. Searches go to the directory's index, so results are the same on every
// backend; the page's records are then read by id.
#include <boost/json.hpp>
#include <charconv>
#include <cmath>

#include "core/text.hpp"
#include "directory/hsds_json.hpp"
#include "directory/module.hpp"
#include "http/problem.hpp"

namespace linkway {
namespace {

namespace json = boost::json;
using http::Request;
using http::Response;

constexpr int kMaxPerPage = 100;

Response Open(Response r) {
  r.Set("Access-Control-Allow-Origin", "*");
  r.Set("Cache-Control", "public, max-age=60");
  return r;
}

Response Json(int status, const json::value& body) {
  return Open(Response::Json(status, json::serialize(body)));
}

Response Bad(const std::string& field, const std::string& message) {
  return Open(
      http::Problem(Status::Invalid("The query has errors; see fields.", {{field, message}}), 400));
}

struct Paging {
  int page = 1;
  int per_page = 50;
};

// page and per_page, or the field that is wrong.
std::optional<std::pair<std::string, std::string>> ReadPaging(const Request& r, Paging& p) {
  auto number = [&](const char* name, int& out, int lo, int hi) -> bool {
    std::string t = r.Query(name);
    if (t.empty()) return true;
    int v = 0;
    auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
    if (ec != std::errc() || end != t.data() + t.size() || v < lo || v > hi) return false;
    out = v;
    return true;
  };
  if (!number("page", p.page, 1, 1000000)) return {{"page", "must be a whole number from 1"}};
  if (!number("per_page", p.per_page, 1, kMaxPerPage)) {
    return {{"per_page", "must be a whole number from 1 to 100"}};
  }
  return std::nullopt;
}

json::object PageObject(std::int64_t total, const Paging& p, json::array contents) {
  json::object o;
  auto pages = total == 0 ? 1 : static_cast<std::int64_t>((total + p.per_page - 1) / p.per_page);
  o["total_items"] = total;
  o["total_pages"] = pages;
  o["page_number"] = p.page;
  o["size"] = contents.size();
  o["first_page"] = p.page == 1;
  o["last_page"] = p.page >= pages;
  o["empty"] = contents.empty();
  o["contents"] = std::move(contents);
  return o;
}

template <typename T>
json::array Slice(const std::vector<T>& all, const Paging& p,
                  const std::function<json::object(const T&)>& write) {
  json::array out;
  std::size_t from = static_cast<std::size_t>(p.page - 1) * p.per_page;
  for (std::size_t i = from; i < all.size() && i < from + p.per_page; ++i) {
    out.push_back(write(all[i]));
  }
  return out;
}

std::optional<int> WholeNumber(const std::string& t, int lo, int hi) {
  int v = 0;
  auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (ec != std::errc() || end != t.data() + t.size() || v < lo || v > hi) return std::nullopt;
  return v;
}

// "2026-01-31", "2026-01-31T09:00:00Z" or "...+00:00" as Unix seconds (UTC), or nullopt.
std::optional<UnixSeconds> ParseTimestamp(const std::string& t) {
  auto day = ParseDate(std::string_view(t).substr(0, 10));
  if (!day) return std::nullopt;
  if (t.size() == 10) return *day * 86400;
  if (t.size() < 19 || (t[10] != 'T' && t[10] != ' ') || t[13] != ':' || t[16] != ':') {
    return std::nullopt;
  }
  auto hm = ParseClock(t.substr(11, 5));
  auto sec = WholeNumber(t.substr(17, 2), 0, 59);
  std::string rest = t.substr(19);
  if (!rest.empty() && rest[0] == '.') rest.erase(0, rest.find_first_not_of("0123456789", 1));
  if (!hm || !sec || (rest != "" && rest != "Z" && rest != "+00:00")) return std::nullopt;
  return *day * 86400 + *hm * 60 + *sec;
}

class HsdsApi {
 public:
  explicit HsdsApi(ServiceDirectory& directory) : dir_(directory) {}

  Response Root(Request&) {
    json::object o;
    o["version"] = "HSDS-UK-3.0";
    o["profile"] = "https://openreferraluk.org/developers/schemas/";
    o["openapi_url"] = "https://openreferraluk.org/specifications/3.0/openapi.json";
    o["hsds_version"] = "3.0";
    o["publisher"] = "Linkway";
    return Json(200, o);
  }

  Response Services(Request& r) {
    Paging p;
    SearchQuery q;
    if (auto bad = Read(r, p, q, true)) return Bad(bad->first, bad->second);
    auto found = dir_.SearchIds(q);
    std::vector<std::string> ids;
    for (const auto& h : found.hits) ids.push_back(h.id);
    auto services = dir_.GetMany(ids);
    if (!services.ok()) return Open(http::Problem(services.status()));
    json::array contents;
    for (const auto& s : *services) contents.push_back(HsdsService(s, Terms(), HsdsDetail::kList));
    return Json(200, PageObject(found.total, p, std::move(contents)));
  }

  Response Service(Request& r) {
    auto s = dir_.Get(r.route.at("id"));
    if (!s.ok()) return Open(http::Problem(s.status()));
    return Json(200, HsdsService(*s, Terms(), HsdsDetail::kFull));
  }

  Response ServiceAtLocations(Request& r) {
    Paging p;
    SearchQuery q;
    if (auto bad = Read(r, p, q, false)) return Bad(bad->first, bad->second);
    // One row per service and location: search every match, then page over their locations.
    q.page = 1;
    q.per_page = 1000000;
    auto found = dir_.SearchIds(q);
    struct Row {
      std::size_t hit;
      std::size_t location;
    };
    std::vector<std::string> ids;
    for (const auto& h : found.hits) ids.push_back(h.id);
    // Counting locations needs the records; the directory is small enough per search.
    auto services = dir_.GetMany(ids);
    if (!services.ok()) return Open(http::Problem(services.status()));
    std::vector<Row> rows;
    for (std::size_t i = 0; i < services->size(); ++i) {
      for (std::size_t j = 0; j < (*services)[i].locations.size(); ++j) {
        const auto& l = (*services)[i].locations[j];
        if (q.near && q.within_miles > 0 &&
            (!l.place || DistanceMiles(*q.near, *l.place) > q.within_miles)) {
          continue;
        }
        rows.push_back({i, j});
      }
    }
    json::array contents = Slice<Row>(rows, p, [&](const Row& row) {
      const auto& s = (*services)[row.hit];
      return HsdsServiceAtLocation(s, s.locations[row.location], Terms(), HsdsDetail::kList);
    });
    return Json(200, PageObject(static_cast<std::int64_t>(rows.size()), p, std::move(contents)));
  }

  Response ServiceAtLocation(Request& r) {
    const std::string& id = r.route.at("id");
    if (!IsUuid(id)) return Open(http::Problem(404, "no service_at_location with that id"));
    auto owner = dir_.ServiceAtLocationOwner(id);
    if (!owner.ok()) return Open(http::Problem(owner.status()));
    for (const auto& l : owner->locations) {
      if (l.service_at_location == id) {
        return Json(200, HsdsServiceAtLocation(*owner, l, Terms(), HsdsDetail::kFull));
      }
    }
    return Open(http::Problem(404, "no service_at_location with that id"));
  }

  Response Organizations(Request& r) {
    Paging p;
    if (auto bad = ReadPaging(r, p)) return Bad(bad->first, bad->second);
    auto all = dir_.Organizations();
    if (!all.ok()) return Open(http::Problem(all.status()));
    std::vector<Organization> kept;
    std::string search = Trim(r.Query("search"));
    auto words = SearchWords(search);
    for (auto& o : *all) {
      auto have = SearchWords(o.name + " " + o.description);
      bool all_words = true;
      for (const auto& w : words) {
        all_words = all_words && std::find(have.begin(), have.end(), w) != have.end();
      }
      if (all_words) kept.push_back(std::move(o));
    }
    json::array contents =
        Slice<Organization>(kept, p, [](const Organization& o) { return HsdsOrganization(o); });
    return Json(200, PageObject(static_cast<std::int64_t>(kept.size()), p, std::move(contents)));
  }

  Response OrganizationOne(Request& r) {
    auto o = dir_.OrganizationById(r.route.at("id"));
    if (!o.ok()) return Open(http::Problem(o.status()));
    json::object out = HsdsOrganization(*o);
    auto services = dir_.ServicesOf(o->code);
    if (!services.ok()) return Open(http::Problem(services.status()));
    json::array list;
    for (const auto& s : *services) list.push_back(HsdsService(s, Terms(), HsdsDetail::kList));
    out["services"] = std::move(list);
    return Json(200, out);
  }

  Response Taxonomies(Request& r) {
    Paging p;
    if (auto bad = ReadPaging(r, p)) return Bad(bad->first, bad->second);
    auto all = dir_.Taxonomies();
    json::array contents =
        Slice<Taxonomy>(all, p, [](const Taxonomy& t) { return HsdsTaxonomy(t); });
    return Json(200, PageObject(static_cast<std::int64_t>(all.size()), p, std::move(contents)));
  }

  Response TaxonomyOne(Request& r) {
    for (const auto& t : dir_.Taxonomies()) {
      if (t.id == r.route.at("id")) return Json(200, HsdsTaxonomy(t));
    }
    return Open(http::Problem(404, "no taxonomy with that id"));
  }

  Response TaxonomyTerms(Request& r) {
    Paging p;
    if (auto bad = ReadPaging(r, p)) return Bad(bad->first, bad->second);
    std::string taxonomy = r.Query("taxonomy_id");
    std::string parent = r.Query("parent_id");
    std::vector<TaxonomyTerm> kept;
    for (auto& t : dir_.Terms()) {
      if (!taxonomy.empty() && t.taxonomy_id != taxonomy) continue;
      if (!parent.empty() && t.parent_id != parent) continue;
      kept.push_back(std::move(t));
    }
    auto taxonomies = dir_.Taxonomies();
    json::array contents = Slice<TaxonomyTerm>(kept, p, [&](const TaxonomyTerm& t) {
      const Taxonomy* tax = nullptr;
      for (const auto& x : taxonomies) {
        if (x.id == t.taxonomy_id) tax = &x;
      }
      return HsdsTerm(t, tax);
    });
    return Json(200, PageObject(static_cast<std::int64_t>(kept.size()), p, std::move(contents)));
  }

  Response TaxonomyTermOne(Request& r) {
    auto taxonomies = dir_.Taxonomies();
    for (const auto& t : dir_.Terms()) {
      if (t.id != r.route.at("id")) continue;
      const Taxonomy* tax = nullptr;
      for (const auto& x : taxonomies) {
        if (x.id == t.taxonomy_id) tax = &x;
      }
      return Json(200, HsdsTerm(t, tax));
    }
    return Open(http::Problem(404, "no taxonomy term with that id"));
  }

 private:
  TermLookup Terms() {
    return [this](const std::string& id) { return dir_.Term(id); };
  }

  // The query parameters both lists take; the field and message of the first that is wrong.
  std::optional<std::pair<std::string, std::string>> Read(const Request& r, Paging& p,
                                                          SearchQuery& q, bool services) {
    if (auto bad = ReadPaging(r, p)) return bad;
    q.page = p.page;
    q.per_page = p.per_page;
    q.text = r.Query("search");
    if (q.text.empty()) q.text = r.Query("text");  // the ORUK v1 name
    if (q.text.size() > 200) return {{"search", "must be at most 200 characters"}};
    for (const char* name : {"taxonomy_term_id", "taxonomy_id"}) {
      std::string t = r.Query(name);
      if (t.empty()) continue;
      if (std::string_view(name) == "taxonomy_id") {
        // Every term of that taxonomy.
        for (const auto& term : dir_.Terms()) {
          if (term.taxonomy_id == t) q.term_ids.push_back(term.id);
        }
        if (q.term_ids.empty()) q.term_ids.push_back(t);  // none: nothing matches
      } else {
        const TaxonomyTerm* term = dir_.Term(t);
        auto ids = TermAndChildren(dir_.Terms(), term ? term->id : t);
        q.term_ids.insert(q.term_ids.end(), ids.begin(), ids.end());
      }
    }
    q.organization_id = r.Query("organization_id");
    std::string postcode = r.Query("postcode");
    std::string proximity = r.Query("proximity");
    if (!postcode.empty()) {
      auto where = dir_.Locate(postcode);
      if (!where.ok()) {
        const auto& f = where.status().fields();
        return {{"postcode", f.empty() ? where.status().message() : f.front().message}};
      }
      q.near = where->place;
    }
    if (!proximity.empty()) {
      if (postcode.empty()) return {{"proximity", "needs a postcode to measure from"}};
      auto metres = WholeNumber(proximity, 1, 500000);
      if (!metres) return {{"proximity", "must be a whole number of metres, 1 to 500000"}};
      q.within_miles = *metres / kMetresPerMile;
    }
    if (std::string t = r.Query("modified_after"); !t.empty()) {
      auto when = ParseTimestamp(t);
      if (!when) return {{"modified_after", "must be a date-time such as 2026-01-31T09:00:00Z"}};
      q.modified_after = *when;
    }
    if (!services) return std::nullopt;
    for (auto [name, slot] : {std::pair{"minimum_age", &q.min_age}, {"maximum_age", &q.max_age}}) {
      std::string t = r.Query(name);
      if (t.empty()) continue;
      auto v = WholeNumber(t, 0, 150);
      if (!v) return {{name, "must be a whole number of years"}};
      *slot = *v;
    }
    if (std::string t = r.Query("day"); !t.empty()) {
      std::string day;
      for (char c : t)
        day.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
      auto it = std::find(kDayCodes.begin(), kDayCodes.end(), day.substr(0, 2));
      if (it == kDayCodes.end() || (day.size() != 2 && day.size() < 6)) {
        return {{"day", "must be MO, TU, WE, TH, FR, SA or SU"}};
      }
      q.day = static_cast<int>(it - kDayCodes.begin());
    }
    for (auto [name, slot] :
         {std::pair{"start_time", &q.start_minute}, {"end_time", &q.end_minute}}) {
      std::string t = r.Query(name);
      if (t.empty()) continue;
      auto v = ParseClock(t);
      if (!v) return {{name, "must be a time written HH:MM"}};
      *slot = *v;
    }
    return std::nullopt;
  }

  ServiceDirectory& dir_;
};

}  // namespace

void RegisterHsdsApi(http::Router& router, ServiceDirectory& directory) {
  auto api = std::make_shared<HsdsApi>(directory);
  auto add = [&](const char* path, Response (HsdsApi::*fn)(Request&)) {
    router.Add("GET", path, [api, fn](Request& r) { return ((*api).*fn)(r); });
  };
  add("/api/hsds", &HsdsApi::Root);
  add("/api/hsds/", &HsdsApi::Root);
  add("/api/hsds/services", &HsdsApi::Services);
  add("/api/hsds/services/{id}", &HsdsApi::Service);
  add("/api/hsds/service_at_locations", &HsdsApi::ServiceAtLocations);
  add("/api/hsds/service_at_locations/{id}", &HsdsApi::ServiceAtLocation);
  add("/api/hsds/organizations", &HsdsApi::Organizations);
  add("/api/hsds/organizations/{id}", &HsdsApi::OrganizationOne);
  add("/api/hsds/taxonomies", &HsdsApi::Taxonomies);
  add("/api/hsds/taxonomies/{id}", &HsdsApi::TaxonomyOne);
  add("/api/hsds/taxonomy_terms", &HsdsApi::TaxonomyTerms);
  add("/api/hsds/taxonomy_terms/{id}", &HsdsApi::TaxonomyTermOne);
}

}  // namespace linkway
