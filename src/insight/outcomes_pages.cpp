// GET /insight/outcomes and GET /api/v1/insight/outcomes (JSON, or CSV with format=csv).
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

OutcomeQuery QueryOf(const http::Request& r) {
  return {r.Query("from"), r.Query("to"), r.Query("scope"), r.Query("measure")};
}

std::vector<std::string> Cells(const ChangeFigures& f) {
  if (f.suppressed) return {f.label, "<5", "", "", ""};
  std::string ci =
      f.n >= 2 ? Fixed(f.change.ci95.low, 2) + " to " + Fixed(f.change.ci95.high, 2) : "";
  std::string improved = f.improved_hidden ? "hidden (fewer than 5)"
                         : f.n             ? insight::Percent(f.improved_share, 0)
                                           : "";
  return {f.label, std::to_string(f.n), f.n ? Fixed(f.change.mean, 2) : "", ci, improved};
}

Table ChangeTable(const ScoreOutcome& s, const std::string& caption,
                  const std::vector<ChangeFigures>& rows) {
  Table t{caption,
          {"Group", "People", "Mean change", "95% interval",
           "Improved by " + Fixed(s.minimal_change, 1) + " or more"},
          {false, true, true, false, true},
          {}};
  for (const auto& r : rows) t.rows.push_back(Cells(r));
  return t;
}

Table ServicesTable(const Outcomes& o) {
  Table t{"Connections to each service",
          {"Service", "Connections", "Attended", "Did not attend", "Attended rate"},
          {false, true, true, true, true},
          {}};
  for (const auto& s : o.services) {
    if (s.suppressed) {
      t.rows.push_back({s.name, "<5", "", "", ""});
      continue;
    }
    if (s.parts_hidden) {
      t.rows.push_back({s.name, std::to_string(s.connections), "<5 or hidden", "<5 or hidden", ""});
      continue;
    }
    t.rows.push_back({s.name, std::to_string(s.connections), std::to_string(s.attended),
                      std::to_string(s.did_not_attend),
                      s.attended_rate ? insight::Percent(*s.attended_rate, 0) : ""});
  }
  return t;
}

json::object ChangeJson(const ChangeFigures& f) {
  if (f.suppressed) return {{"key", f.key}, {"label", f.label}, {"n", "<5"}};
  json::object o{
      {"key", f.key},
      {"label", f.label},
      {"n", f.n},
      {"mean_change", f.change.mean},
      {"ci95", json::array{f.change.ci95.low, f.change.ci95.high}},
      {"improved", f.improved_hidden ? json::value("<5") : json::value(f.improved)},
      {"improved_share", f.improved_hidden ? json::value(nullptr) : json::value(f.improved_share)}};
  return o;
}

class OutcomesPages {
 public:
  explicit OutcomesPages(Insight& insight) : insight_(insight) {}

  http::Response Api(http::Request& r) {
    auto o = insight_.OutcomesFor(*r.principal, QueryOf(r));
    if (!o.ok()) return http::Problem(o.status());
    if (r.Query("format") == "csv") {
      std::string csv;
      for (const auto& s : o->scores) {
        Table t = ChangeTable(*&s, s.name, {s.overall});
        for (const auto& row : s.by_reason) t.rows.push_back(Cells(row));
        for (const auto& row : s.by_category) t.rows.push_back(Cells(row));
        t.headers.insert(t.headers.begin(), "Score");
        for (auto& row : t.rows) row.insert(row.begin(), s.name);
        csv += TableCsv(t);
      }
      return insight::CsvResponse(csv, "outcomes-" + o->measure_id + ".csv");
    }
    json::array scores, services;
    for (const auto& s : o->scores) {
      json::array reasons, categories;
      for (const auto& f : s.by_reason) reasons.push_back(ChangeJson(f));
      for (const auto& f : s.by_category) categories.push_back(ChangeJson(f));
      scores.push_back(json::object{{"score", s.id},
                                    {"name", s.name},
                                    {"better", s.higher_is_better ? "higher" : "lower"},
                                    {"minimal_change", s.minimal_change},
                                    {"overall", ChangeJson(s.overall)},
                                    {"by_reason", std::move(reasons)},
                                    {"by_service_category", std::move(categories)}});
    }
    for (const auto& s : o->services) {
      json::object j{{"service_id", s.service_id}, {"name", s.name}};
      if (s.suppressed) {
        j["connections"] = "<5";
      } else if (s.parts_hidden) {
        j["connections"] = s.connections;
        j["attended"] = "<5";
        j["did_not_attend"] = "<5";
        j["attended_rate"] = nullptr;
      } else {
        j["connections"] = s.connections;
        j["attended"] = s.attended;
        j["did_not_attend"] = s.did_not_attend;
        j["attended_rate"] = s.attended_rate ? json::value(*s.attended_rate) : json::value(nullptr);
      }
      services.push_back(std::move(j));
    }
    json::object out{{"period", json::object{{"from", o->period.from}, {"to", o->period.to}}},
                     {"scope", o->scope.key},
                     {"measure", o->measure_id},
                     {"scores", std::move(scores)},
                     {"services", std::move(services)}};
    return http::Response::Json(200, json::serialize(out));
  }

