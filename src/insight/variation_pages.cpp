// GET /api/v1/insight/variation (JSON, or CSV with format=csv) and GET /insight/variation: a
// funnel plot drawn as SVG on the server beside its table.
#include <boost/json.hpp>
#include <cstdio>
#include <memory>

#include "http/guard.hpp"
#include "http/problem.hpp"
#include "insight/figure_page.hpp"
#include "insight/module.hpp"
#include "web/form.hpp"
#include "web/pages.hpp"
#include "web/view.hpp"

namespace linkway {

const EmbeddedFiles& InsightTemplates();  // generated from templates/*.mustache

namespace {

using namespace web;  // NOLINT(google-build-using-namespace): the page frame's words
namespace json = boost::json;

using insight::Fixed;

std::string Where(const std::optional<std::string>& outside) {
  if (!outside) return "";
  if (*outside == "above_998") return "above the 99.8% limit";
  if (*outside == "above_95") return "above the 95% limit";
  if (*outside == "below_95") return "below the 95% limit";
  return "below the 99.8% limit";
}

VariationQuery QueryOf(const http::Request& r) {
  VariationQuery q;
  q.from = r.Query("from");
  q.to = r.Query("to");
  q.scope = r.Query("scope");
  if (!r.Query("activity").empty()) q.activity = r.Query("activity");
  return q;
}

std::string Csv(const Variation& v) {
  std::string out =
      "code,name,list_size,count,rate_per_1000,expected,p95_low,p95_high,p998_low,p998_high,"
      "outside\r\n";
  for (const auto& p : v.practices) {
    std::string name = p.name;
    for (auto& c : name) {
      if (c == '"') c = '\'';
    }
    out += p.code + ",\"" + name + "\"," + std::to_string(p.list_size) + "," +
           (p.suppressed ? std::string("<5") : std::to_string(p.point.count)) + "," +
           (p.suppressed ? std::string() : Fixed(p.point.rate_per_1000, 3)) + "," +
           Fixed(p.point.expected, 3) + "," + Fixed(p.point.p95.low, 3) + "," +
           Fixed(p.point.p95.high, 3) + "," + Fixed(p.point.p998.low, 3) + "," +
           Fixed(p.point.p998.high, 3) + "," + p.point.outside.value_or("") + "\r\n";
  }
  return out;
}

json::object Json(const Variation& v) {
  json::array practices;
  for (const auto& p : v.practices) {
    json::object o;
    o["code"] = p.code;
    o["name"] = p.name;
    o["list_size"] = p.list_size;
    if (p.suppressed) {
      o["count"] = "<5";
      o["rate_per_1000"] = nullptr;
    } else {
      o["count"] = p.point.count;
      o["rate_per_1000"] = p.point.rate_per_1000;
    }
    o["expected"] = p.point.expected;
    o["limits"] = json::object{{"p95", json::array{p.point.p95.low, p.point.p95.high}},
                               {"p998", json::array{p.point.p998.low, p.point.p998.high}}};
    if (p.point.outside) {
      o["outside"] = *p.point.outside;
    } else {
      o["outside"] = nullptr;
    }
    practices.push_back(std::move(o));
  }
  return {{"from", v.period.from},
          {"to", v.period.to},
          {"scope", v.scope},
          {"activity", v.activity},
          {"mean_rate_per_1000", v.mean_rate_per_1000},
          {"practices", std::move(practices)}};
}

// The funnel plot: rate per 1,000 against list size, with the limit curves and the mean.
std::string FunnelSvg(const Variation& v) {
  constexpr double kW = 640, kH = 360, kLeft = 56, kRight = 16, kTop = 16, kBottom = 44;
  double max_n = 1000;
  double max_rate = v.mean_rate_per_1000 * 2 + 1;
  for (const auto& p : v.practices) {
    max_n = std::max(max_n, static_cast<double>(p.list_size) * 1.05);
    max_rate = std::max(max_rate, p.point.rate_per_1000 * 1.1);
  }
  auto x = [&](double n) { return kLeft + n / max_n * (kW - kLeft - kRight); };
  auto y = [&](double r) {
    return kTop + (1 - std::min(r, max_rate) / max_rate) * (kH - kTop - kBottom);
  };
  std::string svg =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 640 360\" "
      "role=\"img\" aria-label=\"Funnel plot of rate per 1,000 against list size\">";
  svg += "<rect x=\"" + Fixed(kLeft, 0) + "\" y=\"" + Fixed(kTop, 0) + "\" width=\"" +
         Fixed(kW - kLeft - kRight, 0) + "\" height=\"" + Fixed(kH - kTop - kBottom, 0) +
         "\" fill=\"#fff\" stroke=\"#aeb7bd\"/>";
  // The limits, from a tenth of the smallest list to the largest.
  for (auto [level, colour] : {std::pair{0.95, "#005eb8"}, {0.998, "#d5281b"}}) {
    std::string low, high;
    for (int i = 1; i <= 60; ++i) {
      double n = max_n * i / 60.0;
      auto lim =
          insight::FunnelRateLimits(v.mean_rate_per_1000, static_cast<std::int64_t>(n), level);
      low += (i == 1 ? "" : " ") + Fixed(x(n)) + "," + Fixed(y(lim.low));
      high += (i == 1 ? "" : " ") + Fixed(x(n)) + "," + Fixed(y(lim.high));
    }
    for (const auto& points : {low, high}) {
      svg += "<polyline fill=\"none\" stroke=\"" + std::string(colour) +
             "\" stroke-dasharray=\"4 3\" points=\"" + points + "\"/>";
    }
  }
  svg += "<line x1=\"" + Fixed(kLeft) + "\" x2=\"" + Fixed(kW - kRight) + "\" y1=\"" +
         Fixed(y(v.mean_rate_per_1000)) + "\" y2=\"" + Fixed(y(v.mean_rate_per_1000)) +
         "\" stroke=\"#212b32\"/>";
  for (const auto& p : v.practices) {
    if (p.suppressed) continue;  // its place would give its count away
    bool out = p.point.outside.has_value();
    svg += "<circle cx=\"" + Fixed(x(static_cast<double>(p.list_size))) + "\" cy=\"" +
           Fixed(y(p.point.rate_per_1000)) + "\" r=\"" + (out ? "5" : "3.5") + "\" fill=\"" +
           (out ? "#d5281b" : "#005eb8") + "\"><title>" + http::HtmlEscape(p.name) + ": " +
           Fixed(p.point.rate_per_1000) + " per 1,000</title></circle>";
  }
  svg += "<text x=\"" + Fixed(kW / 2) + "\" y=\"" + Fixed(kH - 8) +
         "\" text-anchor=\"middle\" font-size=\"13\">Registered list size (max " + Fixed(max_n, 0) +
         ")</text>";
  svg += "<text x=\"14\" y=\"" + Fixed(kH / 2) + "\" transform=\"rotate(-90 14 " + Fixed(kH / 2) +
         ")\" text-anchor=\"middle\" font-size=\"13\">Per 1,000 (max " + Fixed(max_rate) +
         ")</text></svg>";
  return svg;
}

class VariationPages {
 public:
  explicit VariationPages(Insight& insight) : insight_(insight) {}

