// The activity pages and their API: /insight/activity (trends by month and a breakdown by
// reason, source or activity), /insight/equity and /insight/me, with GET /api/v1/insight/trend,
// /breakdown, /equity and /me as JSON or, with format=csv, CSV.
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

FigureQuery QueryOf(const http::Request& r) {
  return {r.Query("from"), r.Query("to"), r.Query("scope"), r.Query("by")};
}

json::value Count(const Shown& s) {
  if (s.suppressed) return json::value(s.Text());
  return json::value(s.count);
}

json::object PeriodJson(const Period& p) { return {{"from", p.from}, {"to", p.to}}; }

std::string Query(const std::string& path, const Period& period, const std::string& scope,
                  const std::string& by) {
  std::string out = path + "?from=" + period.from + "&to=" + period.to;
  if (!scope.empty()) out += "&scope=" + http::UrlEncode(scope);
  if (!by.empty()) out += "&by=" + by;
  return out;
}

std::string Rate(std::int64_t count, std::int64_t population) {
  return population > 0 ? Fixed(insight::RatePer1000(count, population), 2) : "";
}

std::string Rate(const Shown& count, std::int64_t population) {
  return count.suppressed ? "" : Rate(count.count, population);
}

Table TrendTable(const Trend& t) {
  Table table{"Referrals and signposts by month: " + t.scope.name,
              {"Month", "Referrals", "Signposts", "Referrals per 1,000", "Signposts per 1,000"},
              {false, true, true, true, true},
              {}};
  for (const auto& m : t.months) {
    table.rows.push_back({m.month, m.referrals.Text(), m.signposts.Text(),
                          Rate(m.referrals, t.population), Rate(m.signposts, t.population)});
  }
  return table;
}

// A chart point, or a gap where the count is hidden.
std::optional<double> Point(const Shown& count, std::int64_t population) {
  if (count.suppressed) return std::nullopt;
  if (population > 0) return insight::RatePer1000(count.count, population);
  return static_cast<double>(count.count);
}

Section TrendSection(const Trend& t) {
  Section s;
  s.heading = "By month";
  std::vector<std::string> xs;
  insight::Series referrals{"Referrals", "#005eb8", {}}, signposts{"Signposts", "#007f3b", {}};
  for (const auto& m : t.months) {
    xs.push_back(m.month);
    referrals.values.push_back(Point(m.referrals, t.population));
    signposts.values.push_back(Point(m.signposts, t.population));
  }
  std::string unit = t.population > 0 ? "per 1,000 registered patients" : "counts";
  s.paragraphs.push_back(t.population > 0
                             ? "Per 1,000 of the " + std::to_string(t.population) +
                                   " patients registered at these practices."
                             : "No list sizes are held for these practices, so the chart shows "
                               "counts.");
  if (t.scope.suppresses()) {
    s.paragraphs.push_back(
        "Counts from 1 to 4 are shown as <5, and one hidden so that those cannot be worked out "
        "from the total as *; the chart leaves a gap for each.");
  }
  s.svg =
      insight::LinesSvg("Referrals and signposts by month, " + unit, xs, {referrals, signposts});
  s.caption = "Referrals and signposts by month, " + unit + ". The figures are in the table.";
  s.table = TrendTable(t);
  return s;
}

json::object TrendJson(const Trend& t) {
  json::array months;
  for (const auto& m : t.months) {
    json::object o{
        {"month", m.month}, {"referrals", Count(m.referrals)}, {"signposts", Count(m.signposts)}};
    if (t.population > 0) {
      auto r = Point(m.referrals, t.population), s = Point(m.signposts, t.population);
      o["referrals_per_1000"] = r ? json::value(*r) : json::value(nullptr);
      o["signposts_per_1000"] = s ? json::value(*s) : json::value(nullptr);
    }
    months.push_back(std::move(o));
  }
  return {{"period", PeriodJson(t.period)},
          {"scope", t.scope.key},
          {"population", t.population},
          {"months", std::move(months)},
          {"total_referrals", Count(t.total_referrals)},
          {"total_signposts", Count(t.total_signposts)}};
}

class ActivityPages {
 public:
  explicit ActivityPages(Insight& insight) : insight_(insight) {}

  http::Response TrendApi(http::Request& r) {
    auto t = insight_.Trends(*r.principal, QueryOf(r));
    if (!t.ok()) return http::Problem(t.status());
    if (r.Query("format") == "csv")
      return insight::CsvResponse(TableCsv(TrendTable(*t)), "trend.csv");
    return http::Response::Json(200, json::serialize(TrendJson(*t)));
  }

