// A QR code drawn as SVG on the server, on libqrencode (Debian libqrencode-dev): for a second
// factor's otpauth:// URI, which an authenticator app scans.
// Thread safety: may be called from any thread.
#pragma once

#include <string>
#include <string_view>

namespace linkway::web {

// An <svg> of `text` as a QR code (error correction M, a quiet zone of 4 modules), labelled
// `label` for screen readers. Throws std::runtime_error when the text cannot be encoded.
std::string QrSvg(std::string_view text, std::string_view label);

}  // namespace linkway::web
