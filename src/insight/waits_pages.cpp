// GET /insight/waits, with GET /api/v1/insight/waits and /api/v1/insight/forecast (JSON, or CSV
// with format=csv): capacity, waits for first contact, and the forecast of the wait.
#include <boost/json.hpp>
#include <memory>

#include "http/guard.hpp"
#include "http/problem.hpp"
#include "insight/figure_page.hpp"
#include "insight/module.hpp"
#include "web/pages.hpp"

namespace linkway {
namespace {

namespace json = boost::json;
using insight::FigurePage;
using insight::Fixed;
using insight::Section;
using insight::Table;

std::string Days(const std::optional<std::int64_t>& d) { return d ? std::to_string(*d) : ""; }
json::value DaysJson(const std::optional<std::int64_t>& d) {
  return d ? json::value(*d) : json::value(nullptr);
}

std::string ForecastWords(const Forecast& f) {
  if (!f.wait.days) return "no forecast: nobody left the waiting list in the last 8 weeks";
  return "about " + Fixed(*f.wait.days / 7.0) + " weeks (" + Fixed(*f.wait.days, 0) + " days)";
}

json::object ForecastJson(const Forecast& f) {
  json::array weeks;
  for (const auto& w : f.weeks) {
    weeks.push_back(json::object{{"week", w.week},
                                 {"arrivals", w.arrivals},
                                 {"departures", w.departures},
                                 {"waiting_at_end", w.waiting_at_end}});
  }
  json::object o{{"scope", f.scope.key},
                 {"waiting", f.waiting},
                 {"arrivals_per_week", f.wait.arrivals_per_week},
                 {"departures_per_week", f.wait.departures_per_week},
                 {"growing_3_weeks", f.growing},
                 {"weeks", std::move(weeks)}};
  o["forecast_days"] = f.wait.days ? json::value(*f.wait.days) : json::value(nullptr);
  return o;
}

Table WeeksTable(const Forecast& f) {
  Table t{"The waiting list week by week: " + f.scope.name,
          {"Week from", "Referrals in", "Left the wait", "Waiting at the end"},
          {false, true, true, true},
          {}};
  for (const auto& w : f.weeks) {
    t.rows.push_back({w.week, std::to_string(w.arrivals), std::to_string(w.departures),
                      std::to_string(w.waiting_at_end)});
  }
  return t;
}

Table MonthsTable(const Waits& w) {
  Table t{"Days from referral to first contact, by the month referred",
          {"Month", "First contacts", "Median days", "90th percentile days"},
          {false, true, true, true},
          {}};
  for (const auto& m : w.months) {
    t.rows.push_back({m.label, m.suppressed ? "<5" : std::to_string(m.n), Days(m.median_days),
                      Days(m.p90_days)});
  }
  return t;
}

Section ForecastSection(const Forecast& f) {
  Section s;
  s.heading = "The waiting list now";
  if (f.growing) {
    s.warning =
        "The waiting list has grown in each of the last 3 weeks: more referrals are "
        "arriving than link workers are reaching.";
  }
  s.paragraphs.push_back(std::to_string(f.waiting) +
                         " people are waiting for a first contact. A referral made today would "
                         "wait " +
                         ForecastWords(f) + ".");
  s.paragraphs.push_back("Over the last 8 weeks " + Fixed(f.wait.arrivals_per_week) +
                         " referrals arrived and " + Fixed(f.wait.departures_per_week) +
                         " left the wait a week. The forecast is the people ahead of a new "
                         "referral over the rate people leave the wait.");
  std::vector<std::string> xs;
  insight::Series waiting{"Waiting at the end of the week", "#005eb8", {}};
  insight::Series in{"Referrals in", "#007f3b", {}};
  for (const auto& w : f.weeks) {
    xs.push_back(w.week.substr(5));
    waiting.values.emplace_back(static_cast<double>(w.waiting_at_end));
    in.values.emplace_back(static_cast<double>(w.arrivals));
  }
  s.svg = insight::LinesSvg("The waiting list week by week", xs, {waiting, in});
  s.caption =
      "The waiting list at the end of each of the last 8 weeks, and referrals in. The "
      "figures are in the table.";
  s.table = WeeksTable(f);
  return s;
}

class WaitsPages {
 public:
  explicit WaitsPages(Insight& insight) : insight_(insight) {}

