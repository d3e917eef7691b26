// The insight module's face to the server: its API and pages on the router.
// Thread safety: call before serving; `insight` must outlive the router.
#pragma once

#include "http/router.hpp"
#include "insight/insight.hpp"

namespace linkway {

void RegisterInsight(http::Router& router, Insight& insight);
// The parts RegisterInsight adds (one file each).
void RegisterActivityPages(http::Router& router, Insight& insight);
void RegisterWaitsPages(http::Router& router, Insight& insight);
void RegisterOutcomesPages(http::Router& router, Insight& insight);
void RegisterExportPages(http::Router& router, Insight& insight);

}  // namespace linkway