  http::Response BreakdownApi(http::Request& r) {
    auto b = insight_.Breakdowns(*r.principal, QueryOf(r));
    if (!b.ok()) return http::Problem(b.status());
    if (r.Query("format") == "csv") {
      return insight::CsvResponse(TableCsv(BreakdownTable(*b)), "breakdown-" + b->by + ".csv");
    }
    json::array rows;
    for (const auto& row : b->rows) {
      rows.push_back(json::object{{"value", row.value},
                                  {"label", row.label},
                                  {"referrals", Count(row.referrals)},
                                  {"signposts", Count(row.signposts)}});
    }
    json::object o{{"period", PeriodJson(b->period)},
                   {"scope", b->scope.key},
                   {"by", b->by},
                   {"rows", std::move(rows)},
                   {"total_referrals", Count(b->total_referrals)},
                   {"total_signposts", Count(b->total_signposts)}};
    return http::Response::Json(200, json::serialize(o));
  }

  http::Response ActivityPage(http::Request& r) {
    FigureQuery q = QueryOf(r);
    if (q.by.empty()) q.by = "reason";
    auto b = insight_.Breakdowns(*r.principal, q);
    web::FormErrors errors;
    if (!insight::PageErrors(b.status(), errors) && !b.ok()) return web::StatusPage(r, b.status());
    FigurePage page;
    page.title = "Referrals and signposts";
    page.lead =
        "How much social prescribing the practices do, why, and who refers: signposting is "
        "counted beside referrals, so the one-action help is seen too.";
    page.action = "/insight/activity";
    page.inputs =
        insight::PeriodInputs(b.ok() ? b->period.from : q.from, b.ok() ? b->period.to : q.to);
    page.selects.push_back(ScopeSelect(r, b.ok() ? b->scope.key : q.scope));
    page.selects.push_back({"by",
                            "Broken down by",
                            {{"reason", "Referral reason"},
                             {"source", "Who referred"},
                             {"activity", "Referrals and signposts by month"}},
                            q.by});
    if (b.ok()) {
      auto t = insight_.Trends(*r.principal, q);
      if (!t.ok()) return web::StatusPage(r, t.status());
      Section head;
      head.heading = b->scope.name + ", " + b->period.from + " to " + b->period.to;
      head.paragraphs.push_back(b->total_referrals.Text() + " referrals and " +
                                b->total_signposts.Text() + " signposts.");
      page.sections.push_back(head);
      page.sections.push_back(TrendSection(*t));
      if (b->by != "activity") page.sections.push_back(BreakdownSection(*b));
      page.csv_href =
          Query("/api/v1/insight/breakdown", b->period, b->scope.key, b->by) + "&format=csv";
      page.json_href = Query("/api/v1/insight/breakdown", b->period, b->scope.key, b->by);
    }
    return insight::RenderFigure(r, page, errors);
  }

  http::Response EquityApi(http::Request& r) {
    auto e = insight_.Equities(*r.principal, QueryOf(r));
    if (!e.ok()) return http::Problem(e.status());
    if (r.Query("format") == "csv") {
      return insight::CsvResponse(TableCsv(EquityTable(*e)), "equity-" + e->by + ".csv");
    }
    json::array rows;
    for (const auto& row : e->rows) {
      json::object o{{"value", row.value}, {"label", row.label}, {"count", Count(row.count)}};
      o["population"] = row.population > 0 ? json::value(row.population) : json::value(nullptr);
      if (row.rate_per_1000) {
        o["rate_per_1000"] = *row.rate_per_1000;
        o["ci95"] = json::array{row.ci95->low, row.ci95->high};
      } else {
        o["rate_per_1000"] = nullptr;
        o["ci95"] = nullptr;
      }
      rows.push_back(std::move(o));
    }
    json::object o{{"period", PeriodJson(e->period)},
                   {"scope", e->scope.key},
                   {"by", e->by},
                   {"rows", std::move(rows)},
                   {"total", Count(e->total)},
                   {"population_note", e->population_note}};
    return http::Response::Json(200, json::serialize(o));
  }