  http::Response WaitsApi(http::Request& r) {
    auto w = insight_.WaitsFor(*r.principal, Query(r));
    if (!w.ok()) return http::Problem(w.status());
    if (r.Query("format") == "csv")
      return insight::CsvResponse(TableCsv(MonthsTable(*w)), "waits.csv");
    json::array months, workers, pcns;
    for (const auto& m : w->months) {
      months.push_back(
          json::object{{"month", m.key},
                       {"first_contacts", m.suppressed ? json::value("<5") : json::value(m.n)},
                       {"median_days", DaysJson(m.median_days)},
                       {"p90_days", DaysJson(m.p90_days)}});
    }
    for (const auto& lw : w->link_workers) {
      workers.push_back(json::object{
          {"name", lw.name},
          {"caseload", lw.caseload},
          {"capacity", lw.capacity},
          {"waiting", lw.waiting},
          {"first_contacts", lw.waits.suppressed ? json::value("<5") : json::value(lw.waits.n)},
          {"median_days", DaysJson(lw.waits.median_days)},
          {"p90_days", DaysJson(lw.waits.p90_days)}});
    }
    for (const auto& f : w->pcns) pcns.push_back(ForecastJson(f));
    json::object o{{"period", json::object{{"from", w->period.from}, {"to", w->period.to}}},
                   {"scope", w->scope.key},
                   {"months", std::move(months)},
                   {"link_workers", std::move(workers)},
                   {"pcns", std::move(pcns)}};
    return http::Response::Json(200, json::serialize(o));
  }

  http::Response ForecastApi(http::Request& r) {
    std::string scope = r.Query("scope");
    if (scope.empty() && !r.principal->pcn_code.empty()) scope = "pcn:" + r.principal->pcn_code;
    auto f = insight_.ForecastFor(*r.principal, scope);
    if (!f.ok()) return http::Problem(f.status());
    if (r.Query("format") == "csv")
      return insight::CsvResponse(TableCsv(WeeksTable(*f)), "forecast.csv");
    return http::Response::Json(200, json::serialize(ForecastJson(*f)));
  }

  http::Response Page(http::Request& r) {
    FigureQuery q = Query(r);
    auto w = insight_.WaitsFor(*r.principal, q);
    web::FormErrors errors;
    if (!insight::PageErrors(w.status(), errors) && !w.ok()) {
      return web::StatusPage(r, w.status());
    }
    FigurePage page;
    page.title = "Capacity and waits";
    page.lead =
        "How long people wait for a first contact with a link worker, whether the list "
        "is growing, and each link worker's caseload against their capacity.";
    page.action = "/insight/waits";
    page.inputs =
        insight::PeriodInputs(w.ok() ? w->period.from : q.from, w.ok() ? w->period.to : q.to);
    std::vector<std::pair<std::string, std::string>> scopes;
    for (const auto& s : insight_.ScopesFor(*r.principal)) {
      if (s.first.rfind("practice:", 0) != 0) scopes.push_back(s);
    }
    page.selects.push_back({"scope", "Link workers of", scopes, w.ok() ? w->scope.key : q.scope});
    if (w.ok()) {
      if (w->scope.level == "pcn") {
        auto f = insight_.ForecastFor(*r.principal, w->scope.key);
        if (!f.ok()) return web::StatusPage(r, f.status());
        page.sections.push_back(ForecastSection(*f));
        page.sections.push_back(WorkersSection(*w));
      } else {
        page.sections.push_back(PcnsSection(*w));
      }
      page.sections.push_back(MonthsSection(*w));
      std::string query = "?from=" + w->period.from + "&to=" + w->period.to +
                          "&scope=" + http::UrlEncode(w->scope.key);
      page.csv_href = "/api/v1/insight/waits" + query + "&format=csv";
      page.json_href = "/api/v1/insight/waits" + query;
    }
    return insight::RenderFigure(r, page, errors);
  }

