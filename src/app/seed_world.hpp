// The demo world's cast, as data: the ICB, four PCNs and the practices in them, two community
// organisations, the staff and how often each refers and signposts, and the community services
// clinicians point people to.
//
// Real: the ICB and the 20 practices (NHS ODS, Open Government Licence). Synthetic, made up for
// the demo: the PCNs (their codes have the shape of ODS PCN codes, U and five characters, but
// no PCN has them), the community organisations and services, and every person.
// Thread safety: constant data.
#pragma once

#include <string_view>

namespace linkway::demo {

inline constexpr std::string_view kDemoPassword = "linkway-demo-2026";

inline constexpr std::string_view kIcbCode = "QGH";
inline constexpr std::string_view kIcbName =
    "NHS Herefordshire and Worcestershire Integrated Care Board";

struct DemoPcn {
  std::string_view code;
  std::string_view name;
  std::string_view link_worker;  // username
  std::string_view link_worker_name;
};

// The first holds Hereford Medical Group (M81026), where the demo referrer works.
inline constexpr DemoPcn kPcns[] = {
    {"U1HW1", "Hereford City PCN", "linkworker", "Sam Okafor"},
    {"U1HW2", "North and West Herefordshire PCN", "linkworker.u1hw2", "Rhian Powell"},
    {"U1HW3", "South and East Herefordshire PCN", "linkworker.u1hw3", "Jo Bennett"},
    {"U1HW4", "Wye Valley Rural PCN", "linkworker.u1hw4", "Priya Shah"},
};

// Postcode sectors and districts to PCNs, matched by the longest prefix: Hereford's city
// sectors, then the market towns and the countryside around them. Colwall and Cradley (WR13)
// sit over the Worcestershire line, with Ledbury.
struct DemoArea {
  std::string_view prefix;
  std::string_view pcn;
};
inline constexpr DemoArea kAreas[] = {
    {"HR1 1", "U1HW1"}, {"HR1 2", "U1HW1"}, {"HR1 9", "U1HW1"}, {"HR2 6", "U1HW1"},
    {"HR2 7", "U1HW1"}, {"HR4 0", "U1HW1"}, {"HR4 9", "U1HW1"},  // Hereford
    {"HR3 ", "U1HW2"},  {"HR4 7", "U1HW2"}, {"HR4 8", "U1HW2"}, {"HR5 ", "U1HW2"},
    {"HR6 ", "U1HW2"},  {"HR7 ", "U1HW2"},  // Hay side, Weobley, Kington, Leominster, Bromyard
    {"HR1 3", "U1HW3"}, {"HR1 4", "U1HW3"}, {"HR8 ", "U1HW3"},  {"WR13 ", "U1HW3"},  // Ledbury
    {"HR2 0", "U1HW4"}, {"HR2 8", "U1HW4"}, {"HR2 9", "U1HW4"}, {"HR9 ", "U1HW4"},   // Ross
};

// The PCN whose area holds `postcode` ("HR4 9JP"), or empty when none does.
constexpr std::string_view PcnForPostcode(std::string_view postcode) {
  std::string_view best;
  std::size_t best_length = 0;
  for (const auto& area : kAreas) {
    if (postcode.starts_with(area.prefix) && area.prefix.size() > best_length) {
      best = area.pcn;
      best_length = area.prefix.size();
    }
  }
  return best;
}

struct DemoVcse {
  std::string_view code;
  std::string_view name;
};
inline constexpr DemoVcse kVcses[] = {
    {"VCSE1", "Herefordshire Community Connect"},
    {"VCSE2", "Wye Valley Men's Shed"},
};

// How often a clinician refers, from the 2021 survey of 24 clinicians: 3 refer two or three
// times a week, 3 weekly, 7 fortnightly, 5 monthly, 5 less often and 1 never.
enum class Frequency { kTwiceOrMoreAWeek, kWeekly, kFortnightly, kMonthly, kRarely, kNever };

constexpr double ReferralsPerWeek(Frequency f) {
  switch (f) {
    case Frequency::kTwiceOrMoreAWeek:
      return 2.5;
    case Frequency::kWeekly:
      return 1.0;
    case Frequency::kFortnightly:
      return 0.5;
    case Frequency::kMonthly:
      return 12.0 / 52.0;
    case Frequency::kRarely:
      return 5.0 / 52.0;  // every two or three months
    case Frequency::kNever:
      return 0.0;
  }
  return 0.0;
}

struct DemoClinician {
  std::string_view username;
  std::string_view name;
  std::string_view profession;
  std::string_view practice;
  Frequency refers;
  double signposts_per_week;  // more than they refer, at least monthly; one never signposts
};

// The first is the demo referrer. 23 of the 24 signpost, as 96% did in the survey.
inline constexpr DemoClinician kClinicians[] = {
    {"referrer", "Dr Asha Patel", "gp", "M81026", Frequency::kFortnightly, 0.75},
    {"gp.m81026.2", "Dr Tom Hughes", "gp", "M81026", Frequency::kTwiceOrMoreAWeek, 3.5},
    {"nurse.m81026.1", "Bethan Morgan", "nurse", "M81026", Frequency::kWeekly, 1.5},
    {"practiceadmin.m81026.1", "Claire Jenkins", "practice_admin", "M81026", Frequency::kRarely,
     0.25},
    {"gp.m81032.1", "Dr Oliver Grant", "gp", "M81032", Frequency::kFortnightly, 0.75},
    {"nurse.m81066.1", "Fiona Walsh", "nurse", "M81066", Frequency::kMonthly, 0.35},
    {"pharmacist.m81093.1", "Ravi Mehta", "pharmacist", "M81093", Frequency::kRarely, 0.25},
    {"gp.m81003.1", "Dr Helen Price", "gp", "M81003", Frequency::kTwiceOrMoreAWeek, 3.5},
    {"nurse.m81016.1", "Gemma Watkins", "nurse", "M81016", Frequency::kFortnightly, 0.75},
    {"gp.m81018.1", "Dr Mark Bevan", "gp", "M81018", Frequency::kMonthly, 0.35},
    {"gp.m81043.1", "Dr Sian Pritchard", "gp", "M81043", Frequency::kRarely, 0.25},
    {"practiceadmin.m81048.1", "Lucy Preece", "practice_admin", "M81048", Frequency::kFortnightly,
     0.75},
    {"gp.m81054.1", "Dr Richard Hale", "gp", "M81054", Frequency::kNever, 0.5},
    {"gp.m81012.1", "Dr Kate Foster", "gp", "M81012", Frequency::kWeekly, 1.5},
    {"nurse.m81621.1", "Amy Collins", "nurse", "M81621", Frequency::kFortnightly, 0.75},
    {"practiceadmin.m81621.1", "Debbie Lloyd", "practice_admin", "M81621", Frequency::kMonthly,
     0.35},
    {"gp.m81076.1", "Dr James Whitfield", "gp", "M81076", Frequency::kMonthly, 0.35},
    {"pharmacist.m81600.1", "Nadia Rahman", "pharmacist", "M81600", Frequency::kRarely, 0.25},
    {"gp.m81604.1", "Dr Peter Ashdown", "gp", "M81604", Frequency::kRarely, 0.0},
    {"gp.m81044.1", "Dr Laura Kemp", "gp", "M81044", Frequency::kTwiceOrMoreAWeek, 3.5},
    {"nurse.m81061.1", "Hannah Rees", "nurse", "M81061", Frequency::kFortnightly, 0.75},
    {"gp.m81009.1", "Dr Owen Parry", "gp", "M81009", Frequency::kWeekly, 1.5},
    {"gp.m81024.1", "Dr Emily Stone", "gp", "M81024", Frequency::kFortnightly, 0.75},
    {"pharmacist.m81067.1", "Chris Morley", "pharmacist", "M81067", Frequency::kMonthly, 0.35},
};

// Referrers from other agencies: each belongs to an agency whose area is the whole ICB, and
// refers people registered at any of its practices.
struct DemoAgency {
  std::string_view username;
  std::string_view name;
  std::string_view profession;
  double referrals_per_week;
  std::string_view org_code;
  std::string_view org_name;
};
inline constexpr DemoAgency kAgencies[] = {
    {"agency.discharge", "Karen Lewis", "hospital_discharge", 1.0, "AGDISCH",
     "County Hospital discharge team"},
    {"agency.fire", "Gary Turner", "fire_service", 0.3, "AGFIRE",
     "Hereford and Worcester Fire and Rescue Service"},
    {"agency.socialcare", "Mei Chen", "social_care", 0.5, "AGCARE",
     "Herefordshire adult social care"},
};

// Community services clinicians signpost to, with the needs each meets and how often it is
// chosen. Invented names, of the kinds found in any English county.
struct DemoService {
  std::string_view name;
  std::string_view reasons[2];  // the second may be empty
  int weight;
};
inline constexpr DemoService kServices[] = {
    {"Herefordshire Community Connect", {"loneliness", "money"}, 10},
    {"Wye Valley Men's Shed", {"loneliness", "mental_wellbeing"}, 6},
    {"Hereford Friendship Cafe", {"loneliness", ""}, 8},
    {"Herefordshire Money Advice Line", {"money", ""}, 9},
    {"Ledbury Community Larder", {"money", ""}, 4},
    {"Talk and Walk Wellbeing Group", {"mental_wellbeing", "activity"}, 7},
    {"Wye Valley Walking for Health", {"activity", ""}, 6},
    {"Carers Together Herefordshire", {"caring", ""}, 5},
    {"Marches Bereavement Circle", {"bereavement", ""}, 3},
    {"Home Safe Housing Advice", {"housing", "money"}, 4},
    {"Routes to Work Herefordshire", {"work", ""}, 3},
    {"Living Well with Diabetes Group", {"long_term_condition", "activity"}, 4},
    {"Leominster Community Choir", {"loneliness", "mental_wellbeing"}, 3},
    {"Ross Community Garden", {"activity", "mental_wellbeing"}, 3},
};

}  // namespace linkway::demo
