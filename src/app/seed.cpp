#include "app/seed.hpp"

#include <algorithm>
#include <map>

#include "app/open_data.hpp"
#include "app/seed_casework.hpp"
#include "app/seed_directory.hpp"
#include "app/seed_history.hpp"
#include "app/seed_people.hpp"
#include "app/seed_world.hpp"
#include "auth/secrets.hpp"
#include "insight/list_sizes.hpp"

namespace linkway {
namespace {

using demo::Actor;
using demo::kDay;

constexpr UnixSeconds kYear = 365 * kDay;
// The first PCN's link worker has been on leave this long: the backlog the research describes.
constexpr int kLeaveDays = 28;

// The world as it is being built: organisations and the users acting in it.
struct World {
  std::vector<Organisation> practices;  // as in the open data, with their PCN as parent
  std::map<std::string, std::size_t, std::less<>> practice_index;  // code -> practices[i]
  std::map<std::string, Actor, std::less<>> link_workers;          // by PCN code
  std::vector<Actor> clinicians;                                   // as kClinicians
  std::vector<Actor> agencies;                                     // as kAgencies
};

std::string Named(const std::string& name, std::string_view code) {
  return name + " (" + std::string(code) + ")";
}

Status PutOrganisations(Organisations& organisations, World& world) {
  for (auto& practice : world.practices) {
    practice.parent_code = std::string(demo::PcnForPostcode(practice.postcode));
    if (practice.parent_code.empty()) {
      return Status::Internal("practice " + practice.code + " is outside every demo PCN's area");
    }
  }
  std::vector<Organisation> orgs;
  orgs.push_back({std::string(demo::kIcbCode), OrgKind::kIcb, std::string(demo::kIcbName), "", ""});
  for (const auto& pcn : demo::kPcns) {
    auto lead = std::find_if(world.practices.begin(), world.practices.end(),
                             [&](const Organisation& p) { return p.parent_code == pcn.code; });
    std::string postcode = lead == world.practices.end() ? "" : lead->postcode;
    orgs.push_back({std::string(pcn.code), OrgKind::kPcn, std::string(pcn.name),
                    std::string(demo::kIcbCode), postcode});
  }
  orgs.insert(orgs.end(), world.practices.begin(), world.practices.end());
  for (const auto& vcse : demo::kVcses) {
    orgs.push_back({std::string(vcse.code), OrgKind::kVcse, std::string(vcse.name),
                    std::string(demo::kIcbCode), ""});
  }
  for (const auto& agency : demo::kAgencies) {
    orgs.push_back({std::string(agency.org_code), OrgKind::kAgency, std::string(agency.org_name),
                    "", "", std::string(demo::kIcbCode)});
  }
  return organisations.PutAll(orgs);
}

// Adds the demo's users. They share one argon2id hash, since every demo account has the one
// published password and hashing it ~36 times would take most of the run (about 0.2 s each).
// Being published, that password would fail the deny list of a real account (it names
// Linkway): the demo is the one place it is stored without Auth's policy check.
class StaffAdder {
 public:
  explicit StaffAdder(AuthStore& store) : store_(store) {}

  Result<Actor> Add(std::string_view username, std::string_view name, Role role,
                    std::string_view profession, std::string_view org) {
    if (hash_.empty()) hash_ = HashPassword(demo::kDemoPassword);
    User staff{0,    std::string(username),   std::string(name),
               role, std::string(profession), std::string(org),
               hash_};
    staff.factor_optional = true;  // a demo account: the second factor is there to try
    auto user = store_.AddUser(staff);
    if (!user.ok()) return user.status();
    return Actor{user->id, user->username, std::string(ToString(role)), user->profession,
                 user->org_code};
  }

