// The community organisations' side (role vcse; admins may use it for any organisation):
// GET /directory/mine (their services with capacity), POST /directory/services/{id}/capacity,
// GET and POST /directory/services/{id}/edit (a listing, or "new" to add one) with every
// change kept and shown.
#include <charconv>
#include <memory>

#include "core/text.hpp"
#include "directory/pages.hpp"
#include "web/form.hpp"
#include "web/pages.hpp"

namespace linkway {
namespace {

using namespace web;  // NOLINT(google-build-using-namespace): the page frame's words

std::optional<int> Number(const std::string& t) {
  int v = 0;
  auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (t.empty() || ec != std::errc() || end != t.data() + t.size()) return std::nullopt;
  return v;
}

const FieldInfo kFields[] = {
    {"name", "name", "Name", "Enter the service's name"},
    {"description", "description", "Description", "Describe the service"},
    {"categories", "category", "Categories", "Choose a category"},
    {"application_process", "join", "How to join", "Say how people join"},
    {"eligibility_description", "eligibility", "Who it is for", "Say who it is for"},
    {"minimum_age", "min_age", "Minimum age", "Enter the minimum age"},
    {"maximum_age", "max_age", "Maximum age", "Enter the maximum age"},
    {"fees_description", "fees", "Cost", "Say what it costs"},
    {"schedules[0].byday", "day", "Days", "Choose the days"},
    {"schedules[0].opens_at", "opens", "Starts at", "Enter the time it starts"},
    {"schedules[0].closes_at", "closes", "Ends at", "Enter the time it ends"},
    {"schedules[0].description", "when", "When", "Say when it runs"},
    {"postcode", "postcode", "Postcode", "Enter the venue's postcode"},
    {"phones[0].number", "phone", "Phone", "Enter a phone number"},
    {"email", "email", "Email", "Enter an email address"},
    {"url", "url", "Website", "Enter the website"},
    {"capacity", "capacity", "Capacity", "Choose the capacity"},
    {"wait_weeks", "wait_weeks", "Waiting list", "Enter the waiting list's length in weeks"},
};

class OrganisationPages {
 public:
  explicit OrganisationPages(ServiceDirectory& directory) : dir_(directory) {}

  http::Response Mine(http::Request& request) { return RenderMine(request, {}, "", 200); }

  http::Response SaveCapacity(http::Request& request) {
    const std::string& id = request.route.at("id");
    http::Params form = request.Form();
    std::string state = FormValue(form, "capacity");
    std::string weeks_text = Trim(FormValue(form, "wait_weeks"));
    int weeks = 0;
    FormErrors errors;
    if (state == "waiting_list") {
      auto w = Number(weeks_text);
      if (!w) {
        errors.Add("wait_weeks", "Enter the waiting list's length in weeks, like 6");
      } else {
        weeks = *w;
      }
    }
    if (errors.empty()) {
      Status s = dir_.SetCapacity(*request.principal, id, state, weeks);
      if (s.ok()) return http::Response::Redirect("/directory/mine?saved=capacity");
      if (s.code() != Code::kInvalid) return StatusPage(request, s);
      errors.AddStatus(s, kFields);
    }
    return RenderMine(request, errors, id, 422);
  }

  http::Response Edit(http::Request& request) {
    const std::string& id = request.route.at("id");
    Service s;
    if (id != "new") {
      auto found = dir_.Get(id);
      if (!found.ok() || !dir_.MayEdit(*request.principal, *found)) {
        return NotFoundPage(request);
      }
      s = *found;
    }
    return RenderEdit(request, s, {}, 200);
  }