  http::Response EquityPage(http::Request& r) {
    FigureQuery q = QueryOf(r);
    if (q.by.empty()) q.by = "imd";
    auto e = insight_.Equities(*r.principal, q);
    web::FormErrors errors;
    if (!insight::PageErrors(e.status(), errors) && !e.ok()) return web::StatusPage(r, e.status());
    FigurePage page;
    page.title = "Equity of referrals";
    page.lead =
        "Whether social prescribing reaches the people who stand to gain most: referrals per "
        "1,000 registered patients by deprivation, age, sex, rurality and practice.";
    page.action = "/insight/equity";
    page.inputs =
        insight::PeriodInputs(e.ok() ? e->period.from : q.from, e.ok() ? e->period.to : q.to);
    page.selects.push_back(ScopeSelect(r, e.ok() ? e->scope.key : q.scope));
    page.selects.push_back({"by",
                            "By",
                            {{"imd", "Deprivation decile (IMD 2019)"},
                             {"age", "Age band"},
                             {"sex", "Sex"},
                             {"rurality", "Rurality (rural-urban class)"},
                             {"practice", "Practice"}},
                            q.by});
    if (e.ok()) {
      Section s;
      s.heading = e->scope.name + ", " + e->period.from + " to " + e->period.to;
      s.paragraphs.push_back(e->total.Text() + " referrals. " + e->population_note);
      if (e->scope.suppresses()) {
        s.paragraphs.push_back(
            "Counts from 1 to 4 are shown as <5, and a count hidden so that one of those "
            "cannot be worked out from the total as *.");
      }
      std::vector<insight::Bar> bars;
      bool rates = false;
      for (const auto& row : e->rows) rates = rates || row.rate_per_1000.has_value();
      for (const auto& row : e->rows) {
        if (row.count.suppressed) continue;
        if (rates && !row.rate_per_1000) continue;
        insight::Bar bar{row.label,
                         rates ? *row.rate_per_1000 : static_cast<double>(row.count.count),
                         std::nullopt};
        if (row.ci95) bar.interval = std::pair{row.ci95->low, row.ci95->high};
        bars.push_back(bar);
      }
      std::string unit = rates ? "referrals per 1,000 registered patients, with 95% intervals"
                               : "referrals (no populations held)";
      s.svg = insight::BarsSvg("Equity: " + unit, bars);
      s.caption = "By " + ByWords(e->by) + ": " + unit +
                  ". Hidden counts are left out of the chart; every figure is in the table.";
      s.table = EquityTable(*e);
      page.sections.push_back(s);
      page.csv_href =
          Query("/api/v1/insight/equity", e->period, e->scope.key, e->by) + "&format=csv";
      page.json_href = Query("/api/v1/insight/equity", e->period, e->scope.key, e->by);
    }
    return insight::RenderFigure(r, page, errors);
  }

  http::Response OwnApi(http::Request& r) {
    auto v = insight_.Own(*r.principal, OwnQuery(r));
    if (!v.ok()) return http::Problem(v.status());
    if (r.Query("format") == "csv")
      return insight::CsvResponse(TableCsv(OwnTable(*v)), "my-activity.csv");
    json::array months, reasons, peers;
    for (const auto& m : v->months) {
      months.push_back(
          json::object{{"month", m.month}, {"referrals", m.referrals}, {"signposts", m.signposts}});
    }
    for (const auto& reason : v->reasons) {
      reasons.push_back(json::object{{"reason", reason.value},
                                     {"label", reason.label},
                                     {"referrals", reason.referrals.count},
                                     {"signposts", reason.signposts.count}});
    }
    for (auto p : v->peers) peers.push_back(p);
    json::object o{
        {"period", PeriodJson(v->period)},     {"referrals", v->referrals},
        {"signposts", v->signposts},           {"months", std::move(months)},
        {"reasons", std::move(reasons)},       {"consultations_per_day", v->consultations_per_day},
        {"days_per_week", v->days_per_week},   {"working_days", v->working_days},
        {"consultations", v->consultations},   {"referral_share", v->referral_share},
        {"activity_share", v->activity_share}, {"social_root_share", v->social_root_share},
        {"peers", std::move(peers)},           {"own_position", v->own_position}};
    return http::Response::Json(200, json::serialize(o));
  }