  http::Response Page(http::Request& r) {
    OutcomeQuery q = QueryOf(r);
    auto o = insight_.OutcomesFor(*r.principal, q);
    web::FormErrors errors;
    if (!insight::PageErrors(o.status(), errors) && !o.ok()) {
      return web::StatusPage(r, o.status());
    }
    FigurePage page;
    page.title = "Outcomes";
    page.lead =
        "What changed for people: each measure's change from the first measurement to "
        "the latest, and whether people went to the services they were connected to.";
    page.action = "/insight/outcomes";
    page.inputs =
        insight::PeriodInputs(o.ok() ? o->period.from : q.from, o.ok() ? o->period.to : q.to);
    page.selects.push_back({"scope", "Practices of", insight_.ScopesFor(*r.principal),
                            o.ok() ? o->scope.key : q.scope});
    std::vector<std::pair<std::string, std::string>> measures;
    for (const auto& m : insight_.MeasureChoices()) measures.push_back(m);
    page.selects.push_back({"measure", "Measure", measures, o.ok() ? o->measure_id : q.measure});
    if (o.ok()) {
      Section head;
      head.heading =
          o->measure_name + ": " + o->scope.name + ", " + o->period.from + " to " + o->period.to;
      head.paragraphs.push_back(
          "People whose latest measurement after their baseline was in the period. The change "
          "is the latest score minus the baseline; the interval is Student's t at 95%.");
      if (o->scope.suppresses()) {
        head.paragraphs.push_back("Groups of fewer than 5 people are shown as <5.");
      }
      page.sections.push_back(head);
      for (const auto& s : o->scores) page.sections.push_back(ScoreSection(s));
      Section services;
      services.heading = "Attendance at services";
      if (o->services.empty()) {
        services.paragraphs.push_back("No connections to services changed in this period.");
      } else {
        std::vector<insight::Bar> bars;
        for (const auto& s : o->services) {
          if (s.attended_rate) bars.push_back({s.name, *s.attended_rate * 100, std::nullopt});
        }
        services.svg = insight::BarsSvg("Attended rate by service, per cent", bars);
        services.caption =
            "The per cent of answered connections that were attended, by "
            "service. The figures are in the table.";
        services.table = ServicesTable(*o);
      }
      page.sections.push_back(services);
      std::string query = "?from=" + o->period.from + "&to=" + o->period.to +
                          "&scope=" + http::UrlEncode(o->scope.key) + "&measure=" + o->measure_id;
      page.csv_href = "/api/v1/insight/outcomes" + query + "&format=csv";
      page.json_href = "/api/v1/insight/outcomes" + query;
    }
    return insight::RenderFigure(r, page, errors);
  }

 private:
  static Section ScoreSection(const ScoreOutcome& s) {
    Section section;
    section.heading = s.name + (s.higher_is_better ? " (higher is better)" : " (lower is better)");
    const ChangeFigures& all = s.overall;
    if (all.suppressed) {
      section.paragraphs.push_back("Fewer than 5 people were measured twice in this period.");
    } else if (all.n == 0) {
      section.paragraphs.push_back("Nobody was measured twice in this period.");
    } else {
      section.paragraphs.push_back(
          std::to_string(all.n) + " people: a mean change of " + Fixed(all.change.mean, 2) +
          (all.n >= 2 ? " (95% interval " + Fixed(all.change.ci95.low, 2) + " to " +
                            Fixed(all.change.ci95.high, 2) + ")"
                      : "") +
          (all.improved_hidden ? std::string("; how many improved is hidden (fewer than 5).")
                               : "; " + insight::Percent(all.improved_share, 0) +
                                     " improved by at least " + Fixed(s.minimal_change, 1) + "."));
    }
    std::vector<insight::Bar> bars;
    for (const auto& f : s.by_reason) {
      if (f.suppressed || f.improved_hidden || f.n == 0) continue;
      insight::Bar bar{f.label, f.improved_share * 100, std::nullopt};
      bars.push_back(bar);
    }
    if (!bars.empty()) {
      section.svg = insight::BarsSvg(s.name + ": per cent improved by referral reason", bars);
      section.caption =
          "Per cent who improved by at least the minimal change, by referral "
          "reason. The figures are in the tables.";
    }
    std::vector<ChangeFigures> rows{s.overall};
    rows.insert(rows.end(), s.by_reason.begin(), s.by_reason.end());
    Table t = ChangeTable(s, s.name + " by referral reason", rows);
    if (!s.by_category.empty()) {
      t.rows.push_back({"By category of service attended:", "", "", "", ""});
      for (const auto& f : s.by_category) t.rows.push_back(Cells(f));
    }
    section.table = t;
    return section;
  }

  Insight& insight_;
};

}  // namespace

void RegisterOutcomesPages(http::Router& router, Insight& insight) {
  auto pages = std::make_shared<OutcomesPages>(insight);
  http::Needs needs{
      .roles = {Role::kCommissioner, Role::kLinkWorker, Role::kAdmin, Role::kReferrer},
      .refusal = "These figures are for commissioners, PCN and practice staff."};
  router.Add("GET", "/api/v1/insight/outcomes",
             http::GuardApi(needs, [pages](http::Request& r) { return pages->Api(r); }));
  router.Add("GET", "/insight/outcomes",
             web::GuardPage(needs, [pages](http::Request& r) { return pages->Page(r); }));
}

}  // namespace linkway
