#include "http/router.hpp"

#include "http/problem.hpp"

namespace linkway::http {
namespace {

std::vector<std::string> SplitPath(std::string_view path) {
  std::vector<std::string> parts;
  std::size_t start = 1;
  while (start <= path.size()) {
    auto end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    parts.emplace_back(path.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// One path segment, percent-decoded: an encoded slash stays inside its segment.
std::string DecodeSegment(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    int hi = 0;
    int lo = 0;
    if (s[i] == '%' && i + 2 < s.size() && (hi = HexValue(s[i + 1])) >= 0 &&
        (lo = HexValue(s[i + 2])) >= 0) {
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

// The request's segments: split before decoding, so that "%2f" cannot make a new segment and
// reach a route a proxy's path rules did not expect.
std::vector<std::string> RequestParts(const Request& request) {
  if (request.raw_path.empty()) return SplitPath(request.path);  // made in a test, not sent
  auto parts = SplitPath(request.raw_path);
  for (auto& part : parts) part = DecodeSegment(part);
  return parts;
}

bool Matches(const std::vector<std::string>& pattern, const std::vector<std::string>& parts,
             std::map<std::string, std::string, std::less<>>& route) {
  if (pattern.size() != parts.size()) return false;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const auto& p = pattern[i];
    if (p.size() > 2 && p.front() == '{' && p.back() == '}') {
      if (parts[i].empty()) return false;
      route[p.substr(1, p.size() - 2)] = parts[i];
    } else if (p != parts[i]) {
      return false;
    }
  }
  return true;
}

}  // namespace

void Router::Add(std::string method, const std::string& pattern, Handler handler) {
  routes_.push_back({std::move(method), SplitPath(pattern), std::move(handler)});
}

Response Router::Handle(Request& request) const {
  auto parts = RequestParts(request);
  std::string allowed;
  for (const auto& r : routes_) {
    std::map<std::string, std::string, std::less<>> route;
    if (!Matches(r.parts, parts, route)) continue;
    if (r.method == request.method || (r.method == "GET" && request.method == "HEAD")) {
      request.route = std::move(route);
      return r.handler(request);
    }
    allowed += (allowed.empty() ? "" : ", ") + r.method;
  }
  if (!allowed.empty()) {
    Response r = Problem(405, "this path does not accept " + request.method);
    r.Set("Allow", allowed);
    return r;
  }
  if (fallback_) return fallback_(request);
  return Problem(404, "there is nothing at this path");
}

std::vector<std::string> Router::Routes() const {
  std::vector<std::string> out;
  for (const auto& route : routes_) {
    std::string path;
    for (const auto& part : route.parts) path += "/" + part;
    out.push_back(route.method + " " + (path.empty() ? "/" : path));
  }
  return out;
}

}  // namespace linkway::http
