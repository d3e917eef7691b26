// Serves the web assets (nhsuk-frontend's CSS, JS and images, and Linkway's own) from the
// asset folder beside the binary, under /assets/. Only files inside the folder are served;
// paths with "..", hidden files or unknown types get 404. Thread-safe.
#pragma once

#include <filesystem>

#include "http/message.hpp"

namespace linkway::web {

http::Response ServeAsset(const std::filesystem::path& root, const http::Request& request);

}  // namespace linkway::web
