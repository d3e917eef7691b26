#include "insight/figure_page.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/csv.hpp"
#include "http/message.hpp"
#include "web/pages.hpp"
#include "web/view.hpp"

namespace linkway::insight {
namespace {

using web::Data;

// Mustache takes an empty string as true: a missing part is false instead.
void SetText(Data& d, const std::string& key, const std::string& value) {
  if (value.empty()) {
    d.set(key, false);
  } else {
    d.set(key, value);
  }
}

constexpr const char* kColours[] = {"#005eb8", "#007f3b", "#d5281b", "#330072", "#ffb81c"};

std::string Attr(double v) { return Fixed(v, 1); }

// A round step for an axis from 0 to `max`, about five ticks.
double Step(double max) {
  if (max <= 0) return 1;
  double raw = max / 5;
  double power = std::pow(10, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
    if (raw <= m * power) return m * power;
  }
  return 10 * power;
}

std::string Label(double v) {
  return std::fabs(v - std::round(v)) < 1e-9 ? Fixed(v, 0) : Fixed(v, v < 1 ? 2 : 1);
}

std::string Open(double w, double h, const std::string& label) {
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + Fixed(w, 0) + " " +
         Fixed(h, 0) + "\" role=\"img\" aria-label=\"" + http::HtmlEscape(label) +
         "\" font-family=\"Frutiger W01, Arial, sans-serif\" font-size=\"13\">";
}

std::string Text(double x, double y, const std::string& text, const char* anchor = "start") {
  return "<text x=\"" + Attr(x) + "\" y=\"" + Attr(y) + "\" text-anchor=\"" + anchor + "\">" +
         http::HtmlEscape(text) + "</text>";
}

std::string Line(double x1, double y1, double x2, double y2, const std::string& colour,
                 const char* dash = nullptr) {
  return "<line x1=\"" + Attr(x1) + "\" y1=\"" + Attr(y1) + "\" x2=\"" + Attr(x2) + "\" y2=\"" +
         Attr(y2) + "\" stroke=\"" + colour + "\"" +
         (dash ? std::string(" stroke-dasharray=\"") + dash + "\"" : "") + "/>";
}

}  // namespace

std::string Fixed(double value, int places) {
  char out[48];
  std::snprintf(out, sizeof out, "%.*f", places, value);
  return out;
}

std::string Percent(double share, int places) { return Fixed(share * 100, places) + "%"; }

std::string TableCsv(const Table& table) {
  std::string out;
  for (std::size_t i = 0; i < table.headers.size(); ++i) {
    out += (i ? "," : "") + CsvCell(table.headers[i]);
  }
  out += "\r\n";
  for (const auto& row : table.rows) {
    for (std::size_t i = 0; i < row.size(); ++i) out += (i ? "," : "") + CsvCell(row[i]);
    out += "\r\n";
  }
  return out;
}

http::Response CsvResponse(const std::string& csv, const std::string& filename) {
  http::Response response{200, {{"Content-Type", "text/csv; charset=utf-8"}}, csv};
  response.Set("Content-Disposition", "attachment; filename=\"" + filename + "\"");
  response.Set("Cache-Control", "no-store");
  return response;
}

bool PageErrors(const Status& status, web::FormErrors& errors) {
  if (status.code() != Code::kInvalid) return false;
  for (const auto& f : status.fields()) errors.Add(f.field, web::Capitalise(f.message));
  return true;
}

std::vector<web::InputSpec> PeriodInputs(const std::string& from, const std::string& to) {
  return {{.id = "from", .label = "From (YYYY-MM)", .value = from, .width = "10"},
          {.id = "to", .label = "To (YYYY-MM)", .value = to, .width = "10"}};
}

http::Response RenderFigure(const http::Request& request, const FigurePage& page,
                            const web::FormErrors& errors) {
  web::View view;
  view.status = errors.empty() ? 200 : 422;
  view.title = page.title;
  view.body = "insight_figure";
  view.has_errors = !errors.empty();
  Data& d = view.data;
  d.set("title", page.title);
  SetText(d, "lead", page.lead);
  d.set("action", page.action);
  d.set("has_form", !page.inputs.empty() || !page.selects.empty());
  Data inputs = web::List();
  for (const auto& spec : page.inputs) inputs.push_back(web::Input(spec, errors));
  d.set("inputs", inputs);
  Data selects = web::List();
  for (const auto& s : page.selects) {
    Data select = web::Object();
    select.set("id", s.id);
    select.set("label", s.label);
    Data options = web::List();
    for (const auto& [value, label] : s.options) {
      Data o = web::Object();
      o.set("value", value);
      o.set("label", label);
      o.set("selected", value == s.chosen);
      options.push_back(o);
    }
    select.set("options", options);
    selects.push_back(select);
  }
  d.set("selects", selects);
  d.set("printable", page.printable);
  Data sections = web::List();
  if (errors.empty()) {
    for (const auto& s : page.sections) {
      Data section = web::Object();
      SetText(section, "heading", s.heading);
      SetText(section, "warning", s.warning);
      Data paragraphs = web::List();
      for (const auto& p : s.paragraphs) paragraphs.push_back(Data(p));
      section.set("paragraphs", paragraphs);
      SetText(section, "svg", s.svg);
      section.set("caption", s.caption);
      Data items = web::List();
      for (const auto& i : s.items) items.push_back(Data(i));
      section.set("items", items);
      section.set("has_items", !s.items.empty());
      if (s.table) {
        Data table = web::Object();
        table.set("caption", s.table->caption);
        Data headers = web::List();
        for (std::size_t i = 0; i < s.table->headers.size(); ++i) {
          Data h = web::Object();
          h.set("text", s.table->headers[i]);
          h.set("numeric", i < s.table->numeric.size() && s.table->numeric[i]);
          headers.push_back(h);
        }
        table.set("headers", headers);
        Data rows = web::List();
        for (const auto& row : s.table->rows) {
          Data cells = web::List();
          for (std::size_t i = 0; i < row.size(); ++i) {
            Data c = web::Object();
            c.set("text", row[i]);
            c.set("numeric", i < s.table->numeric.size() && s.table->numeric[i]);
            cells.push_back(c);
          }
          Data r = web::Object();
          r.set("cells", cells);
          rows.push_back(r);
        }
        table.set("rows", rows);
        section.set("table", table);
      } else {
        section.set("table", false);
      }
      sections.push_back(section);
    }
    SetText(d, "csv_href", page.csv_href);
    SetText(d, "json_href", page.json_href);
  } else {
    d.set("csv_href", false);
  }
  d.set("sections", sections);
  errors.AddTo(d);
  return web::RenderPage(request, view);
}

std::string BarsSvg(const std::string& label, const std::vector<Bar>& bars,
                    std::optional<std::pair<double, std::string>> reference) {
  constexpr double kW = 640, kLeft = 210, kRight = 24, kTop = 12, kRow = 26, kAxis = 30;
  double h = kTop + kRow * static_cast<double>(std::max<std::size_t>(bars.size(), 1)) + kAxis;
  double max = reference ? reference->first : 0;
  for (const auto& b : bars) {
    max = std::max(max, b.interval ? std::max(b.value, b.interval->second) : b.value);
  }
  double step = Step(max);
  max = std::max(step, std::ceil(max / step) * step);
  auto x = [&](double v) { return kLeft + v / max * (kW - kLeft - kRight); };
  std::string svg = Open(kW, h, label);
  double bottom = kTop + kRow * static_cast<double>(bars.size());
  for (double t = 0; t <= max + 1e-9; t += step) {
    svg += Line(x(t), kTop, x(t), bottom, "#d8dde0");
    svg += Text(x(t), bottom + 18, Label(t), "middle");
  }
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const Bar& b = bars[i];
    double y = kTop + kRow * static_cast<double>(i);
    std::string name = b.label.size() > 30 ? b.label.substr(0, 29) + "…" : b.label;
    svg += Text(kLeft - 8, y + 17, name, "end");
    svg += "<rect x=\"" + Attr(kLeft) + "\" y=\"" + Attr(y + 4) + "\" width=\"" +
           Attr(std::max(0.0, x(b.value) - kLeft)) + "\" height=\"18\" fill=\"" + kColours[0] +
           "\"><title>" + http::HtmlEscape(b.label + ": " + Label(b.value)) + "</title></rect>";
    if (b.interval) {
      double y0 = y + 13;
      svg += Line(x(b.interval->first), y0, x(b.interval->second), y0, "#212b32");
      svg += Line(x(b.interval->first), y0 - 5, x(b.interval->first), y0 + 5, "#212b32");
      svg += Line(x(b.interval->second), y0 - 5, x(b.interval->second), y0 + 5, "#212b32");
    }
  }
  if (reference) {
    svg += Line(x(reference->first), kTop, x(reference->first), bottom, "#d5281b", "6 3");
    svg += Text(std::min(x(reference->first) + 4, kW - 150), kTop + 10, reference->second);
  }
  return svg + "</svg>";
}

