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
  auto parts = SplitPath(request.path);
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

}  // namespace linkway::http