  http::Response Save(http::Request& request) {
    const Principal& who = *request.principal;
    const std::string& id = request.route.at("id");
    Service s;
    if (id != "new") {
      auto found = dir_.Get(id);
      if (!found.ok() || !dir_.MayEdit(who, *found)) return NotFoundPage(request);
      s = *found;
    } else if (who.role != Role::kVcse) {
      return ForbiddenPage(request, "Services are added by their own organisation.");
    }
    http::Params form = request.Form();
    FormErrors errors;
    s.name = Trim(FormValue(form, "name"));
    s.description = Trim(FormValue(form, "description"));
    s.term_ids.clear();
    for (const auto& code : FormValues(form, "category")) {
      if (const auto* t = dir_.Term(code)) s.term_ids.push_back(t->id);
    }
    s.application_process = Trim(FormValue(form, "join"));
    s.eligibility_description = Trim(FormValue(form, "eligibility"));
    auto age = [&](const char* field, std::optional<int>& slot) {
      std::string t = Trim(FormValue(form, field));
      slot.reset();
      if (t.empty()) return;
      auto v = Number(t);
      if (!v) {
        errors.Add(field, "Age must be a whole number of years");
      } else {
        slot = *v;
      }
    };
    age("min_age", s.minimum_age);
    age("max_age", s.maximum_age);
    s.fees_description = Trim(FormValue(form, "fees"));
    Schedule sc = s.schedules.empty() ? Schedule{} : s.schedules.front();
    sc.description = Trim(FormValue(form, "when"));
    sc.byday = FormValues(form, "day");
    sc.opens_at = Trim(FormValue(form, "opens"));
    sc.closes_at = Trim(FormValue(form, "closes"));
    s.schedules.clear();
    if (!sc.byday.empty() || !sc.description.empty() || !sc.opens_at.empty()) {
      s.schedules.push_back(sc);
    }
    Location l = s.locations.empty() ? Location{} : s.locations.front();
    l.name = Trim(FormValue(form, "venue"));
    l.address.address_1 = Trim(FormValue(form, "address"));
    l.address.city = Trim(FormValue(form, "town"));
    std::string postcode = Trim(FormValue(form, "postcode"));
    if (!postcode.empty()) {
      auto where = dir_.Locate(postcode);
      if (!where.ok()) {
        if (where.status().code() != Code::kInvalid) return StatusPage(request, where.status());
        errors.AddStatus(where.status(), kFields);
      } else {
        l.address.postal_code = where->postcode;
        l.place = where->place;
      }
    } else {
      l.address.postal_code.clear();
      l.place.reset();
    }
    s.locations.clear();
    if (!l.name.empty() || !l.address.postal_code.empty()) s.locations.push_back(l);
    std::string phone = Trim(FormValue(form, "phone"));
    s.phones.clear();
    if (!phone.empty()) s.phones.push_back({"", phone, ""});
    s.email = Trim(FormValue(form, "email"));
    s.url = Trim(FormValue(form, "url"));
    if (FormValue(form, "assured") == "yes") s.assured_date = FormatDate(DayOf(dir_.Now()));
    if (errors.empty()) {
      auto saved = dir_.Save(who, s);
      if (saved.ok()) return http::Response::Redirect("/directory/mine?saved=listing");
      if (saved.status().code() != Code::kInvalid) return StatusPage(request, saved.status());
      errors.AddStatus(saved.status(), kFields);
    }
    return RenderEdit(request, s, errors, 422);
  }