std::string LinesSvg(const std::string& label, const std::vector<std::string>& xs,
                     const std::vector<Series>& series,
                     std::optional<std::pair<double, std::string>> reference) {
  constexpr double kW = 640, kH = 300, kLeft = 48, kRight = 32, kTop = 16, kBottom = 64;
  double max = reference ? reference->first : 0;
  for (const auto& s : series) {
    for (const auto& v : s.values) max = std::max(max, v.value_or(0));
  }
  double step = Step(max);
  max = std::max(step, std::ceil(max / step) * step);
  double n = static_cast<double>(std::max<std::size_t>(xs.size(), 1));
  auto x = [&](std::size_t i) {
    return kLeft + (n == 1 ? 0.5 : static_cast<double>(i) / (n - 1)) * (kW - kLeft - kRight);
  };
  auto y = [&](double v) { return kTop + (1 - v / max) * (kH - kTop - kBottom); };
  std::string svg = Open(kW, kH, label);
  for (double t = 0; t <= max + 1e-9; t += step) {
    svg += Line(kLeft, y(t), kW - kRight, y(t), "#d8dde0");
    svg += Text(kLeft - 6, y(t) + 4, Label(t), "end");
  }
  std::size_t every = xs.size() > 12 ? (xs.size() + 11) / 12 : 1;
  for (std::size_t i = 0; i < xs.size(); i += every) {
    svg += Text(x(i), kH - kBottom + 18, xs[i], "middle");
  }
  for (std::size_t k = 0; k < series.size(); ++k) {
    const Series& s = series[k];
    std::string colour = s.colour.empty() ? kColours[k % 5] : s.colour;
    std::string points;
    for (std::size_t i = 0; i < s.values.size() && i < xs.size(); ++i) {
      if (!s.values[i]) {
        if (!points.empty()) {
          svg += "<polyline fill=\"none\" stroke-width=\"2\" stroke=\"" + colour + "\" points=\"" +
                 points + "\"/>";
        }
        points.clear();
        continue;
      }
      points += (points.empty() ? "" : " ") + Attr(x(i)) + "," + Attr(y(*s.values[i]));
      svg += "<circle cx=\"" + Attr(x(i)) + "\" cy=\"" + Attr(y(*s.values[i])) +
             "\" r=\"3\" fill=\"" + colour + "\"><title>" +
             http::HtmlEscape(s.name + ", " + xs[i] + ": " + Label(*s.values[i])) +
             "</title></circle>";
    }
    if (!points.empty()) {
      svg += "<polyline fill=\"none\" stroke-width=\"2\" stroke=\"" + colour + "\" points=\"" +
             points + "\"/>";
    }
    double lx = kLeft + static_cast<double>(k) * 200;
    svg += Line(lx, kH - 18, lx + 24, kH - 18, colour);
    svg += Text(lx + 30, kH - 14, s.name);
  }
  if (reference) {
    svg += Line(kLeft, y(reference->first), kW - kRight, y(reference->first), "#d5281b", "6 3");
    svg += Text(kW - kRight, y(reference->first) - 4, reference->second, "end");
  }
  return svg + "</svg>";
}

