#include "web/form.hpp"

#include "core/text.hpp"

#include <algorithm>
#include <array>

namespace linkway::web {

std::string FormValue(const http::Params& form, std::string_view name) {
  auto it = form.find(name);
  return it == form.end() ? std::string() : it->second;
}

std::vector<std::string> FormValues(const http::Params& form, std::string_view name) {
  std::vector<std::string> out;
  auto [begin, end] = form.equal_range(name);
  for (auto it = begin; it != end; ++it) out.push_back(it->second);
  return out;
}

std::string PageMessage(const FieldInfo& field, std::string_view message) {
  if (message == "is required" && !field.required.empty()) return std::string(field.required);
  for (std::string_view start : {"is ", "must ", "cannot ", "check "}) {
    if (message.starts_with(start)) return std::string(field.label) + " " + std::string(message);
  }
  return Capitalise(message);
}

void FormErrors::Add(std::string id, std::string message) {
  items_.emplace_back(std::move(id), std::move(message));
}

void FormErrors::AddStatus(const Status& status, std::span<const FieldInfo> fields) {
  if (status.fields().empty()) {
    Add("", Capitalise(status.message()));
    return;
  }
  for (const auto& error : status.fields()) {
    auto info = std::find_if(fields.begin(), fields.end(),
                             [&](const FieldInfo& f) { return f.path == error.field; });
    if (info == fields.end()) {
      Add("", Capitalise(error.message));
    } else {
      Add(std::string(info->id), PageMessage(*info, error.message));
    }
  }
}

std::string FormErrors::For(std::string_view id) const {
  for (const auto& [item_id, message] : items_)
    if (item_id == id) return message;
  return {};
}

void FormErrors::AddTo(Data& data) const {
  if (items_.empty()) return;
  Data list = List();
  for (const auto& [id, message] : items_) {
    Data item = Object();
    if (!id.empty()) item.set("href", "#" + id);
    item.set("text", message);
    list.push_back(item);
  }
  data.set("has_errors", true);
  data.set("error_list", list);
}

namespace {

// Optional values are set to false rather than left out: Mustache would otherwise look the name
// up in the enclosing data and could find another field's value.
Data Optional(const std::string& value) { return value.empty() ? Data(false) : Data(value); }

}  // namespace

Data Input(const InputSpec& spec, const FormErrors& errors) {
  Data d = Object();
  d.set("id", spec.id);
  d.set("name", spec.id);
  d.set("label", spec.label);
  d.set("value", spec.value);
  d.set("type", spec.type);
  d.set("hint", Optional(spec.hint));
  d.set("width", Optional(spec.width));
  d.set("autocomplete", Optional(spec.autocomplete));
  d.set("inputmode", Optional(spec.inputmode));
  d.set("spellcheck_off", spec.spellcheck_off);
  d.set("error", Optional(errors.For(spec.id)));
  return d;
}

Data Textarea(const std::string& id, const std::string& label, const std::string& hint,
              const std::string& value, const FormErrors& errors) {
  Data d = Object();
  d.set("error", Optional(errors.For(id)));
  d.set("hint", Optional(hint));
  d.set("name", id);
  d.set("id", id);
  d.set("label", label);
  d.set("value", value);
  return d;
}

Data ChoiceItems(std::span<const Choice> table, std::string_view id,
                 const std::vector<std::string>& checked) {
  Data items = List();
  int n = 0;
  for (const auto& choice : table) {
    ++n;
    Data item = Object();
    item.set("id", n == 1 ? std::string(id) : std::string(id) + "-" + std::to_string(n));
    item.set("value", std::string(choice.code));
    item.set("label", std::string(choice.label));
    item.set("checked", std::find(checked.begin(), checked.end(), choice.code) != checked.end());
    items.push_back(item);
  }
  return items;
}

namespace {

std::string Pad2(const std::string& s) { return s.size() == 1 ? "0" + s : s; }

}  // namespace

std::string CombineDate(std::string_view day, std::string_view month, std::string_view year) {
  std::string d = Trim(day), m = Trim(month), y = Trim(year);
  if (d.empty() && m.empty() && y.empty()) return {};
  return y + "-" + Pad2(m) + "-" + Pad2(d);
}

std::string MissingDateParts(std::string_view day, std::string_view month, std::string_view year) {
  std::vector<std::string> missing;
  if (Trim(day).empty()) missing.emplace_back("day");
  if (Trim(month).empty()) missing.emplace_back("month");
  if (Trim(year).empty()) missing.emplace_back("year");
  if (missing.empty() || missing.size() == 3) return {};
  return missing.size() == 1 ? missing[0] : missing[0] + " and " + missing[1];
}

}  // namespace linkway::web
