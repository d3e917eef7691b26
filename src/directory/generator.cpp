#include "directory/generator.hpp"

#include <map>
#include <random>

namespace linkway {
namespace {

struct Kind {
  const char* name;  // "{town}" is the town
  const char* description;
  const char* terms;  // term codes, comma-separated
  const char* days;   // "TU" or "MO,TH"
  const char* opens;
  const char* closes;
  const char* join;
  const char* fees;
  int min_age, max_age;  // 0: none
  const char* org;       // the kind of organisation that runs it
};

constexpr Kind kKinds[] = {
    {"{town} Walking Group",
     "A friendly led walk of about an hour on paths around {town}, at an easy pace, with a cup of "
     "tea afterwards. Walk leaders are trained volunteers; nobody is left behind.",
     "green_nature,exercise_referral", "TU", "10:00", "11:30",
     "Just come along, or phone first if you would like someone to meet you.", "Free", 0, 0,
     "Walking Partnership"},
    {"{town} Health Walks",
     "Short, gentle walks for people getting active again after illness, on level ground with "
     "places to rest. Part of the walking for health scheme.",
     "green_nature,healthy_living", "TH", "14:00", "15:00",
     "Drop in at the start point; a link worker can come with you the first time.", "Free", 18, 0,
     "Walking Partnership"},
    {"{town} Men's Shed",
     "A workshop where men (and anyone who likes making things) meet to work on wood, repair bikes "
     "and garden tools, and talk over a brew. Shoulder to shoulder, not face to face.",
     "befriending_social,mental_wellbeing", "MO,WE", "09:30", "13:00",
     "Drop in on any session. Tools and materials are provided.", "£2 a session towards materials",
     18, 0, "Men's Shed"},
    {"{town} Community Garden",
     "Grow vegetables and flowers with others on our allotment plots. No experience needed; we "
     "have raised beds for people who cannot kneel.",
     "green_nature,befriending_social", "WE,SA", "10:00", "13:00",
     "Phone or email to arrange a first visit.", "Free", 16, 0, "Community Garden Trust"},
    {"Money Advice {town}",
     "Free, confidential advice on debt, budgeting and dealing with creditors, from trained "
     "advisers. We can talk to creditors for you and help you make a plan.",
     "debt,information_advice", "MO,TU,TH", "09:30", "16:00",
     "Phone for an appointment, or a link worker can refer you.", "Free", 18, 0, "Advice Centre"},
    {"Benefits Help {town}",
     "Checks of what benefits you may be entitled to, help with forms for Universal Credit, PIP "
     "and Attendance Allowance, and support with appeals.",
     "benefits,information_advice", "WE,FR", "10:00", "15:00",
     "By appointment: phone or ask your link worker.", "Free", 16, 0, "Advice Centre"},
    {"{town} Housing Support",
     "Advice for people at risk of losing their home, help with tenancy problems, repairs and "
     "moving, and support for people who are homeless.",
     "housing,information_advice", "MO,WE,FR", "09:00", "17:00",
     "Phone the duty line; referrals from link workers welcome.", "Free", 18, 0, "Housing Trust"},
    {"Work Ready {town}",
     "One-to-one support into work or volunteering: CVs, confidence, interview practice and "
     "finding the right role, at your pace.",
     "employment,education_learning", "TU,TH", "10:00", "15:00",
     "Referral from a link worker or self-referral by phone.", "Free", 18, 66, "Community Trust"},
    {"{town} Befriending Service",
     "A volunteer visits or phones each week for a chat, a walk or a trip out. For anyone who "
     "feels lonely or cut off.",
     "befriending_social", "MO,TU,WE,TH,FR", "09:00", "17:00",
     "Referral from a link worker, GP practice or yourself.", "Free", 18, 0, "Community Connect"},
    {"{town} Lunch Club",
     "A hot two-course lunch and good company every week, with transport for people who cannot get "
     "there on their own.",
     "befriending_social,healthy_living", "TH", "12:00", "14:00",
     "Phone to book a place and transport.", "£6 for lunch", 60, 0, "Community Connect"},
    {"{town} Carers' Café",
     "A relaxed monthly meeting for unpaid carers: a break, a chat with people who understand, and "
     "advice on carers' assessments and breaks.",
     "carers", "WE", "10:30", "12:30", "Drop in; the person you care for is welcome too.", "Free",
     16, 0, "Carers Network"},
    {"Young Carers {town}",
     "Activities, trips and a listening ear for young people who look after someone at home.",
     "carers,befriending_social", "TU", "16:00", "18:00",
     "Referral by a school, link worker or parent.", "Free", 8, 18, "Carers Network"},
    {"{town} Bereavement Support Group",
     "A small group for people who have lost someone close, meeting every fortnight with trained "
     "volunteers. Come when you are ready.",
     "bereavement,mental_wellbeing", "TU", "18:30", "20:00",
     "Phone for a first chat before you come.", "Free", 18, 0, "Bereavement Care"},
    {"Alcohol and Drug Service, {town}",
     "Confidential support for anyone worried about their drinking or drug use, or someone else's: "
     "assessment, key working, groups and harm reduction.",
     "substance_use", "MO,TU,WE,TH,FR", "09:00", "17:00",
     "Self-refer by phone or drop in; GP and link worker referrals welcome.", "Free", 18, 0,
     "Recovery Service"},
    {"Weight Wise {town}",
     "A twelve-week healthy weight programme: eating well, moving more and keeping it going, in a "
     "friendly group.",
     "weight_management,healthy_living", "MO", "18:00", "19:30",
     "Referral from a GP practice or link worker.", "Free on referral", 18, 0,
     "Healthy Lifestyles"},
    {"Active {town} Exercise Referral",
     "A supervised twelve-week exercise programme at the leisure centre for people with health "
     "conditions, with an instructor who plans it with you.",
     "exercise_referral,healthy_living", "MO,WE,FR", "09:00", "20:00",
     "Referral from a GP practice, nurse or link worker.", "£2.50 a session on referral", 16, 0,
     "Leisure Trust"},
    {"{town} Adult Learning",
     "Short courses for adults: computers and using the internet, English and maths, cooking on a "
     "budget, and crafts.",
     "education_learning", "TU,TH", "13:00", "15:00", "Book a place by phone or online.",
     "Free for most courses", 19, 0, "Learning Partnership"},
    {"{town} Library Reading Group",
     "A monthly reading group at the library, and books on prescription for wellbeing.",
     "books_reading,befriending_social", "WE", "14:00", "15:30", "Ask at the library or just come.",
     "Free", 16, 0, "Library Friends"},
    {"{town} Community Choir",
     "A choir for everyone, no auditions and no need to read music. Singing lifts the mood and is "
     "good for breathing.",
     "arts,mental_wellbeing", "TH", "19:00", "20:30", "Just come along.", "£3 a session", 16, 0,
     "Arts Collective"},
    {"Arts for Wellbeing {town}",
     "Relaxed art sessions: painting, printing and clay, with an artist. For people living with "
     "anxiety, low mood or long-term pain.",
     "arts,mental_wellbeing", "FR", "10:00", "12:00",
     "Referral from a link worker or self-referral.", "Free", 18, 0, "Arts Collective"},
    {"{town} Time Bank",
     "Give an hour of your time and get an hour back: gardening, lifts, computer help, dog walking "
     "and more, swapped between neighbours.",
     "time_banks,befriending_social", "MO,TU,WE,TH,FR", "10:00", "16:00", "Phone or email to join.",
     "Free", 18, 0, "Community Trust"},
    {"{town} Talking Space",
     "A peer support group for people with low mood or anxiety, led by people with their own "
     "experience. Share as much or as little as you like.",
     "mental_wellbeing", "MO", "13:30", "15:00", "Drop in; first-timers welcome.", "Free", 18, 0,
     "Mind Matters"},
    {"{town} Tai Chi for Balance",
     "Gentle Tai Chi for older people to improve balance, strength and confidence, and help "
     "prevent falls.",
     "exercise_referral,healthy_living", "WE", "11:00", "12:00", "Phone to book.", "£3 a session",
     55, 0, "Healthy Lifestyles"},
    {"{town} Conservation Volunteers",
     "Outdoor practical work on nature reserves and footpaths around {town}: hedge laying, tree "
     "planting and wildlife surveys.",
     "green_nature,employment", "SA", "09:30", "15:00",
     "Email to join a task day; tools and gloves provided.", "Free", 16, 0, "Wildlife Trust"},
    {"{town} Cook and Eat",
     "Learn to cook simple, cheap, healthy meals together, then eat them together.",
     "healthy_living,education_learning", "TH", "10:00", "13:00",
     "Phone to book a place on the next course.", "Free", 18, 0, "Healthy Lifestyles"},
};

constexpr const char* kQualifiers[] = {
    "",         "",          "",       "Riverside ", "Friendship ", "Community ", "Wye Valley ",
    "Marches ", "Old Town ", "Market "};

}  // namespace

GeneratedDirectory GenerateDirectory(int count, std::uint64_t seed, const std::vector<Town>& towns,
                                     const std::vector<Organization>& existing,
                                     const std::vector<TaxonomyTerm>& terms, std::int64_t today) {
  GeneratedDirectory out;
  if (towns.empty()) return out;
  std::mt19937_64 random(seed);
  auto below = [&](std::uint64_t n) { return n == 0 ? 0 : random() % n; };
  auto fill = [](std::string text, const std::string& town) {
    for (std::size_t at; (at = text.find("{town}")) != std::string::npos;) {
      text.replace(at, 6, town);
    }
    return text;
  };
  auto term_id = [&](const std::string& code) -> std::string {
    for (const auto& t : terms) {
      if (t.code == code) return t.id;
    }
    return {};
  };
  // One organisation per town and kind of organisation, made when first needed.
  std::map<std::string, std::size_t> orgs;
  for (int i = 0; i < count; ++i) {
    const Kind& kind = kKinds[below(std::size(kKinds))];
    const Town& town = towns[below(towns.size())];
    std::string org_key = std::string(kind.org) + "|" + town.name;
    // At a large scale, more organisations: one per 5 services of a kind in a town.
    if (count > 2000) org_key += "|" + std::to_string(i / 5000);
    Organization org;
    if (i < static_cast<int>(existing.size()) * 4 && !existing.empty()) {
      org = existing[static_cast<std::size_t>(i) % existing.size()];
    } else if (auto it = orgs.find(org_key); it != orgs.end()) {
      org = out.organizations[it->second];
    } else {
      org.code = "VCSE-" + std::to_string(out.organizations.size() + 1);
      org.id = NameUuid("linkway:organisation:" + org.code);
      org.name = town.name + " " + kind.org;
      org.description = "A community organisation in " + town.name + ".";
      org.email = "hello@" + std::to_string(out.organizations.size() + 1) + ".example.org";
      orgs.emplace(org_key, out.organizations.size());
      out.organizations.push_back(org);
    }
    Service s;
    s.id = NameUuid("linkway:service:" + std::to_string(seed) + ":" + std::to_string(i));
    s.org_code = org.code;
    s.organization_id = org.id;
    s.organization_name = org.name;
    s.name = kQualifiers[below(std::size(kQualifiers))] + fill(kind.name, town.name);
    s.description = fill(kind.description, town.name);
    s.application_process = kind.join;
    s.fees_description = kind.fees;
    if (kind.min_age > 0) s.minimum_age = kind.min_age;
    if (kind.max_age > 0) s.maximum_age = kind.max_age;
    s.email = org.email;
    s.url = "https://www.example.org/services/" + s.id.substr(0, 8);
    std::string codes = kind.terms;
    for (std::size_t from = 0; from <= codes.size();) {
      std::size_t comma = codes.find(',', from);
      if (comma == std::string::npos) comma = codes.size();
      if (auto id = term_id(codes.substr(from, comma - from)); !id.empty())
        s.term_ids.push_back(id);
      from = comma + 1;
    }
    Schedule sc;
    std::string days = kind.days;
    for (std::size_t k = 0; k + 1 < days.size(); k += 3) sc.byday.push_back(days.substr(k, 2));
    sc.opens_at = kind.opens;
    sc.closes_at = kind.closes;
    s.schedules.push_back(sc);
    s.phones.push_back({"", "01432 " + std::to_string(200000 + below(799999)), "Enquiries"});
    Location l;
    l.id = NameUuid("linkway:location:" + s.id);
    l.name = fill(i % 3 == 0   ? "{town} Community Centre"
                  : i % 3 == 1 ? "{town} Library"
                               : "The Old School, {town}",
                  town.name);
    // Spread venues a little around the town's postcode (up to about a mile).
    double dlat = (static_cast<double>(below(2001)) - 1000) / 1000.0 * 0.012;
    double dlon = (static_cast<double>(below(2001)) - 1000) / 1000.0 * 0.018;
    l.place = GeoPoint{town.place.lat + dlat, town.place.lon + dlon};
    l.address = {std::to_string(1 + below(90)) + " High Street",
                 town.name,
                 "Herefordshire",
                 "England",
                 town.postcode,
                 "GB"};
    l.accessibility = i % 2 == 0 ? "Step-free access and an accessible toilet" : "";
    if (kind.terms == std::string("substance_use") && i % 4 == 0) {
      l.confidential = true;  // a recovery house whose address is not published
      l.area = town.name;
    }
    s.locations.push_back(std::move(l));
    std::uint64_t roll = below(100);
    if (roll < 10) {
      s.capacity = {"not_accepting", 0, 0, ""};
    } else if (roll < 30) {
      s.capacity = {"waiting_list", static_cast<int>(2 + below(10)), 0, ""};
    }
    // Most listings checked in the last year; about one in eight not for over a year.
    s.assured_date = FormatDate(
        today - static_cast<std::int64_t>(below(100) < 12 ? 370 + below(180) : below(360)));
    s.last_modified = (today - static_cast<std::int64_t>(below(30))) * 86400;
    out.services.push_back(std::move(s));
  }
  return out;
}

}  // namespace linkway