 private:
  static FigureQuery Query(const http::Request& r) {
    return {r.Query("from"), r.Query("to"), r.Query("scope"), ""};
  }
  static Section WorkersSection(const Waits& w) {
    Section s;
    s.heading = "Link workers";
    if (w.link_workers.empty()) {
      s.paragraphs.push_back("This PCN has no link workers in Linkway yet.");
      return s;
    }
    std::vector<insight::Bar> bars;
    Table t{"Each link worker's caseload and waits",
            {"Link worker", "Caseload", "Capacity", "Of capacity", "Waiting for them",
             "First contacts", "Median days", "90th percentile days"},
            {false, true, true, true, true, true, true, true},
            {}};
    for (const auto& lw : w.link_workers) {
      double share =
          lw.capacity > 0 ? static_cast<double>(lw.caseload) / static_cast<double>(lw.capacity) : 0;
      bars.push_back({lw.name, share * 100, std::nullopt});
      t.rows.push_back({lw.name, std::to_string(lw.caseload), std::to_string(lw.capacity),
                        insight::Percent(share, 0), std::to_string(lw.waiting),
                        lw.waits.suppressed ? "<5" : std::to_string(lw.waits.n),
                        Days(lw.waits.median_days), Days(lw.waits.p90_days)});
    }
    s.paragraphs.push_back(
        "Caseload is the people contacted or active; capacity is the caseload "
        "each link worker can hold, as set on their profile.");
    s.svg =
        insight::BarsSvg("Caseload as a per cent of capacity", bars, std::pair{100.0, "Capacity"});
    s.caption =
        "Each link worker's caseload as a per cent of their capacity (dashed line: "
        "full). The figures are in the table.";
    s.table = t;
    return s;
  }
  static Section PcnsSection(const Waits& w) {
    Section s;
    s.heading = "Each PCN's waiting list";
    Table t{
        "Waiting lists and forecasts by PCN",
        {"PCN", "Waiting", "In a week", "Out a week", "Forecast wait (days)", "Growing 3 weeks"},
        {false, true, true, true, true, false},
        {}};
    std::vector<std::string> growing;
    for (const auto& f : w.pcns) {
      t.rows.push_back({f.scope.name, std::to_string(f.waiting), Fixed(f.wait.arrivals_per_week),
                        Fixed(f.wait.departures_per_week),
                        f.wait.days ? Fixed(*f.wait.days, 0) : "no forecast",
                        f.growing ? "Yes" : "No"});
      if (f.growing) growing.push_back(f.scope.name);
    }
    if (!growing.empty()) {
      std::string names;
      for (const auto& g : growing) names += (names.empty() ? "" : ", ") + g;
      s.warning = "Waiting lists that grew in each of the last 3 weeks: " + names + ".";
    }
    s.table = t;
    return s;
  }
  static Section MonthsSection(const Waits& w) {
    Section s;
    s.heading = "Days to first contact";
    std::vector<std::string> xs;
    insight::Series median{"Median", "#005eb8", {}}, p90{"90th percentile", "#d5281b", {}};
    for (const auto& m : w.months) {
      xs.push_back(m.label);
      median.values.push_back(m.median_days
                                  ? std::optional<double>(static_cast<double>(*m.median_days))
                                  : std::nullopt);
      p90.values.push_back(m.p90_days ? std::optional<double>(static_cast<double>(*m.p90_days))
                                      : std::nullopt);
    }
    s.svg = insight::LinesSvg("Days from referral to first contact by month", xs, {median, p90});
    s.caption =
        "Days from referral to first contact, median and 90th percentile, by the month "
        "referred. The figures are in the table.";
    s.table = MonthsTable(w);
    return s;
  }

  Insight& insight_;
};

}  // namespace

void RegisterWaitsPages(http::Router& router, Insight& insight) {
  auto pages = std::make_shared<WaitsPages>(insight);
  http::Needs needs{.roles = {Role::kCommissioner, Role::kLinkWorker, Role::kAdmin},
                    .refusal = "These figures are for commissioners and PCN staff."};
  router.Add("GET", "/api/v1/insight/waits",
             http::GuardApi(needs, [pages](http::Request& r) { return pages->WaitsApi(r); }));
  router.Add("GET", "/api/v1/insight/forecast",
             http::GuardApi(needs, [pages](http::Request& r) { return pages->ForecastApi(r); }));
  router.Add("GET", "/insight/waits",
             web::GuardPage(needs, [pages](http::Request& r) { return pages->Page(r); }));
}

}  // namespace linkway
