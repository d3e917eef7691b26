// The directory module's face to the server: the open HSDS API, the public directory pages
// (search, a service), and the community organisations' pages (their services, edits, capacity).
// Thread safety: call before serving; `directory` must outlive the router.
#pragma once

#include "directory/directory.hpp"
#include "http/router.hpp"

namespace linkway {

void RegisterHsdsApi(http::Router& router, ServiceDirectory& directory);
void RegisterDirectoryPages(http::Router& router, ServiceDirectory& directory);
void RegisterDirectory(http::Router& router, ServiceDirectory& directory);

}  // namespace linkway
