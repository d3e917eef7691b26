// The SNOMED-coded extract (GET /api/v1/insight/extract as CSV, and the page that offers it)
// and the monthly practice digest (GET /insight/digest/{code}, printable, and as JSON).
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

std::string Change(std::int64_t now, std::int64_t before) {
  if (now == before) return "the same as the month before";
  return std::to_string(now > before ? now - before : before - now) +
         (now > before ? " more" : " fewer") + " than the month before (" + std::to_string(before) +
         ")";
}

std::string RateText(const std::optional<double>& r) {
  return r ? Fixed(*r, 2) : "not shown (no list sizes, or fewer than 5)";
}

class ExportPages {
 public:
  explicit ExportPages(Insight& insight) : insight_(insight) {}

  http::Response ExtractApi(http::Request& r) {
    auto e = insight_.ExtractFor(*r.principal, r.Query("practice"), r.Query("from"), r.Query("to"));
    if (!e.ok()) return http::Problem(e.status());
    Table t{"",
            {"nhs_number", "code_system", "code", "display", "date", "clinician", "record"},
            {},
            {}};
    for (const auto& row : e->rows) {
      t.rows.push_back({row.nhs_number, row.code_system, row.code, row.display, row.date,
                        row.clinician, row.record_type});
    }
    return insight::CsvResponse(TableCsv(t), "activity-" + e->practice_code + "-" + e->period.from +
                                                 "-" + e->period.to + ".csv");
  }

  http::Response ExtractPage(http::Request& r) {
    if (r.principal->org_kind != OrgKind::kPractice) {
      return web::StatusPage(
          r, Status::Forbidden("the activity extract is for the practice's own staff"));
    }
    FigurePage page;
    page.title = "Activity extract";
    page.lead =
        "A SNOMED CT coded extract of your practice's social prescribing activity for a "
        "period (NHS number, code, date and clinician), to file in the GP record and "
        "for national reporting.";
    page.action = "/insight/extract";
    std::string from = r.Query("from"), to = r.Query("to");
    auto period = ParsePeriod(from, to, Now());
    web::FormErrors errors;
    if (!period.ok()) insight::PageErrors(period.status(), errors);
    page.inputs =
        insight::PeriodInputs(period.ok() ? period->from : from, period.ok() ? period->to : to);
    if (period.ok()) {
      Section s;
      s.heading = r.principal->org_name + ", " + period->from + " to " + period->to;
      s.paragraphs.push_back(
          "The file holds patients' NHS numbers: keep it within the practice. Each download is "
          "recorded in the audit trail with every record it holds. Signposts hold no NHS "
          "number, so their rows are for counting.");
      page.sections.push_back(s);
      page.csv_href = "/api/v1/insight/extract?from=" + period->from + "&to=" + period->to;
    }
    return insight::RenderFigure(r, page, errors);
  }

  http::Response DigestIndex(http::Request& r) {
    std::vector<std::pair<std::string, std::string>> practices;
    for (const auto& [key, name] : insight_.ScopesFor(*r.principal)) {
      if (key.rfind("practice:", 0) == 0) practices.emplace_back(key.substr(9), name);
    }
    if (practices.size() == 1) {
      return http::Response::Redirect("/insight/digest/" + http::UrlEncode(practices[0].first));
    }
    std::string chosen = r.Query("practice");
    if (!chosen.empty()) {
      std::string month = r.Query("month");
      return http::Response::Redirect("/insight/digest/" + http::UrlEncode(chosen) +
                                      (month.empty() ? "" : "?month=" + http::UrlEncode(month)));
    }
    FigurePage page;
    page.title = "Practice digests";
    page.lead = "Each practice's month of social prescribing, to print for its clinicians.";
    page.action = "/insight/digest";
    page.inputs.push_back({.id = "month", .label = "Month (YYYY-MM)", .value = "", .width = "10"});
    page.selects.push_back({"practice", "Practice", practices, ""});
    return insight::RenderFigure(r, page, {});
  }