  http::Response Api(http::Request& request) {
    auto v = insight_.Variations(*request.principal, QueryOf(request));
    if (!v.ok()) return http::Problem(v.status());
    if (request.Query("format") == "csv") {
      return http::Response{200,
                            {{"Content-Type", "text/csv; charset=utf-8"},
                             {"Content-Disposition", "attachment; filename=\"variation.csv\""}},
                            Csv(*v)};
    }
    return http::Response::Json(200, json::serialize(Json(*v)));
  }

  http::Response Page(http::Request& request) {
    VariationQuery query = QueryOf(request);
    auto v = insight_.Variations(*request.principal, query);
    FormErrors errors;
    if (!insight::PageErrors(v.status(), errors) && !v.ok()) {
      return StatusPage(request, v.status());
    }
    View view;
    view.status = errors.empty() ? 200 : 422;
    view.title = "Variation between practices";
    view.body = "insight_variation";
    view.has_errors = !errors.empty();
    Data& d = view.data;
    d.set("from", Input({.id = "from",
                         .label = "From (YYYY-MM)",
                         .value = v.ok() ? v->period.from : query.from,
                         .width = "10"},
                        errors));
    d.set("to", Input({.id = "to",
                       .label = "To (YYYY-MM)",
                       .value = v.ok() ? v->period.to : query.to,
                       .width = "10"},
                      errors));
    Data activities = web::List();
    for (auto [value, label] : {std::pair{"referrals", "Referrals"},
                                {"signposts", "Signposts"},
                                {"both", "Referrals and signposts"}}) {
      Data o = Object();
      o.set("value", value);
      o.set("label", label);
      o.set("selected", query.activity == value);
      activities.push_back(o);
    }
    d.set("activities", activities);
    Data scopes = web::List();
    const Principal& who = *request.principal;
    std::vector<std::pair<std::string, std::string>> options;
    if (who.role == Role::kCommissioner || who.org_kind == OrgKind::kIcb) {
      options.emplace_back("icb", "The whole ICB");
    }
    for (const auto& [code, name] : insight_.PcnsFor(who))
      options.emplace_back("pcn:" + code, name);
    std::string chosen = v.ok() ? v->scope : query.scope;
    for (const auto& [value, label] : options) {
      Data o = Object();
      o.set("value", value);
      o.set("label", label);
      o.set("selected", value == chosen);
      scopes.push_back(o);
    }
    d.set("scopes", scopes);
    d.set("shown", v.ok());
    if (v.ok()) {
      Fill(d, *v, request);
      // Trends by month for the same practices, as rates of their registered population.
      auto t = insight_.Trends(who, {v->period.from, v->period.to, v->scope, ""});
      if (!t.ok()) return StatusPage(request, t.status());
      std::vector<std::string> xs;
      insight::Series rate{v->activity == "signposts" ? "Signposts" : "Referrals", "#005eb8", {}};
      Data months = web::List();
      for (const auto& m : t->months) {
        xs.push_back(m.month);
        // Both: hidden when either part is.
        Shown n = v->activity == "signposts" ? m.signposts : m.referrals;
        if (v->activity == "both") {
          n = {m.referrals.count + m.signposts.count,
               m.referrals.suppressed || m.signposts.suppressed, false};
          if (n.suppressed) n.count = 0;
        }
        rate.values.push_back(
            n.suppressed || t->population == 0
                ? std::nullopt
                : std::optional<double>(insight::RatePer1000(n.count, t->population)));
        Data row = Object();
        row.set("month", m.month);
        row.set("count", n.suppressed ? std::string("<5 or hidden") : std::to_string(n.count));
        row.set("rate", n.suppressed || t->population == 0
                            ? std::string("")
                            : Fixed(insight::RatePer1000(n.count, t->population), 2));
        months.push_back(row);
      }
      d.set("trend_svg", insight::LinesSvg("Per 1,000 registered patients by month", xs, {rate}));
      d.set("months", months);
    }
    errors.AddTo(d);
    return RenderPage(request, view);
  }

