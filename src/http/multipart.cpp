#include "http/multipart.hpp"

#include <algorithm>
#include <cctype>

namespace linkway::http {
namespace {

std::string Lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// The value of `key="..."` (or unquoted) in a header's parameters.
std::string Parameter(std::string_view header, std::string_view key) {
  std::string lower = Lower(header);
  std::string needle = std::string(key) + "=";
  std::size_t at = 0;
  while ((at = lower.find(needle, at)) != std::string::npos) {
    if (at == 0 || lower[at - 1] == ' ' || lower[at - 1] == ';') break;
    at += needle.size();
  }
  if (at == std::string::npos) return "";
  std::size_t start = at + needle.size();
  if (start < header.size() && header[start] == '"') {
    std::size_t end = header.find('"', start + 1);
    if (end == std::string_view::npos) return "";
    return std::string(header.substr(start + 1, end - start - 1));
  }
  std::size_t end = header.find(';', start);
  std::string_view value = header.substr(start, end == std::string_view::npos ? end : end - start);
  while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
  return std::string(value);
}

}  // namespace

std::optional<std::vector<FormPart>> ParseMultipart(std::string_view content_type,
                                                    std::string_view body) {
  if (Lower(content_type.substr(0, 19)) != "multipart/form-data") return std::nullopt;
  std::string boundary = Parameter(content_type, "boundary");
  if (boundary.empty() || boundary.size() > 70) return std::nullopt;
  const std::string delimiter = "--" + boundary;
  std::size_t at = body.find(delimiter);
  if (at == std::string_view::npos) return std::nullopt;
  std::vector<FormPart> parts;
  while (true) {
    at += delimiter.size();
    if (body.substr(at, 2) == "--") return parts;  // the closing delimiter
    if (body.substr(at, 2) != "\r\n") return std::nullopt;
    at += 2;
    std::size_t headers_end = body.find("\r\n\r\n", at);
    if (headers_end == std::string_view::npos) return std::nullopt;
    FormPart part;
    std::string_view headers = body.substr(at, headers_end - at);
    while (!headers.empty()) {
      std::size_t line_end = headers.find("\r\n");
      std::string_view line = headers.substr(0, line_end);
      headers = line_end == std::string_view::npos ? "" : headers.substr(line_end + 2);
      if (Lower(line.substr(0, 20)) == "content-disposition:") {
        part.name = Parameter(line, "name");
        part.filename = Parameter(line, "filename");
      }
    }
    std::size_t content = headers_end + 4;
    std::size_t next = body.find("\r\n" + delimiter, content);
    if (next == std::string_view::npos) return std::nullopt;
    part.content = std::string(body.substr(content, next - content));
    parts.push_back(std::move(part));
    at = next + 2;
  }
}

std::string PartValue(const std::vector<FormPart>& parts, std::string_view name) {
  for (const auto& p : parts) {
    if (p.name == name) return p.content;
  }
  return "";
}

}  // namespace linkway::http