 private:
  http::Response RenderMine(http::Request& request, const FormErrors& errors,
                            const std::string& failed, int status) {
    const Principal& who = *request.principal;
    auto services = dir_.ServicesOf(who.org_code);
    if (!services.ok()) return StatusPage(request, services.status());
    View view;
    view.status = status;
    view.title = "Your services";
    view.body = "directory_mine";
    view.has_errors = !errors.empty();
    Data& d = view.data;
    errors.AddTo(d);
    d.set("organisation", who.org_name);
    std::string saved = request.Query("saved");
    if (saved == "capacity") d.set("saved", "Capacity saved. Link workers see it now.");
    if (saved == "listing") d.set("saved", "Listing saved.");
    Data list = List();
    int n = 0;
    for (const auto& s : *services) {
      std::string key = "s" + std::to_string(++n);
      Data row = Object();
      row.set("key", key);
      row.set("name", s.name);
      row.set("href", "/directory/services/" + s.id);
      row.set("edit_href", "/directory/services/" + s.id + "/edit");
      row.set("capacity_action", "/directory/services/" + s.id + "/capacity");
      row.set("capacity", CapacityText(s.capacity));
      row.set("capacity_colour", CapacityColour(s.capacity));
      row.set("checked", CheckedText(s));
      row.set("stale", IsStale(s, DayOf(dir_.Now())));
      row.set("csrf_token", who.csrf_token);
      row.set("weeks", s.capacity.wait_weeks > 0 ? std::to_string(s.capacity.wait_weeks) : "");
      if (s.id == failed) {
        std::string e = errors.For("wait_weeks");
        if (e.empty()) e = errors.For("capacity");
        if (!e.empty()) row.set("capacity_error", e);
      }
      Data states = List();
      int i = 0;
      for (const auto& c : kCapacityStates) {
        Data o = Object();
        o.set("option_id", key + "-capacity" + (i++ == 0 ? "" : "-" + std::to_string(i)));
        o.set("value", std::string(c.code));
        o.set("label", std::string(c.label));
        o.set("checked", s.capacity.state == c.code);
        states.push_back(o);
      }
      row.set("states", states);
      list.push_back(row);
    }
    d.set("services", list);
    d.set("has_services", !services->empty());
    return RenderPage(request, view);
  }