std::string DotsSvg(const std::string& label, const std::vector<double>& values, int highlight,
                    std::optional<std::pair<double, std::string>> reference) {
  constexpr double kW = 640, kH = 120, kLeft = 24, kRight = 24, kMid = 50;
  double max = reference ? reference->first : 0;
  for (double v : values) max = std::max(max, v);
  double step = Step(max);
  max = std::max(step, std::ceil(max / step) * step);
  auto x = [&](double v) { return kLeft + v / max * (kW - kLeft - kRight); };
  std::string svg = Open(kW, kH, label);
  svg += Line(kLeft, kMid, kW - kRight, kMid, "#aeb7bd");
  for (double t = 0; t <= max + 1e-9; t += step) {
    svg += Line(x(t), kMid - 4, x(t), kMid + 4, "#aeb7bd");
    svg += Text(x(t), kMid + 24, Label(t), "middle");
  }
  for (std::size_t i = 0; i < values.size(); ++i) {
    bool me = static_cast<int>(i) == highlight;
    svg += "<circle cx=\"" + Attr(x(values[i])) + "\" cy=\"" + Attr(kMid) + "\" r=\"" +
           (me ? "8" : "5") + "\" fill=\"" + (me ? "#d5281b" : "#005eb8") + "\" fill-opacity=\"" +
           (me ? "1" : "0.6") + "\"><title>" + (me ? "You: " : "A colleague: ") + Label(values[i]) +
           "</title></circle>";
  }
  if (highlight >= 0 && highlight < static_cast<int>(values.size())) {
    svg += Text(x(values[static_cast<std::size_t>(highlight)]), kMid - 14, "You", "middle");
  }
  if (reference) {
    svg += Line(x(reference->first), kMid - 30, x(reference->first), kMid + 30, "#d5281b", "6 3");
    svg += Text(x(reference->first), kH - 6, reference->second, "middle");
  }
  return svg + "</svg>";
}

}  // namespace linkway::insight
