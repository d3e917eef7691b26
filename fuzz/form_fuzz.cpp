// Fuzz target: form bodies, query strings and cookies as the pages read them.
#include <cstdint>
#include <string>

#include "http/message.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  linkway::http::Request request;
  request.body = text;
  request.headers["Cookie"] = text;
  auto form = request.Form();
  for (const auto& [k, v] : form) {
    auto round = linkway::http::ParseUrlEncoded(linkway::http::UrlEncode(k) + "=" +
                                                linkway::http::UrlEncode(v));
    if (round.size() != 1 || round.begin()->first != k || round.begin()->second != v) {
      __builtin_trap();
    }
  }
  (void)request.Cookie("lw_session");
  (void)linkway::http::HtmlEscape(text);
  return 0;
}
