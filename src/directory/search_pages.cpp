// The public directory: GET /directory (search near a postcode, by words, category, age, day
// and capacity) and GET /directory/services/{id} (one service, with how it answers
// referrals). No sign-in, no JavaScript; a postcode that is wrong or unknown is said to be so.
#include <charconv>
#include <cmath>
#include <memory>

#include <fmt/core.h>

#include "core/text.hpp"
#include "directory/pages.hpp"
#include "web/form.hpp"
#include "web/pages.hpp"

namespace linkway {

using namespace web;  // NOLINT(google-build-using-namespace): the page frame's words

std::string CapacityText(const Capacity& c) {
  if (c.state == "waiting_list") return "Waiting list: " + std::to_string(c.wait_weeks) + " weeks";
  return std::string(LabelOf(kCapacityStates, c.state));
}

std::string CapacityColour(const Capacity& c) {
  if (c.state == "accepting") return "green";
  if (c.state == "waiting_list") return "yellow";
  return "red";
}

std::string CheckedText(const Service& s) {
  auto day = ParseDate(s.assured_date);
  return day ? FormatDisplayDate(*day * 86400) : "Never";
}

std::string PlaceText(const Location& l) {
  if (l.confidential) return "A confidential address in the " + l.area + " area, given on referral";
  std::string out = l.name;
  for (const auto& part : {l.address.address_1, l.address.city, l.address.postal_code}) {
    if (!part.empty()) out += (out.empty() ? "" : ", ") + part;
  }
  return out;
}

std::vector<std::string> ScheduleLines(const Service& s) {
  static constexpr std::string_view kDays[] = {"Mondays", "Tuesdays",  "Wednesdays", "Thursdays",
                                               "Fridays", "Saturdays", "Sundays"};
  std::vector<std::string> out;
  for (const auto& sc : s.schedules) {
    std::string days;
    for (const auto& d : sc.byday) {
      auto it = std::find(kDayCodes.begin(), kDayCodes.end(), d);
      if (it == kDayCodes.end()) continue;
      days += (days.empty() ? "" : ", ") + std::string(kDays[it - kDayCodes.begin()]);
    }
    std::string line = sc.description.empty() ? days : sc.description;
    if (!sc.opens_at.empty() && !sc.closes_at.empty()) {
      line += (line.empty() ? "" : ", ") + sc.opens_at + " to " + sc.closes_at;
    }
    if (!line.empty()) out.push_back(line);
  }
  return out;
}

namespace {

std::string Miles(double m) {
  if (m < 0.1) return "less than 0.1";
  return fmt::format("{:.1f}", m);
}

std::string Summary(const std::string& text) {
  if (text.size() <= 220) return text;
  std::size_t cut = text.rfind(' ', 220);
  if (cut == std::string::npos) return Shorten(text, 220) + " ...";
  return text.substr(0, cut) + " ...";
}

class SearchPages {
 public:
  explicit SearchPages(ServiceDirectory& directory) : dir_(directory) {}

