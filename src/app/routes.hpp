// Every module's routes on one router, as `linkway serve` answers: the page frame, accounts
// (with the front door), referrals, /healthz, and the assets and not-found fallback. Wiring only.
// Thread safety: register before serving; Handle from any thread.
#pragma once

#include <filesystem>

#include "app/system.hpp"
#include "http/message.hpp"
#include "http/router.hpp"

namespace linkway {

void RegisterRoutes(http::Router& router, System& system, const std::filesystem::path& assets);

// A request as the server hands it over: assets straight away, anything else through the front
// door (who is calling) and then the router.
http::Response Handle(http::Request& request, System& system, const http::Router& router,
                      const std::filesystem::path& assets);

}  // namespace linkway