  http::Response OwnPage(http::Request& r) {
    OwnViewQuery q = OwnQuery(r);
    auto v = insight_.Own(*r.principal, q);
    web::FormErrors errors;
    if (!insight::PageErrors(v.status(), errors) && !v.ok()) return web::StatusPage(r, v.status());
    FigurePage page;
    page.title = "My referrals";
    page.lead =
        "Your own social prescribing: only you see this page. Colleagues in your PCN are shown "
        "without names.";
    page.action = "/insight/me";
    page.inputs =
        insight::PeriodInputs(v.ok() ? v->period.from : q.from, v.ok() ? v->period.to : q.to);
    page.inputs.push_back(
        {.id = "consultations_per_day",
         .label = "Consultations a day",
         .value = v.ok() ? std::to_string(v->consultations_per_day) : q.consultations_per_day,
         .width = "3",
         .inputmode = "numeric"});
    page.inputs.push_back({.id = "days_per_week",
                           .label = "Days worked a week",
                           .value = v.ok() ? std::to_string(v->days_per_week) : q.days_per_week,
                           .width = "2",
                           .inputmode = "numeric"});
    if (v.ok()) {
      Section share;
      share.heading = "Your share of consultations, " + v->period.from + " to " + v->period.to;
      share.paragraphs.push_back("You made " + std::to_string(v->referrals) + " referrals and " +
                                 std::to_string(v->signposts) + " signposts in about " +
                                 std::to_string(v->consultations) + " consultations (" +
                                 std::to_string(v->consultations_per_day) + " a day over " +
                                 std::to_string(v->working_days) + " working days).");
      share.paragraphs.push_back(
          "That is " + insight::Percent(v->referral_share, 2) + " of consultations referred, and " +
          insight::Percent(v->activity_share, 2) +
          " referred or signposted. About 20% of GP consultations are estimated to be rooted "
          "in social issues such as loneliness, money or housing.");
      share.svg =
          insight::BarsSvg("Share of consultations",
                           {{"Referred", v->referral_share * 100, std::nullopt},
                            {"Referred or signposted", v->activity_share * 100, std::nullopt}},
                           std::pair{v->social_root_share * 100, "20%: a social root"});
      share.caption =
          "Per cent of your consultations referred, and referred or signposted, against the 20% "
          "estimated to have a social root (dashed line).";
      page.sections.push_back(share);
      Section months;
      months.heading = "By month";
      std::vector<std::string> xs;
      insight::Series referrals{"Referrals", "#005eb8", {}}, signposts{"Signposts", "#007f3b", {}};
      for (const auto& m : v->months) {
        xs.push_back(m.month);
        referrals.values.emplace_back(static_cast<double>(m.referrals));
        signposts.values.emplace_back(static_cast<double>(m.signposts));
      }
      months.svg =
          insight::LinesSvg("Your referrals and signposts by month", xs, {referrals, signposts});
      months.caption = "Your referrals and signposts by month. The figures are in the table.";
      months.table = OwnTable(*v);
      page.sections.push_back(months);
      Section reasons;
      reasons.heading = "The reasons you give";
      Table t{"Reasons on your referrals and signposts",
              {"Reason", "Referrals", "Signposts"},
              {false, true, true},
              {}};
      for (const auto& reason : v->reasons) {
        t.rows.push_back({reason.label, reason.referrals.Text(), reason.signposts.Text()});
      }
      if (t.rows.empty())
        reasons.paragraphs.push_back("No referrals or signposts in this period.");
      else
        reasons.table = t;
      page.sections.push_back(reasons);
      Section peers;
      peers.heading = "You and colleagues in your PCN";
      if (v->peers.empty()) {
        peers.paragraphs.push_back(
            v->too_few_peers
                ? "Your PCN has fewer than 5 referrers in Linkway, so there is no comparison: "
                  "each count could be put to a name."
                : "You are not at a practice in a PCN, so there is no comparison.");
      } else {
        std::vector<double> values(v->peers.begin(), v->peers.end());
        std::vector<double> sorted = values;
        auto median = insight::Median(sorted);
        peers.paragraphs.push_back(
            "Referrals in the period by each of the " + std::to_string(v->peers.size()) +
            " referrers at your PCN's practices, you among them. The median is " +
            Fixed(median.value_or(0)) + "; you made " + std::to_string(v->referrals) + ".");
        peers.svg = insight::DotsSvg("Referrals by each referrer in your PCN", values,
                                     v->own_position, std::pair{median.value_or(0), "Median"});
        peers.caption = "Each dot is a referrer in your PCN; the larger red one is you.";
        Table pt{"Referrals by each referrer in your PCN, fewest first",
                 {"Referrer", "Referrals"},
                 {false, true},
                 {}};
        for (std::size_t i = 0; i < v->peers.size(); ++i) {
          pt.rows.push_back({static_cast<int>(i) == v->own_position
                                 ? "You"
                                 : "Colleague " + std::to_string(i + 1),
                             std::to_string(v->peers[i])});
        }
        peers.table = pt;
      }
      page.sections.push_back(peers);
      page.csv_href =
          "/api/v1/insight/me?from=" + v->period.from + "&to=" + v->period.to + "&format=csv";
      page.json_href = "/api/v1/insight/me?from=" + v->period.from + "&to=" + v->period.to;
    }
    return insight::RenderFigure(r, page, errors);
  }