  http::Response Search(http::Request& request) {
    DirectoryQuery q;
    q.text = Trim(request.Query("q"));
    q.category = request.Query("category");
    q.postcode = Trim(request.Query("postcode"));
    FormErrors errors;
    std::string miles = request.Query("miles");
    if (!miles.empty()) {
      int m = 0;
      auto [end, ec] = std::from_chars(miles.data(), miles.data() + miles.size(), m);
      if (ec != std::errc() || end != miles.data() + miles.size() || m < 1 || m > 200) {
        errors.Add("miles", "Choose a distance");
      } else {
        q.within_miles = m;
      }
    }
    std::string age = Trim(request.Query("age"));
    if (!age.empty()) {
      int a = 0;
      auto [end, ec] = std::from_chars(age.data(), age.data() + age.size(), a);
      if (ec != std::errc() || end != age.data() + age.size() || a < 0 || a > 120) {
        errors.Add("age", "Age must be a whole number of years, like 67");
      } else {
        q.age = a;
      }
    }
    std::string day = request.Query("day");
    if (!day.empty()) {
      auto it = std::find(kDayCodes.begin(), kDayCodes.end(), day);
      if (it != kDayCodes.end()) q.day = static_cast<int>(it - kDayCodes.begin());
    }
    q.accepting_only = request.Query("accepting") == "yes";
    q.page = ParsePage(request.Query("page"));
    bool searched = !q.text.empty() || !q.category.empty() || !q.postcode.empty() || q.age ||
                    q.day >= 0 || q.accepting_only;
    if (q.within_miles > 0 && q.postcode.empty()) {
      errors.Add("postcode", "Enter a postcode to search within a distance");
    }
    Result<DirectoryResult> found = DirectoryResult{};
    if (searched && errors.empty()) {
      found = dir_.Search(q);
      if (!found.ok()) {
        if (found.status().code() != Code::kInvalid) return StatusPage(request, found.status());
        const FieldInfo fields[] = {{"postcode", "postcode", "Postcode", "Enter a postcode"},
                                    {"category", "category", "Category", "Choose a category"},
                                    {"miles", "miles", "Distance", "Choose a distance"},
                                    {"age", "age", "Age", "Enter an age"}};
        errors.AddStatus(found.status(), fields);
      }
    }
    View view;
    view.title = "Find a community service";
    view.body = "directory_search";
    view.status = errors.empty() ? 200 : 422;
    view.has_errors = !errors.empty();
    Data& d = view.data;
    errors.AddTo(d);
    d.set("text_input", Input({.id = "q",
                               .label = "What are you looking for?",
                               .hint = "For example, walking group, debt advice or carers",
                               .value = q.text},
                              errors));
    d.set("postcode_input", Input({.id = "postcode",
                                   .label = "Postcode",
                                   .hint = "To find services near you",
                                   .value = q.postcode,
                                   .width = "10",
                                   .autocomplete = "postal-code"},
                                  errors));
    d.set("age_input", Input({.id = "age",
                              .label = "Age (optional)",
                              .value = age,
                              .width = "3",
                              .inputmode = "numeric"},
                             errors));
    if (!errors.For("miles").empty()) d.set("miles_error", errors.For("miles"));
    Data cats = List();
    for (const auto& t : dir_.Terms()) {
      Data o = Object();
      o.set("value", t.code);
      o.set("label", t.parent_id.empty() ? t.name : "  " + t.name);
      o.set("selected", t.code == q.category || t.id == q.category);
      cats.push_back(o);
    }
    d.set("categories", cats);
    Data miles_options = List();
    for (int m : {0, 1, 3, 5, 10, 20, 50}) {
      Data o = Object();
      o.set("value", m == 0 ? std::string() : std::to_string(m));
      o.set("label", m == 0 ? std::string("Any distance")
                            : std::to_string(m) + (m == 1 ? " mile" : " miles"));
      o.set("selected", static_cast<int>(q.within_miles) == m);
      miles_options.push_back(o);
    }
    d.set("miles_options", miles_options);
    static constexpr std::string_view kDayNames[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                                     "Friday", "Saturday", "Sunday"};
    Data days = List();
    Data any = Object();
    any.set("value", "");
    any.set("label", "Any day");
    days.push_back(any);
    for (int i = 0; i < 7; ++i) {
      Data o = Object();
      o.set("value", std::string(kDayCodes[static_cast<std::size_t>(i)]));
      o.set("label", std::string(kDayNames[i]));
      o.set("selected", q.day == i);
      days.push_back(o);
    }
    d.set("day_options", days);
    d.set("accepting", q.accepting_only);
    d.set("searched", searched && errors.empty());
    if (searched && errors.empty() && found.ok()) {
      d.set("total_text", std::to_string(found->total) +
                              (found->total == 1 ? " service found" : " services found"));
      if (found->postcode) d.set("from_postcode", found->postcode->postcode);
      Data hits = List();
      for (const auto& h : found->hits) hits.push_back(HitData(h));
      d.set("hits", hits);
      d.set("has_hits", !found->hits.empty());
      std::string base = "/directory?q=" + http::UrlEncode(q.text) +
                         "&category=" + http::UrlEncode(q.category) +
                         "&postcode=" + http::UrlEncode(q.postcode) + "&miles=" + miles +
                         "&age=" + http::UrlEncode(age) + "&day=" + http::UrlEncode(day) +
                         (q.accepting_only ? "&accepting=yes" : "");
      d.set("pagination", Pagination(found->page, found->pages(),
                                     [&](int n) { return base + "&page=" + std::to_string(n); }));
    }
    return RenderPage(request, view);
  }

