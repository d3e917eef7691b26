// What every insight page is made of, so that each figure only says what it shows: a form of
// filters, then sections of text, an SVG chart drawn on the server with its data table beside
// it, and links to the same figures as CSV and JSON. Charts: bars, lines by month, and dots.
// Thread safety: plain data and pure functions.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "http/message.hpp"
#include "web/form.hpp"

namespace linkway::insight {

struct Table {
  std::string caption;
  std::vector<std::string> headers;
  std::vector<bool> numeric;  // per column
  std::vector<std::vector<std::string>> rows;
};
// The table as CSV (a header row, then its rows; cells quoted and made inert).
std::string TableCsv(const Table& table);
http::Response CsvResponse(const std::string& csv, const std::string& filename);

struct Section {
  std::string heading;
  std::vector<std::string> paragraphs;
  std::string warning;  // a warning callout, when set
  std::string svg;      // drawn by the functions below
  std::string caption;  // of the chart
  std::vector<std::string> items;
  std::optional<Table> table;
};

struct Select {
  std::string id, label;
  std::vector<std::pair<std::string, std::string>> options;  // value, label
  std::string chosen;
};

struct FigurePage {
  std::string title;
  std::string lead;
  std::string action;  // the form's own path
  std::vector<web::InputSpec> inputs;
  std::vector<Select> selects;
  std::vector<Section> sections;
  std::string csv_href, json_href;
  bool printable = false;  // a print button and a print-friendly layout
};

// The page, or the form with its errors (422) for an invalid query.
http::Response RenderFigure(const http::Request& request, const FigurePage& page,
                            const web::FormErrors& errors);

// A kInvalid status's field errors as the page shows them; false (nothing added) for any other.
bool PageErrors(const Status& status, web::FormErrors& errors);

// The From and To inputs of a period.
std::vector<web::InputSpec> PeriodInputs(const std::string& from, const std::string& to);

struct Bar {
  std::string label;
  double value = 0;
  std::optional<std::pair<double, double>> interval;  // drawn as a whisker
};
// Horizontal bars, one per row, with an optional reference line (a mean, a target).
std::string BarsSvg(const std::string& label, const std::vector<Bar>& bars,
                    std::optional<std::pair<double, std::string>> reference = std::nullopt);

struct Series {
  std::string name;
  std::string colour;
  std::vector<std::optional<double>> values;  // one per x label; nullopt: a gap
};
// Lines over months (or any labels), with a legend.
std::string LinesSvg(const std::string& label, const std::vector<std::string>& xs,
                     const std::vector<Series>& series,
                     std::optional<std::pair<double, std::string>> reference = std::nullopt);

// Dots along one axis (a distribution), the one at `highlight` marked, with a reference line.
std::string DotsSvg(const std::string& label, const std::vector<double>& values, int highlight,
                    std::optional<std::pair<double, std::string>> reference = std::nullopt);

std::string Fixed(double value, int places = 1);
std::string Percent(double share, int places = 1);

}  // namespace linkway::insight
