// multipart/form-data (RFC 7578) for forms that upload a file: the parts of a body the
// server already holds in memory (its body limit bounds it).
// Thread safety: a pure function.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace linkway::http {

struct FormPart {
  std::string name;
  std::string filename;  // empty for an ordinary field
  std::string content;
};

// The parts of `body` sent with `content_type` ("multipart/form-data; boundary=..."), or nullopt
// when it is not multipart, names no boundary, or is malformed.
std::optional<std::vector<FormPart>> ParseMultipart(std::string_view content_type,
                                                    std::string_view body);

// The content of the first part named `name`, or "".
std::string PartValue(const std::vector<FormPart>& parts, std::string_view name);

}  // namespace linkway::http