 private:
  static void Fill(Data& d, const Variation& v, const http::Request& request) {
    d.set("activity_label", v.activity == "both"        ? "Referrals and signposts"
                            : v.activity == "signposts" ? "Signposts"
                                                        : "Referrals");
    d.set("period", v.period.from + " to " + v.period.to);
    d.set("scope_name", v.scope_name);
    d.set("mean", Fixed(v.mean_rate_per_1000));
    d.set("svg", FunnelSvg(v));
    Data rows = web::List();
    Data outside = web::List();
    for (const auto& p : v.practices) {
      Data row = Object();
      row.set("code", p.code);
      row.set("name", p.name);
      row.set("list_size", std::to_string(p.list_size));
      row.set("count", p.suppressed ? std::string("<5") : std::to_string(p.point.count));
      row.set("rate", p.suppressed ? std::string("") : Fixed(p.point.rate_per_1000));
      row.set("expected", Fixed(p.point.expected));
      row.set("p95", Fixed(p.point.p95.low) + " to " + Fixed(p.point.p95.high));
      row.set("p998", Fixed(p.point.p998.low) + " to " + Fixed(p.point.p998.high));
      row.set("where", Where(p.point.outside));
      rows.push_back(row);
      if (p.point.outside) outside.push_back(row);
    }
    d.set("rows", rows);
    d.set("outside_list", outside);
    bool any = false;
    bool hidden = false;
    for (const auto& p : v.practices) {
      any = any || p.point.outside.has_value();
      hidden = hidden || p.suppressed;
    }
    d.set("has_hidden", hidden);
    d.set("has_outside", any);
    std::string missing;
    for (const auto& m : v.without_list_size) missing += (missing.empty() ? "" : ", ") + m;
    d.set("has_missing", !missing.empty());
    d.set("missing", missing);
    d.set("csv_href", "/api/v1/insight/variation?format=csv&from=" + v.period.from +
                          "&to=" + v.period.to + "&scope=" + http::UrlEncode(v.scope) +
                          "&activity=" + v.activity);
    (void)request;
  }

