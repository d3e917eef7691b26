#include "http/message.hpp"

#include <algorithm>
#include <cctype>

namespace linkway::http {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string Decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '+') {
      out.push_back(' ');
    } else if (c == '%' && i + 2 < text.size() && HexValue(text[i + 1]) >= 0 &&
               HexValue(text[i + 2]) >= 0) {
      out.push_back(static_cast<char>(HexValue(text[i + 1]) * 16 + HexValue(text[i + 2])));
      i += 2;
    } else {
      out.push_back(c);
    }
  }
  return out;
}

}  // namespace

bool CaseInsensitiveLess::operator()(std::string_view a, std::string_view b) const {
  return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) <
           std::tolower(static_cast<unsigned char>(y));
  });
}

std::string Request::Header(std::string_view name) const {
  auto it = headers.find(name);
  return it == headers.end() ? std::string() : it->second;
}

std::string Request::Query(std::string_view name) const {
  auto it = query.find(name);
  return it == query.end() ? std::string() : it->second;
}

std::string Request::Cookie(std::string_view name) const {
  std::string cookies = Header("Cookie");
  std::string_view rest = cookies;
  while (!rest.empty()) {
    auto end = rest.find(';');
    std::string_view pair = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    auto eq = pair.find('=');
    if (eq != std::string_view::npos && pair.substr(0, eq) == name) {
      return std::string(pair.substr(eq + 1));
    }
  }
  return {};
}

Params Request::Form() const { return ParseUrlEncoded(body); }

std::string Response::Header(std::string_view name) const {
  CaseInsensitiveLess less;
  for (const auto& [k, v] : headers) {
    if (!less(k, name) && !less(name, k)) return v;
  }
  return {};
}

Response Response::Json(int status, std::string body) {
  Response r{status, {{"Content-Type", "application/json"}}, std::move(body)};
  return r;
}

Response Response::Html(int status, std::string body) {
  return {status, {{"Content-Type", "text/html; charset=utf-8"}}, std::move(body)};
}

Response Response::Text(int status, std::string body) {
  return {status, {{"Content-Type", "text/plain; charset=utf-8"}}, std::move(body)};
}

Response Response::Redirect(std::string location) {
  return {303, {{"Location", std::move(location)}}, ""};
}

std::string CookieHeader(std::string_view name, std::string_view value, bool secure,
                         std::optional<long long> max_age) {
  std::string cookie = std::string(name) + "=" + std::string(value);
  cookie += "; HttpOnly; SameSite=Lax; Path=/";
  if (max_age) cookie += "; Max-Age=" + std::to_string(*max_age);
  if (secure) cookie += "; Secure";
  return cookie;
}

Result<int> PageNumber(std::string_view text) {
  if (text.empty()) return 1;
  int page = 0;
  for (char c : text) {
    if (c < '0' || c > '9' || page > 100000) page = -1;
    if (page < 0) break;
    page = page * 10 + (c - '0');
  }
  if (page < 1) {
    return Status::Invalid("page must be a whole number from 1",
                           {{"page", "must be a whole number from 1"}});
  }
  return page;
}

Params ParseUrlEncoded(std::string_view text) {
  Params out;
  while (!text.empty()) {
    auto end = text.find('&');
    std::string_view pair = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    if (pair.empty()) continue;
    auto eq = pair.find('=');
    if (eq == std::string_view::npos) {
      out.emplace(Decode(pair), "");
    } else {
      out.emplace(Decode(pair.substr(0, eq)), Decode(pair.substr(eq + 1)));
    }
  }
  return out;
}

std::string UrlEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) != 0 || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

std::string HtmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

}  // namespace linkway::http