  http::Response DigestApi(http::Request& r) {
    auto d = insight_.DigestFor(*r.principal, r.route.at("code"), r.Query("month"));
    if (!d.ok()) return http::Problem(d.status());
    json::array reasons, workers, services, stories;
    for (const auto& reason : d->reasons) {
      reasons.push_back(json::object{{"reason", reason.value},
                                     {"referrals", reason.referrals.count},
                                     {"signposts", reason.signposts.count}});
    }
    for (const auto& lw : d->link_workers) {
      json::array sessions;
      for (const auto& s : lw.sessions) sessions.push_back(json::value(s));
      workers.push_back(json::object{{"name", lw.link_worker}, {"sessions", std::move(sessions)}});
    }
    for (const auto& s : d->services) {
      services.push_back(json::object{{"id", s.id}, {"name", s.name}, {"new", s.is_new}});
    }
    for (const auto& c : d->case_studies) stories.push_back(json::value(c));
    auto opt = [](const std::optional<double>& v) {
      return v ? json::value(*v) : json::value(nullptr);
    };
    json::object o{{"practice", d->practice_code},
                   {"month", d->month},
                   {"referrals", d->figures.referrals},
                   {"signposts", d->figures.signposts},
                   {"previous_referrals", d->figures.previous_referrals},
                   {"rate_per_1000", opt(d->figures.rate_per_1000)},
                   {"pcn_rate_per_1000", opt(d->figures.pcn_rate_per_1000)},
                   {"icb_rate_per_1000", opt(d->figures.icb_rate_per_1000)},
                   {"reasons", std::move(reasons)},
                   {"link_workers", std::move(workers)},
                   {"services", std::move(services)},
                   {"case_studies", std::move(stories)}};
    return http::Response::Json(200, json::serialize(o));
  }

