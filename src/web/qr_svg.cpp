#include "web/qr_svg.hpp"

#include <qrencode.h>

#include <memory>
#include <stdexcept>

#include "http/message.hpp"

namespace linkway::web {
namespace {

struct Freer {
  void operator()(QRcode* code) const { QRcode_free(code); }
};

}  // namespace

std::string QrSvg(std::string_view text, std::string_view label) {
  std::string owned(text);
  std::unique_ptr<QRcode, Freer> code(
      QRcode_encodeString(owned.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1));
  if (!code) throw std::runtime_error("cannot draw that text as a QR code");
  const int width = code->width;
  const int size = width + 8;
  // One path: a 1x1 square for every dark module, offset by the quiet zone.
  std::string path;
  for (int y = 0; y < width; ++y) {
    for (int x = 0; x < width; ++x) {
      if ((code->data[y * width + x] & 1u) == 0) continue;
      path += "M" + std::to_string(x + 4) + " " + std::to_string(y + 4) + "h1v1h-1z";
    }
  }
  std::string n = std::to_string(size);
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"linkway-qr\" viewBox=\"0 0 " + n + " " +
         n + "\" width=\"232\" height=\"232\" role=\"img\" aria-label=\"" +
         http::HtmlEscape(label) + "\" shape-rendering=\"crispEdges\"><rect width=\"" + n +
         "\" height=\"" + n + "\" fill=\"#fff\"/><path fill=\"#000\" d=\"" + path + "\"/></svg>";
}

}  // namespace linkway::web