 private:
  static OwnViewQuery OwnQuery(const http::Request& r) {
    return {r.Query("from"), r.Query("to"), r.Query("consultations_per_day"),
            r.Query("days_per_week")};
  }
  static std::string ByWords(const std::string& by) {
    if (by == "imd") return "deprivation decile of the person's postcode";
    if (by == "age") return "age band";
    if (by == "sex") return "sex";
    if (by == "rurality") return "rural-urban class of the person's postcode";
    return "practice";
  }
  insight::Select ScopeSelect(const http::Request& r, const std::string& chosen) {
    return {"scope", "Practices of", insight_.ScopesFor(*r.principal), chosen};
  }
  static Table BreakdownTable(const Breakdown& b) {
    Table t{b.by == "source" ? "By who referred" : "By referral reason",
            {b.by == "source" ? "Source" : "Reason", "Referrals", "Signposts"},
            {false, true, true},
            {}};
    for (const auto& row : b.rows) {
      t.rows.push_back({row.label, row.referrals.Text(), row.signposts.Text()});
    }
    return t;
  }
  static Section BreakdownSection(const Breakdown& b) {
    Section s;
    s.heading = b.by == "source" ? "Who referred" : "Referral reasons";
    if (b.by == "reason") {
      s.paragraphs.push_back(
          "A referral may give more than one reason, so the reasons add up "
          "to more than the referrals.");
    }
    std::vector<insight::Bar> bars;
    for (const auto& row : b.rows) {
      if (row.referrals.suppressed || row.referrals.count == 0) continue;
      bars.push_back({row.label, static_cast<double>(row.referrals.count), std::nullopt});
    }
    s.svg = insight::BarsSvg(s.heading + ": referrals", bars);
    s.caption = s.heading +
                ": referrals. Hidden counts are left out of the chart; every figure, "
                "signposts too, is in the table.";
    s.table = BreakdownTable(b);
    return s;
  }
  static Table EquityTable(const Equity& e) {
    Table t{"Referrals by " + ByWords(e.by),
            {"Group", "Referrals", "Registered patients", "Per 1,000", "95% interval"},
            {false, true, true, true, false},
            {}};
    for (const auto& row : e.rows) {
      t.rows.push_back(
          {row.label, row.count.Text(),
           row.population > 0 ? std::to_string(row.population) : "not known",
           row.rate_per_1000 ? Fixed(*row.rate_per_1000, 2) : "",
           row.ci95 ? Fixed(row.ci95->low, 2) + " to " + Fixed(row.ci95->high, 2) : ""});
    }
    return t;
  }
  static Table OwnTable(const OwnView& v) {
    Table t{"Your referrals and signposts by month",
            {"Month", "Referrals", "Signposts"},
            {false, true, true},
            {}};
    for (const auto& m : v.months) {
      t.rows.push_back({m.month, std::to_string(m.referrals), std::to_string(m.signposts)});
    }
    return t;
  }

  Insight& insight_;
};

}  // namespace

void RegisterActivityPages(http::Router& router, Insight& insight) {
  auto pages = std::make_shared<ActivityPages>(insight);
  http::Needs figures{
      .roles = {Role::kCommissioner, Role::kLinkWorker, Role::kAdmin, Role::kReferrer},
      .refusal = "These figures are for commissioners, PCN and practice staff."};
  http::Needs own{.roles = {Role::kReferrer},
                  .refusal = "This page shows a referrer's own figures."};
  auto api = [&](const char* path, http::Response (ActivityPages::*f)(http::Request&),
                 const http::Needs& needs) {
    router.Add("GET", path,
               http::GuardApi(needs, [pages, f](http::Request& r) { return ((*pages).*f)(r); }));
  };
  auto page = [&](const char* path, http::Response (ActivityPages::*f)(http::Request&),
                  const http::Needs& needs) {
    router.Add("GET", path,
               web::GuardPage(needs, [pages, f](http::Request& r) { return ((*pages).*f)(r); }));
  };
  api("/api/v1/insight/trend", &ActivityPages::TrendApi, figures);
  api("/api/v1/insight/breakdown", &ActivityPages::BreakdownApi, figures);
  api("/api/v1/insight/equity", &ActivityPages::EquityApi, figures);
  api("/api/v1/insight/me", &ActivityPages::OwnApi, own);
  page("/insight/activity", &ActivityPages::ActivityPage, figures);
  page("/insight/equity", &ActivityPages::EquityPage, figures);
  page("/insight/me", &ActivityPages::OwnPage, own);
}

}  // namespace linkway
