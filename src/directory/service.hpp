// The directory's records, on the Open Referral HSDS 3.0 model: an organisation provides
// services; a service is delivered at locations (service_at_location), runs to schedules, has
// phones, contacts, cost options, service areas and languages, is described by taxonomy terms
// (HSDS attributes), and holds Linkway's own eligibility, status, the date the listing was last
// assured and its capacity (accepting, waiting list of N weeks, not accepting).
// Pure types and checks, no I/O. Thread safety: plain data and pure functions.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/choice.hpp"
#include "core/clock.hpp"
#include "core/geo.hpp"
#include "core/status.hpp"

namespace linkway {

inline constexpr Choice kServiceStatuses[] = {
    {"active", "Active"},
    {"inactive", "Inactive"},
    {"defunct", "Defunct"},
    {"temporarily closed", "Temporarily closed"},
};

inline constexpr Choice kCapacityStates[] = {
    {"accepting", "Accepting referrals"},
    {"waiting_list", "Waiting list"},
    {"not_accepting", "Not accepting referrals"},
};

// HSDS schedule byday codes, Monday first.
inline constexpr std::array<std::string_view, 7> kDayCodes = {"MO", "TU", "WE", "TH",
                                                              "FR", "SA", "SU"};

struct Address {
  std::string address_1;
  std::string city;
  std::string region;
  std::string state_province;
  std::string postal_code;
  std::string country = "GB";
};

struct Location {
  std::string id;                   // uuid
  std::string service_at_location;  // the uuid of this service's link to it
  std::string name;
  std::string description;
  std::optional<GeoPoint> place;
  // A refuge: its address and exact place are never published, only `area`.
  bool confidential = false;
  std::string area;  // "Leominster", shown for a confidential location
  Address address;
  std::string accessibility;  // how to get in, step-free access, hearing loop, ...
};

struct Schedule {
  std::string id;
  std::string freq = "WEEKLY";     // WEEKLY or MONTHLY
  std::vector<std::string> byday;  // "MO", "TU", ...
  std::string opens_at;            // "HH:MM"
  std::string closes_at;           // "HH:MM"
  std::string description;         // "Every Tuesday morning"
};

struct Phone {
  std::string id;
  std::string number;
  std::string description;
};

struct ServiceContact {
  std::string id;
  std::string name;
  std::string title;
  std::string email;
};

struct CostOption {
  std::string id;
  std::string option;  // "Per session"
  std::optional<double> amount;
  std::string currency = "GBP";
  std::string amount_description;
};

struct ServiceArea {
  std::string id;
  std::string name;
  std::string description;
};

struct Language {
  std::string id;
  std::string name;
  std::string code;  // ISO 639
};

struct Capacity {
  std::string state = "accepting";
  int wait_weeks = 0;  // for a waiting list
  UnixSeconds updated_at = 0;
  std::string updated_by;
};

struct Organization {
  std::string id;    // uuid
  std::string code;  // the organisation's code in Linkway (a VCSE)
  std::string name;
  std::string description;
  std::string email;
  std::string website;
};

struct Service {
  std::string id;  // uuid
  std::string organization_id;
  std::string org_code;
  std::string organization_name;
  std::string name;
  std::string alternate_name;
  std::string description;
  std::string url;
  std::string email;
  std::string status = "active";
  std::string application_process;  // how to be referred or join
  std::string fees_description;
  std::string eligibility_description;
  std::optional<int> minimum_age;
  std::optional<int> maximum_age;
  std::string assured_date;  // YYYY-MM-DD, the day the listing was last checked
  UnixSeconds last_modified = 0;
  bool accepts_referrals = true;  // link workers may connect people to it
  std::vector<std::string> term_ids;
  std::vector<Location> locations;
  std::vector<Schedule> schedules;
  std::vector<Phone> phones;
  std::vector<ServiceContact> contacts;
  std::vector<CostOption> cost_options;
  std::vector<ServiceArea> service_areas;
  std::vector<Language> languages;
  Capacity capacity;
};

// A listing not assured for 12 months (or never) may be out of date.
bool IsStale(const Service& service, std::int64_t today_days);

// Every problem with `service`, by HSDS field path ("locations[0].latitude"): ids that are not
// uuids, a missing name or status, a status or capacity not in the lists, ages out of order or
// range, a date that is not YYYY-MM-DD, schedule days and times, text too long or not storable.
Status CheckService(const Service& service);
bool IsUuid(std::string_view text);
// "09:30" as minutes after midnight, or nullopt.
std::optional<int> ParseClock(std::string_view text);

// A uuid made from `name` (the same name always gives the same uuid), and a random one.
std::string NameUuid(std::string_view name);
std::string RandomUuid();

inline constexpr std::size_t kMaxServiceText = 4000;
inline constexpr std::size_t kMaxName = 200;
inline constexpr std::size_t kMaxChildren = 50;  // of each kind in one service

}  // namespace linkway
