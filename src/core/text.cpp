#include "core/text.hpp"

namespace linkway {

bool IsStorableText(std::string_view text, bool multiline) {
  std::size_t i = 0;
  while (i < text.size()) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      bool allowed = c >= 0x20 || c == '\t' || (multiline && (c == '\n' || c == '\r'));
      if (!allowed || c == 0x7f) return false;
      ++i;
      continue;
    }
    // The length of the sequence and the smallest code point it may encode (no overlongs).
    std::size_t length = 0;
    char32_t point = 0;
    char32_t least = 0;
    if ((c & 0xe0) == 0xc0) {
      length = 2, point = c & 0x1f, least = 0x80;
    } else if ((c & 0xf0) == 0xe0) {
      length = 3, point = c & 0x0f, least = 0x800;
    } else if ((c & 0xf8) == 0xf0) {
      length = 4, point = c & 0x07, least = 0x10000;
    } else {
      return false;
    }
    if (i + length > text.size()) return false;
    for (std::size_t k = 1; k < length; ++k) {
      auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xc0) != 0x80) return false;
      point = (point << 6) | (next & 0x3f);
    }
    if (point < least || point > 0x10ffff || (point >= 0xd800 && point <= 0xdfff)) return false;
    if (point >= 0x80 && point < 0xa0) return false;  // C1 controls
    i += length;
  }
  return true;
}

std::string Trim(std::string_view text) {
  auto begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string_view::npos) return {};
  auto end = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(begin, end - begin + 1));
}

std::optional<std::int64_t> ParseId(std::string_view text) {
  if (text.empty() || text.size() > 18) return std::nullopt;
  std::int64_t id = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    id = id * 10 + (c - '0');
  }
  if (id <= 0) return std::nullopt;
  return id;
}

bool SameSecret(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  // Every byte is compared, whatever differs first; volatile keeps the loop from being cut short.
  volatile unsigned char differ = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    differ = differ | static_cast<unsigned char>(a[i] ^ b[i]);
  }
  return differ == 0;
}

void CheckStorable(FieldErrors& errors, const std::string& field, std::string_view text,
                   bool multiline) {
  if (!IsStorableText(text, multiline)) {
    errors.Add(field,
               "contains characters that cannot be stored (control characters or text "
               "that is not UTF-8)");
  }
}

}  // namespace linkway
