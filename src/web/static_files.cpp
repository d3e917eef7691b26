#include "web/static_files.hpp"

#include <fstream>
#include <sstream>

#include "http/problem.hpp"

namespace linkway::web {
namespace {

const char* TypeFor(const std::string& ext) {
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".json") return "application/json";
  return nullptr;
}

}  // namespace

http::Response ServeAsset(const std::filesystem::path& root, const http::Request& request) {
  constexpr std::string_view kPrefix = "/assets/";
  if (request.path.rfind(kPrefix, 0) != 0 ||
      (request.method != "GET" && request.method != "HEAD")) {
    return http::Problem(404, "there is nothing at this path");
  }
  std::string relative = request.path.substr(kPrefix.size());
  if (relative.find("..") != std::string::npos || relative.find("/.") != std::string::npos ||
      relative.empty() || relative.front() == '.' || relative.front() == '/') {
    return http::Problem(404, "there is nothing at this path");
  }
  std::filesystem::path file = root / relative;
  const char* type = TypeFor(file.extension().string());
  std::ifstream in(file, std::ios::binary);
  if (type == nullptr || !in || std::filesystem::is_directory(file)) {
    return http::Problem(404, "there is nothing at this path");
  }
  std::ostringstream body;
  body << in.rdbuf();
  http::Response r{200, {{"Content-Type", type}}, body.str()};
  return r;
}

}  // namespace linkway::web
