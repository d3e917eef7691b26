#include "casework/measures.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace linkway {
namespace {

namespace json = boost::json;
constexpr std::size_t kMaxFile = 256 * 1024;

bool GoodId(std::string_view id) {
  if (id.empty() || id.size() > 40) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

std::string Text(const json::object& o, std::string_view key, const std::string& path,
                 FieldErrors& errors, bool required = true) {
  const json::value* v = o.if_contains(key);
  if (!v || !v->is_string() || v->as_string().empty()) {
    if (required || (v && !v->is_string())) errors.Add(path, "must be a non-empty string");
    return "";
  }
  return std::string(v->as_string());
}

std::optional<std::int64_t> Int(const json::object& o, std::string_view key,
                                const std::string& path, FieldErrors& errors) {
  const json::value* v = o.if_contains(key);
  if (!v || !v->is_int64()) {
    errors.Add(path, "must be a whole number");
    return std::nullopt;
  }
  return v->as_int64();
}

const json::array* Array(const json::object& o, std::string_view key, const std::string& path,
                         FieldErrors& errors) {
  const json::value* v = o.if_contains(key);
  if (!v || !v->is_array() || v->as_array().empty()) {
    errors.Add(path, "must be a non-empty list");
    return nullptr;
  }
  return &v->as_array();
}

void ParseItems(const json::array& items, Measure& m, FieldErrors& errors) {
  std::set<std::string> ids;
  for (std::size_t i = 0; i < items.size(); ++i) {
    std::string at = "items[" + std::to_string(i) + "]";
    if (!items[i].is_object()) {
      errors.Add(at, "must be an object");
      continue;
    }
    const auto& o = items[i].as_object();
    MeasureItem item;
    item.id = Text(o, "id", at + ".id", errors);
    if (!item.id.empty() && !GoodId(item.id)) {
      errors.Add(at + ".id", "must be lower-case letters, digits and underscores");
    }
    if (!item.id.empty() && !ids.insert(item.id).second) errors.Add(at + ".id", "is repeated");
    item.text = Text(o, "text", at + ".text", errors);
    auto min = Int(o, "min", at + ".min", errors);
    auto max = Int(o, "max", at + ".max", errors);
    if (min && max && *max < *min) errors.Add(at + ".max", "must not be less than min");
    item.min = min.value_or(0);
    item.max = max.value_or(0);
    if (const json::value* labels = o.if_contains("labels"); labels && labels->is_array()) {
      for (std::size_t j = 0; j < labels->as_array().size(); ++j) {
        const auto& l = labels->as_array()[j];
        std::string lat = at + ".labels[" + std::to_string(j) + "]";
        if (!l.is_object()) {
          errors.Add(lat, "must be an object");
          continue;
        }
        auto value = Int(l.as_object(), "value", lat + ".value", errors);
        std::string text = Text(l.as_object(), "text", lat + ".text", errors);
        if (value) item.labels.push_back({*value, text});
      }
    }
    m.items.push_back(std::move(item));
  }
}

void ParseScores(const json::array& scores, Measure& m, FieldErrors& errors) {
  std::set<std::string> ids;
  for (std::size_t i = 0; i < scores.size(); ++i) {
    std::string at = "scores[" + std::to_string(i) + "]";
    if (!scores[i].is_object()) {
      errors.Add(at, "must be an object");
      continue;
    }
    const auto& o = scores[i].as_object();
    MeasureScore score;
    score.id = Text(o, "id", at + ".id", errors);
    if (!score.id.empty() && !GoodId(score.id)) {
      errors.Add(at + ".id", "must be lower-case letters, digits and underscores");
    }
    if (!score.id.empty() && !ids.insert(score.id).second) errors.Add(at + ".id", "is repeated");
    score.name = Text(o, "name", at + ".name", errors);
    std::string better = Text(o, "better", at + ".better", errors);
    if (better == "lower") {
      score.better = Better::kLower;
    } else if (better != "higher" && !better.empty()) {
      errors.Add(at + ".better", "must be higher or lower");
    }
    if (const json::array* items = Array(o, "items", at + ".items", errors)) {
      for (std::size_t j = 0; j < items->size(); ++j) {
        std::string iat = at + ".items[" + std::to_string(j) + "]";
        const auto& v = (*items)[j];
        const MeasureItem* item = v.is_string() ? m.Item(v.as_string()) : nullptr;
        if (!item) {
          errors.Add(iat, "is not an item of this measure");
          continue;
        }
        score.items.push_back(item->id);
        score.min += item->min;
        score.max += item->max;
      }
    }
    if (const json::value* c = o.if_contains("minimal_change"); c && !c->is_null()) {
      if (!c->is_number() || c->to_number<double>() <= 0) {
        errors.Add(at + ".minimal_change", "must be a number above 0");
      } else {
        score.minimal_change = c->to_number<double>();
      }
    }
    if (const json::value* c = o.if_contains("conversion"); c && !c->is_null()) {
      if (!c->is_object()) {
        errors.Add(at + ".conversion", "must be an object of raw total to reported value");
      } else {
        for (const auto& [raw, value] : c->as_object()) {
          std::int64_t total = 0;
          std::istringstream in{std::string(raw)};
          if (!(in >> total) || !value.is_number()) {
            errors.Add(at + ".conversion." + std::string(raw),
                       "must map a whole number to a number");
            continue;
          }
          score.conversion[total] = value.to_number<double>();
        }
        for (std::int64_t t = score.min; t <= score.max && errors.empty(); ++t) {
          if (!score.conversion.contains(t)) {
            errors.Add(at + ".conversion",
                       "gives no value for a raw total of " + std::to_string(t));
          }
        }
      }
    }
    m.scores.push_back(std::move(score));
  }
}

Result<std::string> ReadFile(const std::filesystem::path& path) {
  std::error_code ec;
  auto size = std::filesystem::file_size(path, ec);
  if (ec) return Status::Invalid("cannot read the measure file " + path.string());
  if (size > kMaxFile) {
    return Status::Invalid("the measure file " + path.string() + " is over 256 KiB");
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in && !in.eof()) return Status::Invalid("cannot read the measure file " + path.string());
  return text.str();
}

}  // namespace

std::string FormatScore(double v) {
  auto whole = static_cast<std::int64_t>(v);
  if (static_cast<double>(whole) == v) return std::to_string(whole);
  char text[32];
  std::snprintf(text, sizeof text, "%.2f", v);
  return text;
}

const MeasureItem* Measure::Item(std::string_view item_id) const {
  for (const auto& i : items) {
    if (i.id == item_id) return &i;
  }
  return nullptr;
}

Result<Measure> ParseMeasure(std::string_view json_text, std::string_view source_name) {
  std::string where(source_name);
  if (json_text.size() > kMaxFile) return Status::Invalid(where + ": is over 256 KiB");
  boost::system::error_code ec;
  json::value v = json::parse(json_text, ec);
  if (ec) return Status::Invalid(where + ": is not valid JSON (" + ec.message() + ")");
  if (!v.is_object()) return Status::Invalid(where + ": must be a JSON object");
  const auto& o = v.as_object();
  FieldErrors errors;
  Measure m;
  m.id = Text(o, "id", "id", errors);
  if (!m.id.empty() && !GoodId(m.id)) {
    errors.Add("id", "must be lower-case letters, digits and underscores");
  }
  m.name = Text(o, "name", "name", errors);
  m.source = Text(o, "source", "source", errors, false);
  if (const json::array* items = Array(o, "items", "items", errors)) ParseItems(*items, m, errors);
  if (const json::array* scores = Array(o, "scores", "scores", errors)) {
    ParseScores(*scores, m, errors);
  }
  if (!errors.empty()) {
    std::string first = errors.list().front().field + ": " + errors.list().front().message;
    return errors.ToStatus(where + ": " + first);
  }
  return m;
}

Result<MeasureSet> MeasureSet::Load(const EmbeddedFiles& builtin, const std::string& dir) {
  MeasureSet out;
  std::map<std::string, std::string> from;  // id -> file
  auto add = [&](std::string_view text, const std::string& name) -> Status {
    auto m = ParseMeasure(text, name);
    if (!m.ok()) return m.status();
    if (auto seen = from.find(m->id); seen != from.end()) {
      return Status::Invalid(name + ": the measure id " + m->id + " is already defined by " +
                             seen->second);
    }
    from[m->id] = name;
    out.measures_.push_back(std::move(m).value());
    return Status::Ok();
  };
  for (const auto& [name, text] : builtin) {
    if (!std::string_view(name).ends_with(".json")) continue;
    if (Status s = add(text, std::string(name)); !s.ok()) return s;
  }
  if (dir.empty()) return out;
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    return Status::Invalid("the measures folder " + dir + " does not exist");
  }
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  }
  if (ec) return Status::Invalid("cannot read the measures folder " + dir);
  std::sort(files.begin(), files.end());
  for (const auto& path : files) {
    auto text = ReadFile(path);
    if (!text.ok()) return text.status();
    if (Status s = add(*text, path.filename().string()); !s.ok()) return s;
  }
  return out;
}

