// Form plumbing for the pages: the core's field errors worded for a page and
// linked to its inputs, and the data the input templates render.
// Thread safety: plain functions and values.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/choice.hpp"
#include "core/status.hpp"
#include "http/message.hpp"
#include "web/view.hpp"

namespace linkway::web {

// The first value of a form field, or "".
std::string FormValue(const http::Params& form, std::string_view name);
std::vector<std::string> FormValues(const http::Params& form, std::string_view name);

// How a core field path ("patient.nhs_number") appears on a page.
struct FieldInfo {
  std::string_view path;      // as the core names it
  std::string_view id;        // the input the error summary links to
  std::string_view label;     // starts messages such as "must be 10 digits"
  std::string_view required;  // the whole message for "is required"
};

// Words a core message for a page: "is required" becomes the field's own message, "must be
// 10 digits" becomes "NHS number must be 10 digits", and anything else is capitalised.
std::string PageMessage(const FieldInfo& field, std::string_view message);

// The errors on one form, in page order, each naming the input it belongs to.
class FormErrors {
 public:
  void Add(std::string id, std::string message);
  // Adds every field error of `status`, worded by `fields`; a field not in the table keeps
  // its message and links to nothing. A status without field errors adds its message.
  void AddStatus(const Status& status, std::span<const FieldInfo> fields);
  bool empty() const { return items_.empty(); }
  // The first message for input `id`, or "".
  std::string For(std::string_view id) const;
  // Sets has_errors and error_list, which error_summary.mustache renders.
  void AddTo(Data& data) const;

 private:
  std::vector<std::pair<std::string, std::string>> items_;
};

// A text input for input.mustache.
struct InputSpec {
  std::string id{};  // also the name
  std::string label{};
  std::string hint{};
  std::string value{};
  std::string type = "text";
  std::string width{};         // "10" for nhsuk-input--width-10; empty for full width
  std::string autocomplete{};  // empty: none
  std::string inputmode{};
  bool spellcheck_off = false;
};
Data Input(const InputSpec& spec, const FormErrors& errors);

// A textarea for textarea.mustache.
Data Textarea(const std::string& id, const std::string& label, const std::string& hint,
              const std::string& value, const FormErrors& errors);

// Checkbox or radio items for a choice table: {id, value, label, checked}. The first item's id
// is `id`, so the error summary can link to it; the others are `id`-2, `id`-3, ...
Data ChoiceItems(std::span<const Choice> table, std::string_view id,
                 const std::vector<std::string>& checked);

// "1948-03-02" from a date typed as day, month and year, zero-padded. Empty when all three
// are empty; with a part missing, what there is ("1948--02"), for validation to reject.
std::string CombineDate(std::string_view day, std::string_view month, std::string_view year);
// Which parts of a typed date are missing: "day", "month and year", ...; "" when none or all.
std::string MissingDateParts(std::string_view day, std::string_view month, std::string_view year);

}  // namespace linkway::web
