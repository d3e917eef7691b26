// JSON request bodies for API handlers: parsing one that must be an object, and reading its
// members with a field error (named by its JSON path) for every value of the wrong type, so a
// client sees every problem at once. Thread-safe.
#pragma once

#include <boost/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/page.hpp"
#include "core/status.hpp"

namespace linkway::http {

// kInvalid with "the body is not valid JSON ..." or "must be a JSON object" (answer 400).
Result<boost::json::object> ParseObject(std::string_view body);

// Optional members: absent or null reads as empty; a value of another type adds a field error
// under `path` ("must be a string") and reads as empty, so that validation reports the rest.
std::string JsonString(const boost::json::object& o, std::string_view key, const std::string& path,
                       FieldErrors& errors);
bool JsonBool(const boost::json::object& o, std::string_view key, const std::string& path,
              FieldErrors& errors);
const boost::json::object* JsonObject(const boost::json::object& o, std::string_view key,
                                      const std::string& path, FieldErrors& errors);
std::vector<std::string> JsonStrings(const boost::json::object& o, std::string_view key,
                                     const std::string& path, FieldErrors& errors);
boost::json::array JsonArray(const std::vector<std::string>& items);

// {"items": [...], "total": n, "page": p, "page_size": s}, each item through `to_json`.
template <typename T, typename F>
boost::json::object PageToJson(const Page<T>& page, F&& to_json) {
  boost::json::array items;
  for (const auto& item : page.items) items.push_back(to_json(item));
  return {{"items", std::move(items)},
          {"total", page.total},
          {"page", page.page},
          {"page_size", page.page_size}};
}

}  // namespace linkway::http