 private:
  AuthStore& store_;
  std::string hash_;
};

Status AddStaff(AuthStore& store, World& world) {
  StaffAdder staff(store);
  std::string icb(demo::kIcbCode);
  if (auto a = staff.Add("admin", "Pat Shaw", Role::kAdmin, "", icb); !a.ok()) return a.status();
  auto commissioner = staff.Add("commissioner", "Andrew Blake", Role::kCommissioner, "", icb);
  if (!commissioner.ok()) return commissioner.status();
  for (const auto& pcn : demo::kPcns) {
    auto a = staff.Add(pcn.link_worker, pcn.link_worker_name, Role::kLinkWorker, "link_worker",
                       pcn.code);
    if (!a.ok()) return a.status();
    world.link_workers.emplace(pcn.code, *a);
  }
  auto vcse =
      staff.Add("vcse", "Jess Marsh", Role::kVcse, "community_organisation", demo::kVcses[0].code);
  if (!vcse.ok()) return vcse.status();
  for (const auto& c : demo::kClinicians) {
    auto a = staff.Add(c.username, c.name, Role::kReferrer, c.profession, c.practice);
    if (!a.ok()) return a.status();
    world.clinicians.push_back(*a);
  }
  for (const auto& agency : demo::kAgencies) {
    auto a = staff.Add(agency.username, agency.name, Role::kReferrer, agency.profession,
                       agency.org_code);
    if (!a.ok()) return a.status();
    world.agencies.push_back(*a);
  }
  return Status::Ok();
}

struct PlannedReferral {
  UnixSeconds at = 0;
  const Actor* referrer = nullptr;
  std::size_t practice = 0;  // index into World::practices
};

std::vector<PlannedReferral> PlanReferrals(const World& world, UnixSeconds now,
                                           demo::SeedRandom& random) {
  std::vector<PlannedReferral> plans;
  for (std::size_t i = 0; i < world.clinicians.size(); ++i) {
    const auto& c = demo::kClinicians[i];
    std::size_t practice = world.practice_index.find(c.practice)->second;
    for (UnixSeconds t : demo::SurgeryTimes(ReferralsPerWeek(c.refers), now - kYear, now, random))
      plans.push_back({t, &world.clinicians[i], practice});
  }
  for (std::size_t i = 0; i < world.agencies.size(); ++i) {
    double rate = demo::kAgencies[i].referrals_per_week;
    for (UnixSeconds t : demo::SurgeryTimes(rate, now - kYear, now, random))
      plans.push_back({t, &world.agencies[i], random.Below(world.practices.size())});
  }
  std::stable_sort(plans.begin(), plans.end(),
                   [](const auto& a, const auto& b) { return a.at < b.at; });
  return plans;
}

Result<int> SeedReferrals(ReferralStore& store, const CodeTable& codes, const World& world,
                          const std::vector<PostcodeInfo>& postcodes, UnixSeconds now,
                          demo::SeedRandom& random, demo::CaseTrail& trail) {
  demo::PostcodePools pools(postcodes);
  demo::PatientMaker patients(pools);
  ClinicalCode received = codes.ForState(ReferralState::kReceived);
  int count = 0;
  for (const PlannedReferral& plan : PlanReferrals(world, now, random)) {
    const Actor& who = *plan.referrer;
    const Organisation& practice = world.practices[plan.practice];
    const Actor& link_worker = world.link_workers.find(practice.parent_code)->second;
    std::int64_t day = DayOf(plan.at);
    Patient patient = patients.Make(practice.postcode, day, random);
    auto input = ValidateReferral(demo::MakeReferralInput(patient, practice.code, random), day);
    if (!input.ok()) return Status::Internal("a demo referral failed validation");

    NewReferral referral;
    referral.input = *input;
    referral.pcn_code = practice.parent_code;
    referral.practice_name = practice.name;
    referral.referrer_id = who.id;
    referral.referrer_profession = who.profession;
    referral.at = plan.at;
    ReferralEvent& first = referral.first_event;
    first.at = plan.at;
    first.user_id = who.id;
    first.username = who.username;
    first.role = who.role;
    first.to = ReferralState::kReceived;
    first.code_system = received.system;
    first.code = received.code;
    first.code_display = received.display;
    AuditEntry audit{0, plan.at, who.id, who.username, who.role, "referral.create", "referral", ""};
    auto created = store.Create(referral, audit);
    if (!created.ok()) return created.status();
    ++count;

    bool on_leave = practice.parent_code == demo::kPcns[0].code;
    UnixSeconds away_from = on_leave ? now - kLeaveDays * kDay : now;
    auto steps = demo::PlanLife(plan.at, input->urgency == "urgent", now, away_from, random);
    auto casework = [&](sql::Tx& tx, const Referral& before, const Referral& after,
                        const ReferralEvent& event) {
      return trail.Step(tx, link_worker, before, after, event);
    };
    Status s =
        demo::WriteLife(store, codes, created->referral.id, steps, who, link_worker, casework);
    if (!s.ok()) return s;
  }
  return count;
}

Result<int> SeedSignposts(ReferralStore& store, const CodeTable& codes, const World& world,
                          UnixSeconds now, demo::SeedRandom& random) {
  std::vector<std::pair<UnixSeconds, std::size_t>> plans;  // when, which clinician
  for (std::size_t i = 0; i < world.clinicians.size(); ++i) {
    double rate = demo::kClinicians[i].signposts_per_week;
    for (UnixSeconds t : demo::SurgeryTimes(rate, now - kYear, now, random))
      plans.emplace_back(t, i);
  }
  std::sort(plans.begin(), plans.end());
  std::vector<int> weights;
  for (const auto& service : demo::kServices) weights.push_back(service.weight);
  ClinicalCode code = codes.ForSignpost();
  for (const auto& [at, i] : plans) {
    const Actor& who = world.clinicians[i];
    const Organisation& practice = world.practices[world.practice_index.find(who.org_code)->second];
    const auto& service = demo::kServices[random.Weighted(weights)];
    SignpostInput input{std::string(service.name), {std::string(service.reasons[0])}, ""};
    if (!service.reasons[1].empty() && random.Chance(0.4)) {
      input.reasons.emplace_back(service.reasons[1]);
    }
    auto valid = ValidateSignpost(input);
    if (!valid.ok()) return Status::Internal("a demo signpost failed validation");
    Signpost signpost{0,
                      at,
                      practice.code,
                      practice.parent_code,
                      who.id,
                      who.username,
                      who.profession,
                      valid->service,
                      valid->reasons,
                      "",
                      code.system,
                      code.code};
    AuditEntry audit{0, at, who.id, who.username, who.role, "signpost.create", "signpost", ""};
    if (auto made = store.CreateSignpost(signpost, audit); !made.ok()) return made.status();
  }
  return static_cast<int>(plans.size());
}

// Synthetic registered populations by age band and by LSOA (the demo's open data has only the
// real totals): England's age profile split evenly by sex, and each practice's total spread
// over the LSOAs of its postcode district in proportion to their postcodes. Written in NHS
// Digital's file shapes and read by the import a real file goes through.
Status SeedListSizeParts(sql::Database& db, const std::vector<ListSize>& sizes,
                         const std::vector<Organisation>& practices,
                         const std::vector<PostcodeInfo>& postcodes) {
  constexpr double kAgeShares[] = {0.23, 0.13, 0.14, 0.125, 0.135, 0.11, 0.085, 0.045};
  std::string ages = "EXTRACT_DATE,CODE,SEX,AGE_GROUP_5,NUMBER_OF_PATIENTS\n";
  std::string lsoas = "EXTRACT_DATE,PRACTICE_CODE,LSOA_CODE,SEX,NUMBER_OF_PATIENTS\n";
  std::map<std::string, std::map<std::string, int>> by_district;  // district -> LSOA -> postcodes
  for (const auto& p : postcodes) {
    by_district[p.postcode.substr(0, p.postcode.find(' '))][p.lsoa11] += 1;
  }
  for (const auto& size : sizes) {
    std::string row = size.extract_date + "," + size.practice_code + ",";
    for (int band = 0; band < 8; ++band) {
      int quinaries = band == 0 ? 4 : 2;
      int low = band == 0 ? 0 : band * 10 + 10;
      for (int q = 0; q < quinaries; ++q) {
        for (const char* sex : {"FEMALE", "MALE"}) {
          auto n = static_cast<std::int64_t>(static_cast<double>(size.total) * kAgeShares[band] /
                                             quinaries / 2);
          ages += row + sex + "," + std::to_string(low + q * 5) + "_" +
                  std::to_string(low + q * 5 + 4) + "," + std::to_string(n) + "\n";
        }
      }
    }
    auto practice = std::find_if(practices.begin(), practices.end(), [&](const Organisation& o) {
      return o.code == size.practice_code;
    });
    if (practice == practices.end()) continue;
    auto district = by_district.find(practice->postcode.substr(0, practice->postcode.find(' ')));
    if (district == by_district.end()) continue;
    int all = 0;
    for (const auto& [lsoa, n] : district->second) all += n;
    for (const auto& [lsoa, n] : district->second) {
      auto people = static_cast<std::int64_t>(static_cast<double>(size.total) * n / all);
      if (people > 0) {
        lsoas += row + lsoa + ",ALL," + std::to_string(people) + "\n";
      }
    }
  }
  for (const std::string* file : {&ages, &lsoas}) {
    auto parsed = ParseListSizes(*file);
    if (!parsed.ok()) return parsed.status();
    auto imported = ListSizes(db).Import(*parsed);
    if (!imported.ok()) return imported.status();
  }
  return Status::Ok();
}

std::vector<DemoSignIn> SignIns(const World& world) {
  const auto& home =
      world.practices[world.practice_index.find(demo::kClinicians[0].practice)->second];
  std::string icb = Named(std::string(demo::kIcbName), demo::kIcbCode);
  std::vector<DemoSignIn> list;
  list.push_back({"referrer", "referrer", Named(home.name, home.code),
                  "GP: refers and signposts, and sees the practice's referrals and figures"});
  for (const auto& pcn : demo::kPcns) {
    std::string description = pcn.code == demo::kPcns[0].code
                                  ? "Link worker back from four weeks' leave: a backlog of "
                                    "received referrals waits in the inbox"
                                  : "Link worker for the PCN's practices";
    list.push_back({std::string(pcn.link_worker), "link_worker",
                    Named(std::string(pcn.name), pcn.code), description});
  }
  list.push_back({"vcse", "vcse", Named(std::string(demo::kVcses[0].name), demo::kVcses[0].code),
                  "Staff at a community organisation people are connected to"});
  list.push_back({"commissioner", "commissioner", icb,
                  "Commissioner: figures across the four PCNs and 20 practices"});
  list.push_back({"admin", "admin", icb, "Administrator: users and organisations"});
  list.push_back({"agency.fire", "referrer", icb,
                  "Fire and rescue officer: refers people registered at any practice"});
  return list;
}

}  // namespace

Result<SeedReport> SeedDemo(System& system, const CodeTable& codes, UnixSeconds now,
                            std::uint64_t random_seed) {
  auto empty = system.organisations.IsEmpty();
  if (!empty.ok()) return empty.status();
  if (!*empty) return Status::Conflict("the database already holds data; seed an empty one");
  auto data = LoadOpenData();
  if (!data.ok()) return data.status();

  World world;
  world.practices = std::move(data->practices);
  for (std::size_t i = 0; i < world.practices.size(); ++i) {
    world.practice_index.emplace(world.practices[i].code, i);
  }
  for (const auto& c : demo::kClinicians) {
    if (!world.practice_index.contains(c.practice)) {
      return Status::Internal("demo clinician at unknown practice " + std::string(c.practice));
    }
  }
  if (Status s = PutOrganisations(system.organisations, world); !s.ok()) return s;
  if (Status s = system.postcodes.Put(data->postcodes); !s.ok()) return s;
  // The practices' registered list sizes (NHS England, April 2026), for rates per 1,000.
  auto sizes = ParseListSizes(OpenDataFiles().at(std::string(kListSizesFile)));
  if (!sizes.ok()) return sizes.status();
  if (auto imported = ListSizes(system.db).Import(*sizes); !imported.ok()) {
    return imported.status();
  }
  if (Status s = SeedListSizeParts(system.db, *sizes, world.practices, data->postcodes); !s.ok()) {
    return s;
  }
  if (Status s = AddStaff(system.auth_store, world); !s.ok()) return s;
  if (Status s = demo::SeedDirectory(system, data->postcodes, now); !s.ok()) return s;

  demo::SeedRandom random(random_seed);
  SeedReport report;
  std::vector<Organisation> vcses;
  for (const auto& v : demo::kVcses) {
    auto org = system.organisations.Get(v.code);
    if (org.ok()) vcses.push_back(*org);
  }
  demo::CaseTrail trail(system.casework, vcses, random);
  auto referrals =
      SeedReferrals(system.referral_store, codes, world, data->postcodes, now, random, trail);
  if (!referrals.ok()) return referrals.status();
  std::vector<demo::Actor> link_workers;
  for (const auto& [pcn, a] : world.link_workers) link_workers.push_back(a);
  if (Status s = demo::SeedLinkWorkers(system.db, link_workers, world.practices,
                                       std::string(demo::kPcns[0].code), now, random);
      !s.ok()) {
    return s;
  }
  auto signposts = SeedSignposts(system.referral_store, codes, world, now, random);
  if (!signposts.ok()) return signposts.status();
  report.referrals = *referrals;
  report.signposts = *signposts;
  report.sign_ins = SignIns(world);
  report.password = std::string(demo::kDemoPassword);
  return report;
}

}  // namespace linkway