  Insight& insight_;
};

}  // namespace

// The figures each role has, for the insight page and the home page.
std::vector<web::HomeCard> InsightCards(const Principal& who) {
  std::vector<web::HomeCard> out;
  bool practice = who.org_kind == OrgKind::kPractice;
  bool wide = who.role == Role::kCommissioner || who.role == Role::kLinkWorker ||
              (who.role == Role::kAdmin && !practice);
  if (who.role == Role::kReferrer) {
    out.push_back({"/insight/me", "My referrals",
                   "Your own referrals and signposts, the share of your consultations you refer "
                   "against the 20% with a social root, and colleagues without names."});
  }
  if (wide) {
    out.push_back({"/insight/variation", "Variation between practices",
                   "Referrals and signposts per 1,000 patients by practice, with a funnel plot "
                   "that shows which practices differ by more than chance."});
    out.push_back({"/insight/waits", "Capacity and waits",
                   "Caseloads against capacity, days to first contact, and a forecast of the "
                   "wait, with a warning when the list keeps growing."});
  }
  if (wide || practice) {
    out.push_back({"/insight/activity", "Referrals and signposts",
                   "Activity by month, referral reasons and who refers."});
    out.push_back({"/insight/equity", "Equity",
                   "Referrals per 1,000 by deprivation, age, sex, rurality and practice."});
    out.push_back({"/insight/outcomes", "Outcomes",
                   "What changed for people on each measure, and attendance at services."});
    out.push_back({"/insight/digest", "Practice digest",
                   "A printable month of social prescribing for a practice's clinicians."});
  }
  if (practice && (who.role == Role::kReferrer || who.role == Role::kAdmin)) {
    out.push_back({"/insight/extract", "Activity extract",
                   "The practice's SNOMED CT coded activity for the GP record and national "
                   "reporting."});
  }
  return out;
}

void RegisterInsight(http::Router& router, Insight& insight) {
  web::AddTemplates(InsightTemplates());
  for (Role r : {Role::kCommissioner, Role::kLinkWorker, Role::kAdmin, Role::kReferrer}) {
    web::AddNavLink(r, "/insight", "Insight");
  }
  web::AddHomeCards("insight", [](const Principal& who) -> std::vector<web::HomeCard> {
    auto cards = InsightCards(who);
    if (cards.empty()) return {};
    return {{"/insight", "Insight",
             "Figures on activity, variation between practices, waits, equity and outcomes."}};
  });
  router.Add(
      "GET", "/insight",
      GuardPage({.roles = {Role::kCommissioner, Role::kLinkWorker, Role::kAdmin, Role::kReferrer},
                 .refusal = "Insight is for referrers, PCN and ICB staff."},
                [](http::Request& r) {
                  View view;
                  view.title = "Insight";
                  view.body = "insight_index";
                  Data cards = web::List();
                  for (const auto& c : InsightCards(*r.principal)) {
                    Data card = Object();
                    card.set("href", c.href);
                    card.set("title", c.title);
                    card.set("description", c.description);
                    cards.push_back(card);
                  }
                  view.data.set("cards", cards);
                  return RenderPage(r, view);
                }));
  auto pages = std::make_shared<VariationPages>(insight);
  http::Needs needs{.roles = {Role::kCommissioner, Role::kLinkWorker, Role::kAdmin},
                    .refusal = "These figures are for commissioners and PCN staff."};
  router.Add("GET", "/api/v1/insight/variation",
             http::GuardApi(needs, [pages](http::Request& r) { return pages->Api(r); }));
  router.Add("GET", "/insight/variation",
             GuardPage(needs, [pages](http::Request& r) { return pages->Page(r); }));
  RegisterActivityPages(router, insight);
  RegisterWaitsPages(router, insight);
  RegisterOutcomesPages(router, insight);
  RegisterExportPages(router, insight);
}

}  // namespace linkway
