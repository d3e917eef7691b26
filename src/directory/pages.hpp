// Internal to the directory module: each page file registers its own routes, and the words the
// directory pages share.
#pragma once

#include <string>

#include "directory/directory.hpp"
#include "http/router.hpp"
#include "web/view.hpp"

namespace linkway {

void RegisterSearchPages(http::Router& router, ServiceDirectory& directory);
void RegisterOrganisationPages(http::Router& router, ServiceDirectory& directory);

// "Accepting referrals" / "Waiting list: 6 weeks" / "Not accepting referrals", and its colour.
std::string CapacityText(const Capacity& c);
std::string CapacityColour(const Capacity& c);
// "12 Mar 2026", or "Never" for a listing never assured.
std::string CheckedText(const Service& s);
// Where a service is, for a page: a confidential location shows its area only.
std::string PlaceText(const Location& l);
// "Tuesdays 10:00 to 12:00", one line a schedule.
std::vector<std::string> ScheduleLines(const Service& s);

}  // namespace linkway
