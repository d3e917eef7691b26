// PlainText (import.hpp): Open Referral UK v1's HTML text as plain text, with text that was
// UTF-8 read as Windows-1252 put right.
#include <set>
#include <string>

#include "core/text.hpp"
#include "directory/import.hpp"

namespace linkway {
namespace {

// The code point at `i` and its length in bytes; 0 when the bytes there are not UTF-8.
std::size_t DecodeUtf8(std::string_view s, std::size_t i, char32_t& point) {
  auto c = static_cast<unsigned char>(s[i]);
  std::size_t length = c < 0x80             ? 1
                       : (c & 0xe0) == 0xc0 ? 2
                       : (c & 0xf0) == 0xe0 ? 3
                       : (c & 0xf8) == 0xf0 ? 4
                                            : 0;
  if (length == 0 || i + length > s.size()) return 0;
  point = length == 1 ? c : c & (0x7f >> length);
  for (std::size_t k = 1; k < length; ++k) {
    auto next = static_cast<unsigned char>(s[i + k]);
    if ((next & 0xc0) != 0x80) return 0;
    point = (point << 6) | (next & 0x3f);
  }
  static constexpr char32_t kLeast[] = {0, 0, 0x80, 0x800, 0x10000};
  if (point < kLeast[length] || point > 0x10ffff || (point >= 0xd800 && point <= 0xdfff)) return 0;
  return length;
}

void AppendUtf8(std::string& out, char32_t p) {
  if (p < 0x80) {
    out.push_back(static_cast<char>(p));
  } else if (p < 0x800) {
    out.push_back(static_cast<char>(0xc0 | (p >> 6)));
    out.push_back(static_cast<char>(0x80 | (p & 0x3f)));
  } else if (p < 0x10000) {
    out.push_back(static_cast<char>(0xe0 | (p >> 12)));
    out.push_back(static_cast<char>(0x80 | ((p >> 6) & 0x3f)));
    out.push_back(static_cast<char>(0x80 | (p & 0x3f)));
  } else {
    out.push_back(static_cast<char>(0xf0 | (p >> 18)));
    out.push_back(static_cast<char>(0x80 | ((p >> 12) & 0x3f)));
    out.push_back(static_cast<char>(0x80 | ((p >> 6) & 0x3f)));
    out.push_back(static_cast<char>(0x80 | (p & 0x3f)));
  }
}

// Windows-1252's characters for the bytes 0x80 to 0x9f (0 where it has none).
constexpr char32_t kCp1252[32] = {0x20ac, 0,      0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
                                  0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017d, 0,
                                  0,      0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
                                  0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0,      0x017e, 0x0178};

// The byte Windows-1252 (or, for its gaps, Latin-1) writes as `p`; -1 when none.
int Cp1252Byte(char32_t p) {
  if (p < 0x100) return static_cast<int>(p);
  for (int k = 0; k < 32; ++k) {
    if (kCp1252[k] == p) return 0x80 + k;
  }
  return -1;
}

// UTF-8 text that was read as Windows-1252 and encoded again, put back: each run of non-ASCII
// characters whose Windows-1252 bytes are UTF-8 ("peopleâ€™s" is "people’s"). Other
// text is unchanged.
std::string RepairMojibake(std::string_view in) {
  std::string out;
  bool repaired = false;
  for (std::size_t i = 0; i < in.size();) {
    if (static_cast<unsigned char>(in[i]) < 0x80) {
      out.push_back(in[i++]);
      continue;
    }
    std::size_t start = i;
    std::string bytes;
    bool mapped = true;
    while (i < in.size() && static_cast<unsigned char>(in[i]) >= 0x80) {
      char32_t p = 0;
      std::size_t n = DecodeUtf8(in, i, p);
      if (n == 0) return std::string(in);  // not UTF-8: CheckService refuses it
      int b = Cp1252Byte(p);
      mapped = mapped && b >= 0x80;
      bytes.push_back(static_cast<char>(b));
      i += n;
    }
    if (mapped && IsStorableText(bytes, false)) {
      out += bytes;
      repaired = true;
    } else {
      out += in.substr(start, i - start);
    }
  }
  // A no-break space whose second byte was lost on the way ("orÂ guidance"): the "Â" goes.
  for (auto at = out.find("\xC3\x82 "); at != std::string::npos; at = out.find("\xC3\x82 ", at)) {
    out.erase(at, 2);
    repaired = true;
  }
  return repaired ? out : std::string(in);
}

std::string Entity(std::string_view name) {
  static constexpr std::pair<std::string_view, std::string_view> kNamed[] = {
      {"amp", "&"},
      {"lt", "<"},
      {"gt", ">"},
      {"quot", "\""},
      {"apos", "'"},
      {"nbsp", " "},
      {"pound", "\xC2\xA3"},
      {"euro", "\xE2\x82\xAC"},
      {"ndash", "\xE2\x80\x93"},
      {"mdash", "\xE2\x80\x94"},
      {"lsquo", "\xE2\x80\x98"},
      {"rsquo", "\xE2\x80\x99"},
      {"ldquo", "\xE2\x80\x9C"},
      {"rdquo", "\xE2\x80\x9D"},
      {"hellip", "\xE2\x80\xA6"}};
  for (auto [key, text] : kNamed) {
    if (key == name) return std::string(text);
  }
  if (name.size() < 2 || name[0] != '#') return {};
  bool hex = name[1] == 'x' || name[1] == 'X';
  std::string_view digits = name.substr(hex ? 2 : 1);
  if (digits.empty() || digits.size() > 6) return {};
  char32_t p = 0;
  for (char c : digits) {
    int d = c >= '0' && c <= '9'          ? c - '0'
            : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
            : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10
                                          : -1;
    if (d < 0) return {};
    p = p * (hex ? 16 : 10) + static_cast<char32_t>(d);
  }
  if ((p < 0x20 && p != '\n' && p != '\t') || (p >= 0x7f && p < 0xa0) || p > 0x10ffff ||
      (p >= 0xd800 && p <= 0xdfff)) {
    return {};
  }
  std::string out;
  AppendUtf8(out, p == 0xa0 ? ' ' : p);
  return out;
}

bool IsBreakTag(std::string_view tag) {
  std::size_t from = tag.starts_with('/') ? 1 : 0;
  std::size_t to = tag.find_first_of(" /\t\n", from);
  std::string name(tag.substr(from, to == std::string_view::npos ? tag.npos : to - from));
  for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  static const std::set<std::string, std::less<>> kBreaks = {
      "p", "br", "div", "li", "ul", "ol", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6"};
  return kBreaks.contains(name);
}

}  // namespace

std::string PlainText(std::string_view input) {
  std::string text = RepairMojibake(input);
  bool html = false;
  for (std::size_t i = 0; i + 1 < text.size() && !html; ++i) {
    char n = text[i + 1];
    html = text[i] == '<' &&
           (std::isalpha(static_cast<unsigned char>(n)) || n == '/' || n == '!') &&
           text.find('>', i) != std::string::npos;
  }
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (html && c == '<') {
      if (auto end = text.find('>', i); end != std::string::npos) {
        if (IsBreakTag(std::string_view(text).substr(i + 1, end - i - 1))) out.push_back('\n');
        i = end;
        continue;
      }
    }
    if (c == '&') {
      if (auto end = text.find(';', i); end != std::string::npos && end - i <= 10) {
        if (auto e = Entity(std::string_view(text).substr(i + 1, end - i - 1)); !e.empty()) {
          out += e;
          i = end;
          continue;
        }
      }
    }
    if (c == '\r') continue;
    if (c == '\t' || (html && c == '\n')) c = ' ';
    if (c == '\xC2' && i + 1 < text.size() && text[i + 1] == '\xA0') {  // no-break space
      c = ' ';
      ++i;
    }
    out.push_back(c);
  }
  // Each line's spaces tidied; at most one blank line between paragraphs.
  std::string tidy;
  int blank = 0;
  std::size_t from = 0;
  while (from <= out.size()) {
    std::size_t to = out.find('\n', from);
    if (to == std::string::npos) to = out.size();
    std::string line;
    for (char c : std::string_view(out).substr(from, to - from)) {
      if (c == ' ' && (line.empty() || line.back() == ' ')) continue;
      line.push_back(c);
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    if (line.empty()) {
      ++blank;
    } else {
      if (!tidy.empty()) tidy += blank > 0 ? "\n\n" : "\n";
      tidy += line;
      blank = 0;
    }
    from = to + 1;
  }
  return tidy;
}

}  // namespace linkway