  http::Response RenderEdit(http::Request& request, const Service& s, const FormErrors& errors,
                            int status) {
    const Principal& who = *request.principal;
    View view;
    view.status = status;
    bool adding = s.id.empty();
    view.title = adding ? "Add a service" : "Edit " + s.name;
    view.body = "service_edit";
    view.has_errors = !errors.empty();
    Data& d = view.data;
    errors.AddTo(d);
    d.set("heading", view.title);
    d.set("organisation", adding ? who.org_name : s.organization_name);
    d.set("action", "/directory/services/" + (adding ? std::string("new") : s.id) + "/edit");
    d.set("csrf_token", who.csrf_token);
    d.set("name_input", Input({.id = "name", .label = "Name", .value = s.name}, errors));
    d.set("description_input",
          Textarea("description", "Description", "What happens, and what people get from it",
                   s.description, errors));
    Data cats = List();
    int i = 0;
    for (const auto& t : dir_.Terms()) {
      if (t.parent_id.empty() && t.code != "befriending_social" && t.code != "mental_wellbeing" &&
          t.code != "carers" && t.code != "bereavement" && t.code != "substance_use" &&
          t.code != "weight_management") {
        continue;  // the headings "Activities" and "Practical support"
      }
      Data o = Object();
      o.set("id", i++ == 0 ? std::string("category") : "category-" + std::to_string(i));
      o.set("value", t.code);
      o.set("label", t.name);
      o.set("checked", std::find(s.term_ids.begin(), s.term_ids.end(), t.id) != s.term_ids.end());
      cats.push_back(o);
    }
    d.set("categories", cats);
    d.set("join_input", Textarea("join", "How to join", "Drop in, phone first, or on referral",
                                 s.application_process, errors));
    d.set("eligibility_input",
          Textarea("eligibility", "Who it is for", "", s.eligibility_description, errors));
    auto age = [](const std::optional<int>& a) { return a ? std::to_string(*a) : std::string(); };
    d.set("min_age_input", Input({.id = "min_age",
                                  .label = "Minimum age (optional)",
                                  .value = age(s.minimum_age),
                                  .width = "3",
                                  .inputmode = "numeric"},
                                 errors));
    d.set("max_age_input", Input({.id = "max_age",
                                  .label = "Maximum age (optional)",
                                  .value = age(s.maximum_age),
                                  .width = "3",
                                  .inputmode = "numeric"},
                                 errors));
    d.set("fees_input", Input({.id = "fees",
                               .label = "Cost",
                               .hint = "For example, free, or £2 a session",
                               .value = s.fees_description},
                              errors));
    const Schedule sc = s.schedules.empty() ? Schedule{} : s.schedules.front();
    d.set("when_input", Input({.id = "when",
                               .label = "When it runs",
                               .hint = "For example, every Tuesday morning",
                               .value = sc.description},
                              errors));
    static constexpr std::string_view kDayNames[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                                     "Friday", "Saturday", "Sunday"};
    Data days = List();
    for (std::size_t k = 0; k < kDayCodes.size(); ++k) {
      Data o = Object();
      o.set("id", k == 0 ? std::string("day") : "day-" + std::to_string(k + 1));
      o.set("value", std::string(kDayCodes[k]));
      o.set("label", std::string(kDayNames[k]));
      o.set("checked", std::find(sc.byday.begin(), sc.byday.end(), kDayCodes[k]) != sc.byday.end());
      days.push_back(o);
    }
    d.set("days", days);
    if (!errors.For("day").empty()) d.set("days_error", errors.For("day"));
    d.set("opens_input", Input({.id = "opens",
                                .label = "Starts at",
                                .hint = "24-hour time, like 10:00",
                                .value = sc.opens_at,
                                .width = "5"},
                               errors));
    d.set("closes_input", Input({.id = "closes",
                                 .label = "Ends at",
                                 .hint = "24-hour time, like 12:00",
                                 .value = sc.closes_at,
                                 .width = "5"},
                                errors));
    const Location l = s.locations.empty() ? Location{} : s.locations.front();
    d.set("venue_input", Input({.id = "venue", .label = "Venue", .value = l.name}, errors));
    d.set(
        "address_input",
        Input({.id = "address", .label = "Street address", .value = l.address.address_1}, errors));
    d.set("town_input",
          Input({.id = "town", .label = "Town", .value = l.address.city, .width = "20"}, errors));
    d.set("postcode_input", Input({.id = "postcode",
                                   .label = "Postcode",
                                   .value = l.address.postal_code,
                                   .width = "10",
                                   .autocomplete = "postal-code"},
                                  errors));
    d.set("phone_input", Input({.id = "phone",
                                .label = "Phone",
                                .value = s.phones.empty() ? "" : s.phones.front().number,
                                .type = "tel",
                                .width = "20",
                                .autocomplete = "tel"},
                               errors));
    d.set("email_input", Input({.id = "email",
                                .label = "Email",
                                .value = s.email,
                                .type = "email",
                                .autocomplete = "email",
                                .spellcheck_off = true},
                               errors));
    d.set("url_input",
          Input({.id = "url", .label = "Website", .value = s.url, .spellcheck_off = true}, errors));
    if (!adding) {
      auto history = dir_.History(who, s.id);
      if (history.ok()) {
        Data rows = List();
        for (const auto& e : *history) {
          Data r = Object();
          r.set("at", DisplayDateTime(e.at));
          r.set("by", e.by);
          r.set("summary", e.summary);
          rows.push_back(r);
        }
        d.set("history", rows);
        d.set("has_history", !history->empty());
      }
    }
    return RenderPage(request, view);
  }

  ServiceDirectory& dir_;
};

}  // namespace

void RegisterOrganisationPages(http::Router& router, ServiceDirectory& directory) {
  auto pages = std::make_shared<OrganisationPages>(directory);
  http::Needs vcse{.roles = {Role::kVcse},
                   .refusal = "Only community organisations list services."};
  router.Add("GET", "/directory/mine",
             GuardPage(vcse, [pages](http::Request& r) { return pages->Mine(r); }));
  http::Needs editors{.roles = {Role::kVcse, Role::kAdmin},
                      .refusal = "Only community organisations edit their services."};
  router.Add("GET", "/directory/services/{id}/edit",
             GuardPage(editors, [pages](http::Request& r) { return pages->Edit(r); }));
  editors.csrf = true;
  vcse.csrf = true;
  router.Add("POST", "/directory/services/{id}/edit",
             GuardPage(editors, [pages](http::Request& r) { return pages->Save(r); }));
  router.Add("POST", "/directory/services/{id}/capacity",
             GuardPage(vcse, [pages](http::Request& r) { return pages->SaveCapacity(r); }));
}

}  // namespace linkway