  http::Response DigestPage(http::Request& r) {
    std::string practice = r.route.at("code");
    auto d = insight_.DigestFor(*r.principal, practice, r.Query("month"));
    web::FormErrors errors;
    if (!insight::PageErrors(d.status(), errors) && !d.ok()) {
      return web::StatusPage(r, d.status());
    }
    FigurePage page;
    page.printable = true;
    page.action = "/insight/digest/" + http::UrlEncode(practice);
    page.inputs.push_back({.id = "month",
                           .label = "Month (YYYY-MM)",
                           .value = d.ok() ? d->month : r.Query("month"),
                           .width = "10"});
    if (!d.ok()) {
      page.title = "Practice digest";
      return insight::RenderFigure(r, page, errors);
    }
    page.title = d->practice_name + ": social prescribing in " + d->month;
    page.lead = "A month of social prescribing at " + d->practice_name + ", for its clinicians.";
    const DigestFigures& f = d->figures;
    Section figures;
    figures.heading = "The practice's figures";
    figures.paragraphs.push_back(std::to_string(f.referrals) + " referrals, " +
                                 Change(f.referrals, f.previous_referrals) + ", and " +
                                 std::to_string(f.signposts) + " signposts, " +
                                 Change(f.signposts, f.previous_signposts) + ".");
    std::vector<insight::Bar> bars;
    if (f.rate_per_1000) bars.push_back({d->practice_name, *f.rate_per_1000, std::nullopt});
    if (f.pcn_rate_per_1000) bars.push_back({d->pcn_name, *f.pcn_rate_per_1000, std::nullopt});
    if (f.icb_rate_per_1000) bars.push_back({"All practices", *f.icb_rate_per_1000, std::nullopt});
    if (!bars.empty()) {
      figures.svg = insight::BarsSvg("Referrals per 1,000 registered patients", bars);
      figures.caption =
          "Referrals per 1,000 registered patients this month: the practice, its "
          "PCN and all practices. The figures are in the table.";
    }
    figures.table = Table{"Referrals per 1,000 registered patients",
                          {"", "Per 1,000"},
                          {false, true},
                          {{d->practice_name, RateText(f.rate_per_1000)},
                           {d->pcn_name, RateText(f.pcn_rate_per_1000)},
                           {"All practices", RateText(f.icb_rate_per_1000)}}};
    if (d->median_wait_days) {
      figures.paragraphs.push_back("People referred this month in " + d->pcn_name +
                                   " waited a median of " + std::to_string(*d->median_wait_days) +
                                   " days for a first contact.");
    }
    page.sections.push_back(figures);
    if (!d->reasons.empty()) {
      Section reasons;
      reasons.heading = "Why people were referred or signposted";
      Table t{"Reasons this month", {"Reason", "Referrals", "Signposts"}, {false, true, true}, {}};
      for (const auto& row : d->reasons) {
        t.rows.push_back({row.label, row.referrals.Text(), row.signposts.Text()});
      }
      reasons.table = t;
      page.sections.push_back(reasons);
    }
    Section people;
    people.heading = "Your link workers";
    if (d->link_workers.empty()) {
      people.paragraphs.push_back("No link worker has sessions at this practice yet.");
    }
    for (const auto& lw : d->link_workers) {
      std::string when;
      for (const auto& s : lw.sessions) when += (when.empty() ? "" : ", ") + s;
      std::string contact = lw.phone.empty() ? "" : ", " + lw.phone;
      if (!lw.email.empty()) contact += ", " + lw.email;
      people.items.push_back(lw.link_worker + contact + ": in the practice " + when + ".");
    }
    page.sections.push_back(people);
    Section services;
    services.heading = "New and changed services nearby";
    if (d->services.empty()) {
      services.paragraphs.push_back(
          "No services within 10 miles were added or changed this month.");
    }
    for (const auto& s : d->services) {
      std::string where = s.miles ? " (" + Fixed(*s.miles) + " miles)" : "";
      services.items.push_back((s.is_new ? "New: " : "Changed: ") + s.name + ", " + s.organisation +
                               where + ". " + s.summary);
    }
    page.sections.push_back(services);
    Section stories;
    stories.heading = "Case studies";
    stories.paragraphs.push_back(
        "Shared by link workers with the person's agreement, written so that nobody can tell "
        "who they are about.");
    if (d->case_studies.empty()) stories.paragraphs.push_back("None this month.");
    for (const auto& c : d->case_studies) stories.paragraphs.push_back(c);
    page.sections.push_back(stories);
    page.json_href = "";
    return insight::RenderFigure(r, page, errors);
  }

 private:
  UnixSeconds Now() const { return insight_.Now(); }
  Insight& insight_;
};

}  // namespace

void RegisterExportPages(http::Router& router, Insight& insight) {
  auto pages = std::make_shared<ExportPages>(insight);
  http::Needs extract{.roles = {Role::kReferrer, Role::kAdmin},
                      .refusal = "The activity extract is for the practice's own staff."};
  http::Needs digest{
      .roles = {Role::kCommissioner, Role::kLinkWorker, Role::kAdmin, Role::kReferrer},
      .refusal = "Practice digests are for practice, PCN and ICB staff."};
  router.Add("GET", "/api/v1/insight/extract",
             http::GuardApi(extract, [pages](http::Request& r) { return pages->ExtractApi(r); }));
  router.Add("GET", "/insight/extract",
             web::GuardPage(extract, [pages](http::Request& r) { return pages->ExtractPage(r); }));
  router.Add("GET", "/insight/digest",
             web::GuardPage(digest, [pages](http::Request& r) { return pages->DigestIndex(r); }));
  router.Add("GET", "/insight/digest/{code}",
             web::GuardPage(digest, [pages](http::Request& r) { return pages->DigestPage(r); }));
  router.Add("GET", "/api/v1/insight/digest/{code}",
             http::GuardApi(digest, [pages](http::Request& r) { return pages->DigestApi(r); }));
}

}  // namespace linkway
