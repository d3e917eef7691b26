#include "core/text.hpp"

namespace linkway {

namespace {

// The length of the storable character at `i`, or 0 when the bytes there are not one: not
// well-formed UTF-8 (overlong, surrogate, cut short), or a control character (tab always, line
// breaks when `multiline`).
std::size_t StorableAt(std::string_view text, std::size_t i, bool multiline) {
  auto c = static_cast<unsigned char>(text[i]);
  if (c < 0x80) {
    bool allowed = c >= 0x20 || c == '\t' || (multiline && (c == '\n' || c == '\r'));
    return allowed && c != 0x7f ? 1 : 0;
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
    return 0;
  }
  if (i + length > text.size()) return 0;
  for (std::size_t k = 1; k < length; ++k) {
    auto next = static_cast<unsigned char>(text[i + k]);
    if ((next & 0xc0) != 0x80) return 0;
    point = (point << 6) | (next & 0x3f);
  }
  if (point < least || point > 0x10ffff || (point >= 0xd800 && point <= 0xdfff)) return 0;
  if (point >= 0x80 && point < 0xa0) return 0;  // C1 controls
  return length;
}

}  // namespace

bool IsStorableText(std::string_view text, bool multiline) {
  for (std::size_t i = 0; i < text.size();) {
    std::size_t length = StorableAt(text, i, multiline);
    if (length == 0) return false;
    i += length;
  }
  return true;
}

std::string Shorten(std::string_view text, std::size_t max_bytes) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t length = StorableAt(text, i, true);
    std::string_view piece = length == 0 ? "?" : text.substr(i, length);
    if (out.size() + piece.size() > max_bytes) break;
    out += piece;
    i += length == 0 ? 1 : length;
  }
  return out;
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
