#include "http/json.hpp"

namespace linkway::http {
namespace json = boost::json;

Result<json::object> ParseObject(std::string_view body) {
  boost::system::error_code ec;
  json::value value = json::parse(body, ec);
  if (ec) return Status::Invalid("the body is not valid JSON: " + ec.message());
  if (!value.is_object()) return Status::Invalid("the body must be a JSON object");
  return std::move(value.get_object());
}

std::string JsonString(const json::object& o, std::string_view key, const std::string& path,
                       FieldErrors& errors) {
  auto it = o.find(key);
  if (it == o.end() || it->value().is_null()) return {};
  if (!it->value().is_string()) {
    errors.Add(path, "must be a string");
    return {};
  }
  return std::string(it->value().get_string());
}

bool JsonBool(const json::object& o, std::string_view key, const std::string& path,
              FieldErrors& errors) {
  auto it = o.find(key);
  if (it == o.end() || it->value().is_null()) return false;
  if (!it->value().is_bool()) {
    errors.Add(path, "must be true or false");
    return false;
  }
  return it->value().get_bool();
}

const json::object* JsonObject(const json::object& o, std::string_view key, const std::string& path,
                               FieldErrors& errors) {
  auto it = o.find(key);
  if (it == o.end() || it->value().is_null()) return nullptr;
  if (!it->value().is_object()) {
    errors.Add(path, "must be an object");
    return nullptr;
  }
  return &it->value().get_object();
}

std::vector<std::string> JsonStrings(const json::object& o, std::string_view key,
                                     const std::string& path, FieldErrors& errors) {
  std::vector<std::string> out;
  auto it = o.find(key);
  if (it == o.end() || it->value().is_null()) return out;
  if (!it->value().is_array()) {
    errors.Add(path, "must be an array of strings");
    return out;
  }
  for (const auto& v : it->value().get_array()) {
    if (!v.is_string()) {
      errors.Add(path, "must be an array of strings");
      return {};
    }
    out.emplace_back(v.get_string());
  }
  return out;
}

json::array JsonArray(const std::vector<std::string>& items) {
  json::array out;
  for (const auto& i : items) out.emplace_back(i);
  return out;
}

}  // namespace linkway::http