  http::Response ServicePage(http::Request& request) {
    auto s = dir_.Get(request.route.at("id"));
    if (!s.ok()) return StatusPage(request, s.status());
    View view;
    view.title = s->name;
    view.body = "directory_service";
    Data& d = view.data;
    d.set("id", s->id);
    d.set("name", s->name);
    d.set("organisation", s->organization_name);
    d.set("description", s->description);
    d.set("capacity", CapacityText(s->capacity));
    d.set("capacity_colour", CapacityColour(s->capacity));
    if (s->status != "active")
      d.set("status_note", std::string(LabelOf(kServiceStatuses, s->status)));
    d.set("stale", IsStale(*s, DayOf(dir_.Now())));
    d.set("checked", CheckedText(*s));
    Data facts = List();
    auto fact = [&](const std::string& key, std::vector<std::string> lines) {
      std::erase_if(lines, [](const std::string& l) { return l.empty(); });
      if (lines.empty()) return;
      Data f = Object();
      f.set("key", key);
      Data ls = List();
      for (auto& l : lines) ls.push_back(Data(l));
      f.set("lines", ls);
      facts.push_back(f);
    };
    std::vector<std::string> cats;
    for (const auto& t : s->term_ids) {
      if (const auto* term = dir_.Term(t)) cats.push_back(term->name);
    }
    fact("Categories", cats);
    fact("When", ScheduleLines(*s));
    std::vector<std::string> where;
    for (const auto& l : s->locations) where.push_back(PlaceText(l));
    fact("Where", where);
    std::string ages;
    if (s->minimum_age && s->maximum_age) {
      ages = "Ages " + std::to_string(*s->minimum_age) + " to " + std::to_string(*s->maximum_age);
    } else if (s->minimum_age) {
      ages = "Ages " + std::to_string(*s->minimum_age) + " and over";
    } else if (s->maximum_age) {
      ages = "Up to age " + std::to_string(*s->maximum_age);
    }
    fact("Who it is for", {ages, s->eligibility_description});
    fact("How to join", {s->application_process});
    std::vector<std::string> cost = {s->fees_description};
    for (const auto& c : s->cost_options) {
      std::string line = c.option;
      if (c.amount) line += (line.empty() ? "" : ": ") + fmt::format("£{:.2f}", *c.amount);
      cost.push_back(line);
    }
    fact("Cost", cost);
    std::vector<std::string> contact;
    for (const auto& p : s->phones)
      contact.push_back(p.number + (p.description.empty() ? "" : " (" + p.description + ")"));
    contact.push_back(s->email);
    contact.push_back(s->url);
    fact("Contact", contact);
    std::vector<std::string> langs;
    for (const auto& l : s->languages) langs.push_back(l.name);
    fact("Languages", langs);
    std::vector<std::string> access;
    for (const auto& l : s->locations) {
      if (!l.confidential) access.push_back(l.accessibility);
    }
    fact("Access", access);
    d.set("facts", facts);
    const Principal* who = request.principal ? &*request.principal : nullptr;
    d.set("may_edit", who && dir_.MayEdit(*who, *s));
    d.set("edit_href", "/directory/services/" + s->id + "/edit");
    d.set("may_refer", who && who->role == Role::kLinkWorker);
    ReplyStats r = dir_.Replies(s->id);
    d.set("has_replies", r.answered > 0);
    if (r.answered > 0) {
      int days = static_cast<int>(std::ceil(r.median_days));
      d.set("median_days", days <= 1 ? std::string("a day") : std::to_string(days) + " days");
      d.set("accepted_share",
            std::to_string(static_cast<int>(std::lround(100.0 * r.accepted / r.answered))) + "%");
      d.set("answered", std::to_string(r.answered));
      d.set("sent", std::to_string(r.sent));
    }
    return RenderPage(request, view);
  }

 private:
  Data HitData(const DirectoryHit& h) {
    const Service& s = h.service;
    Data row = Object();
    row.set("href", "/directory/services/" + s.id);
    row.set("name", s.name);
    row.set("organisation", s.organization_name);
    if (h.miles) row.set("miles", Miles(*h.miles));
    if (!s.locations.empty() && !h.miles) {
      const auto& l = s.locations.front();
      row.set("area", l.confidential ? l.area : l.address.city);
    }
    row.set("summary", Summary(s.description));
    row.set("capacity", CapacityText(s.capacity));
    row.set("capacity_colour", CapacityColour(s.capacity));
    std::string cats;
    for (const auto& t : s.term_ids) {
      if (const auto* term = dir_.Term(t)) cats += (cats.empty() ? "" : ", ") + term->name;
    }
    row.set("categories", cats);
    row.set("checked", CheckedText(s));
    row.set("stale", h.stale);
    return row;
  }

  ServiceDirectory& dir_;
};

}  // namespace

void RegisterSearchPages(http::Router& router, ServiceDirectory& directory) {
  auto pages = std::make_shared<SearchPages>(directory);
  router.Add("GET", "/directory", [pages](http::Request& r) { return pages->Search(r); });
  router.Add("GET", "/directory/services/{id}",
             [pages](http::Request& r) { return pages->ServicePage(r); });
}

}  // namespace linkway
