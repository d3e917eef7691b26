#include "app/seed_people.hpp"

#include <algorithm>

#include "app/seed_world.hpp"
#include "core/clock.hpp"
#include "core/nhs_number.hpp"

namespace linkway::demo {
namespace {

constexpr std::string_view kGivenNames[] = {
    "Margaret", "Patricia", "Jean",    "Susan",  "Christine", "Elizabeth", "Sarah",  "Emma",
    "Rebecca",  "Megan",    "Gwen",    "Aisha",  "Agnieszka", "Joan",      "Sheila", "Mary",
    "John",     "David",    "Michael", "Peter",  "Robert",    "Brian",     "Keith",  "Alan",
    "Colin",    "Gareth",   "James",   "Thomas", "Daniel",    "Ryan",      "Tomasz", "Imran",
};

constexpr std::string_view kFamilyNames[] = {
    "Jones",  "Davies", "Williams", "Evans",  "Powell",  "Price",    "Morgan",    "Watkins",
    "Bevan",  "Smith",  "Taylor",   "Brown",  "Wilson",  "Hughes",   "Lewis",     "Baker",
    "Harris", "Clarke", "Parry",    "Preece", "Probert", "Meredith", "Gwilliam",  "Nowak",
    "Patel",  "Khan",   "Walker",   "Wood",   "Turner",  "Phillips", "Griffiths", "Bowen",
};

// Age bands with how many of the people referred fall in each: social prescribing reaches
// older people most.
struct AgeBand {
  int from;
  int to;
};
constexpr AgeBand kAgeBands[] = {{18, 29}, {30, 44}, {45, 59}, {60, 74}, {75, 90}};
constexpr int kAgeWeights[] = {8, 12, 18, 30, 32};

// Reason codes from kReasons with how often each is given.
constexpr std::string_view kReasonCodes[] = {
    "loneliness", "mental_wellbeing",    "money",       "housing", "work", "activity",
    "caring",     "long_term_condition", "bereavement", "other"};
constexpr int kReasonWeights[] = {30, 25, 20, 8, 5, 10, 7, 8, 6, 2};

constexpr std::string_view kOtherReasons[] = {
    "Help to look after a dog after a hospital stay",
    "Wants to learn to use a tablet to keep in touch with family",
};

// A note about the first reason; invented, about no one.
constexpr std::string_view kNotes[] = {
    "Lives alone since partner died; would like company a few times a week.",
    "Low mood since losing job; keen to get out of the house more.",
    "Worried about energy bills and rent arrears.",
    "Damp in rented flat is affecting breathing; landlord not responding.",
    "Would like help back into part-time work after a long illness.",
    "Advised to be more active after a health check; unsure where to start.",
    "Full-time carer for a partner with dementia; no break this year.",
    "Newly diagnosed with type 2 diabetes; would like a local group.",
    "Partner died in the spring; finding the evenings very hard.",
    "Prefers a phone call in the afternoon.",
};

std::string Sector(std::string_view postcode) {
  return std::string(postcode.substr(0, postcode.size() >= 2 ? postcode.size() - 2 : 0));
}

std::string District(std::string_view postcode) {
  return std::string(postcode.substr(0, postcode.find(' ')));
}

std::string Digits(SeedRandom& random, int count) {
  std::string digits;
  for (int i = 0; i < count; ++i) digits.push_back(static_cast<char>('0' + random.Below(10)));
  return digits;
}

}  // namespace

PostcodePools::PostcodePools(const std::vector<PostcodeInfo>& postcodes) {
  for (const auto& p : postcodes) {
    std::string pcn(PcnForPostcode(p.postcode));
    by_sector_[Sector(p.postcode)].push_back(p.postcode);
    if (!pcn.empty()) {
      by_district_[District(p.postcode) + "|" + pcn].push_back(p.postcode);
      by_pcn_[pcn].push_back(p.postcode);
    }
    all_.push_back(p.postcode);
  }
}

const std::string& PostcodePools::Near(std::string_view practice_postcode,
                                       SeedRandom& random) const {
  std::string pcn(PcnForPostcode(practice_postcode));
  auto sector = by_sector_.find(Sector(practice_postcode));
  auto district = by_district_.find(District(practice_postcode) + "|" + pcn);
  auto area = by_pcn_.find(pcn);
  bool stay_in_sector = random.Chance(2.0 / 3.0);
  if (sector != by_sector_.end() && (stay_in_sector || district == by_district_.end())) {
    return random.Pick(sector->second);
  }
  if (district != by_district_.end()) return random.Pick(district->second);
  if (area != by_pcn_.end()) return random.Pick(area->second);
  return random.Pick(all_);
}

std::string PatientMaker::NewNhsNumber(SeedRandom& random) {
  for (;;) {
    std::string nine = "999" + Digits(random, 6);
    int check = NhsCheckDigit(nine);
    if (check < 0) continue;
    std::string number = nine + static_cast<char>('0' + check);
    if (used_nhs_numbers_.insert(number).second) return number;
  }
}

Patient PatientMaker::Make(std::string_view practice_postcode, std::int64_t day,
                           SeedRandom& random) {
  Patient p;
  p.nhs_number = NewNhsNumber(random);
  p.given_name = random.Pick(kGivenNames);
  p.family_name = random.Pick(kFamilyNames);
  const AgeBand& band = kAgeBands[random.Weighted(kAgeWeights)];
  int age = random.Between(band.from, band.to);
  std::int64_t born = day - (age * 36525LL / 100) - static_cast<std::int64_t>(random.Below(365));
  p.date_of_birth = FormatDate(born);
  p.postcode = pools_.Near(practice_postcode, random);
  p.phone = random.Chance(0.6) ? "07700 900" + Digits(random, 3) : "01632 960" + Digits(random, 3);
  // More women than men are referred to social prescribing.
  std::uint64_t sex = random.Below(100);
  p.sex = sex < 58 ? "female" : sex < 97 ? "male" : sex < 98 ? "other" : "not_known";
  return p;
}

ReferralInput MakeReferralInput(Patient patient, std::string_view practice_code,
                                SeedRandom& random) {
  ReferralInput in;
  in.patient = std::move(patient);
  in.practice = std::string(practice_code);
  constexpr int kHowManyWeights[] = {55, 33, 12};
  std::size_t how_many = random.Weighted(kHowManyWeights) + 1;
  std::size_t first = 0;
  while (in.reasons.size() < how_many) {
    std::size_t i = random.Weighted(kReasonWeights);
    std::string code(kReasonCodes[i]);
    if (std::find(in.reasons.begin(), in.reasons.end(), code) != in.reasons.end()) continue;
    if (in.reasons.empty()) first = i;
    in.reasons.push_back(code);
  }
  if (std::find(in.reasons.begin(), in.reasons.end(), "other") != in.reasons.end()) {
    in.reason_other = std::string(random.Pick(kOtherReasons));
  }
  in.consent_referral = true;
  in.consent_share = true;
  in.urgency = random.Chance(0.06) ? "urgent" : "routine";
  if (random.Chance(0.3)) in.note = std::string(kNotes[random.Chance(0.8) ? first : 9]);
  return in;
}

}  // namespace linkway::demo