const Measure* MeasureSet::Find(std::string_view id) const {
  for (const auto& m : measures_) {
    if (m.id == id) return &m;
  }
  return nullptr;
}

Result<std::vector<ScoreValue>> ScoreAnswers(const Measure& measure,
                                             const std::map<std::string, std::int64_t>& answers) {
  FieldErrors errors;
  if (answers.empty()) errors.Add("answers", "give at least one answer");
  for (const auto& [item_id, value] : answers) {
    const MeasureItem* item = measure.Item(item_id);
    if (!item) {
      errors.Add("answers." + item_id, "is not a question in " + measure.id);
    } else if (value < item->min || value > item->max) {
      errors.Add("answers." + item_id,
                 "must be from " + std::to_string(item->min) + " to " + std::to_string(item->max));
    }
  }
  if (!errors.empty()) return errors.ToStatus();
  std::vector<ScoreValue> out;
  for (const auto& score : measure.scores) {
    ScoreValue v;
    v.id = score.id;
    v.name = score.name;
    v.better = score.better;
    v.min = static_cast<double>(score.min);
    v.max = static_cast<double>(score.max);
    if (!score.conversion.empty()) {
      v.min = score.conversion.at(score.min);
      v.max = score.conversion.at(score.max);
    }
    std::int64_t total = 0;
    bool complete = true;
    for (const auto& item : score.items) {
      auto a = answers.find(item);
      if (a == answers.end()) {
        complete = false;
        break;
      }
      total += a->second;
    }
    if (complete) {
      v.value = score.conversion.empty() ? static_cast<double>(total) : score.conversion.at(total);
    }
    out.push_back(std::move(v));
  }
  return out;
}

std::string DescribeChange(const ScoreValue& before, const ScoreValue& after) {
  if (!before.value || !after.value) return "";
  double a = *before.value;
  double b = *after.value;
  if (a == b) return "no change (" + FormatScore(a) + ")";
  bool better = before.better == Better::kHigher ? b > a : b < a;
  return std::string(better ? "improved" : "worsened") + " from " + FormatScore(a) + " to " +
         FormatScore(b);
}

}  // namespace linkway
