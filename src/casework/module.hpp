// The casework module's face to the server: `app` calls these to put its API and pages on the
// router. Thread safety: call before serving; `casework` and `organisations` must outlive the
// router.
#pragma once

#include "casework/casework.hpp"
#include "http/router.hpp"
#include "reference/organisations.hpp"

namespace linkway {

void RegisterCaseworkApi(http::Router& router, Casework& casework);
// The waiting list, caseload, case pages, feedback and presence pages, with the module's
// templates, navigation links and home-page cards.
void RegisterCaseworkPages(http::Router& router, Casework& casework, Organisations& organisations);
void RegisterCasework(http::Router& router, Casework& casework, Organisations& organisations);

}  // namespace linkway
