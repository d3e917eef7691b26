// The directory through its service, on SQLite and on PostgreSQL: editing by the organisation
// with every change kept, capacity, search near a postcode with filters, the clear errors for
// a bad postcode, access for the vcse role, and one instance seeing another's edit.
#include "directory/directory.hpp"

#include <gtest/gtest.h>

#include <thread>

#include "directory/hsds_json.hpp"
#include "support/test_world.hpp"

namespace linkway {
namespace {

using testing::TestWorld;

constexpr GeoPoint kHereford{52.0567, -2.7150};    // HR1 2JB's area
constexpr GeoPoint kLeominster{52.2260, -2.7430};  // about 12 miles north

class DirectoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(w_.postcodes
                    ->Put({{"HR1 2JB", "E01014010", 3, "C1", "Urban city and town", kHereford},
                           {"HR6 8AA", "E01013990", 5, "D1", "Rural town and fringe", kLeominster},
                           {"HR9 9ZZ", "E01014000", 4, "E1", "Rural village", std::nullopt}})
                    .ok());
  }
  ServiceDirectory& dir() { return *w_.services; }
  std::string Term(const std::string& code) { return dir().Term(code)->id; }

  Service Walking(std::string name = "Riverside walking group", GeoPoint at = kHereford) {
    Service s;
    s.name = std::move(name);
    s.description = "A gentle led walk by the river, then tea.";
    s.term_ids = {Term("green_nature")};
    s.minimum_age = 18;
    s.schedules = {{"", "WEEKLY", {"TU"}, "10:00", "11:30", "Tuesday mornings"}};
    Location l;
    l.name = "Bishop's Meadow";
    l.place = at;
    l.address.postal_code = "HR1 2JB";
    l.address.city = "Hereford";
    s.locations = {l};
    s.assured_date = "2026-11-01";
    return s;
  }

  Service Save(const std::string& who, Service s) {
    auto saved = dir().Save(w_.As(who), std::move(s));
    EXPECT_TRUE(saved.ok()) << saved.status().message() << " " << saved.status().detail();
    return saved.ok() ? *saved : Service{};
  }

  std::vector<std::string> Names(const DirectoryQuery& q) {
    auto r = dir().Search(q);
    EXPECT_TRUE(r.ok()) << r.status().message();
    std::vector<std::string> out;
    if (r.ok()) {
      for (const auto& h : r->hits) out.push_back(h.service.name);
    }
    return out;
  }

  TestWorld w_;
};

TEST_F(DirectoryTest, TheTaxonomyShipsAndVcseOrganisationsBecomeHsdsOrganizations) {
  EXPECT_EQ(dir().Taxonomies().size(), 1U);
  EXPECT_GE(dir().Terms().size(), 20U);
  for (const char* code :
       {"arts", "books_reading", "education_learning", "exercise_referral", "green_nature",
        "healthy_living", "information_advice", "time_banks", "debt", "benefits", "housing",
        "employment", "befriending_social", "mental_wellbeing", "carers", "bereavement",
        "substance_use", "weight_management"}) {
    EXPECT_NE(dir().Term(code), nullptr) << code;
  }
  auto orgs = dir().Organizations();
  ASSERT_TRUE(orgs.ok());
  ASSERT_EQ(orgs->size(), 1U);
  EXPECT_EQ((*orgs)[0].code, "V1");
  EXPECT_TRUE(IsUuid((*orgs)[0].id));
  // The same record: no second organisation row.
  EXPECT_EQ(w_.organisations->List(OrgKind::kVcse)->size(), 1U);
}

TEST_F(DirectoryTest, TheOrganisationAddsAndEditsItsServiceAndEveryEditIsKept) {
  Service s = Save("vcse", Walking());
  EXPECT_TRUE(IsUuid(s.id));
  EXPECT_EQ(s.org_code, "V1");
  s.description = "A longer walk now, about two hours.";
  Save("vcse", s);
  auto got = dir().Get(s.id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->description, "A longer walk now, about two hours.");
  ASSERT_EQ(got->schedules.size(), 1U);
  EXPECT_EQ(got->schedules[0].byday, std::vector<std::string>{"TU"});
  ASSERT_EQ(got->locations.size(), 1U);
  EXPECT_NEAR(got->locations[0].place->lat, kHereford.lat, 1e-6);
  auto history = dir().History(w_.As("vcse"), s.id);
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 2U);
  EXPECT_EQ((*history)[0].summary, "Changed description");
  EXPECT_EQ((*history)[1].summary, "Added the service");
  EXPECT_EQ((*history)[0].by, w_.As("vcse").display_name);
}

TEST_F(DirectoryTest, OnlyTheOrganisationItselfOrAnAdminEdits) {
  Service s = Save("vcse", Walking());
  // A referrer and a link worker may not edit; another organisation's service answers as if
  // it did not exist.
  EXPECT_EQ(dir().Save(w_.As("gp1"), s).status().code(), Code::kForbidden);
  EXPECT_EQ(dir().Save(w_.As("lw1"), s).status().code(), Code::kForbidden);
  ASSERT_TRUE(w_.organisations->Put({"V2", OrgKind::kVcse, "Other Group", "ICB1", ""}).ok());
  Principal other = w_.As("vcse");
  other.org_code = "V2";
  EXPECT_EQ(dir().Save(other, s).status().code(), Code::kNotFound);
  EXPECT_EQ(dir().SetCapacity(other, s.id, "not_accepting", 0).code(), Code::kNotFound);
  EXPECT_EQ(dir().History(other, s.id).status().code(), Code::kNotFound);
  s.name = "Renamed by the admin";
  EXPECT_TRUE(dir().Save(w_.As("admin"), s).ok());
}

TEST_F(DirectoryTest, BadServicesAreRefusedByField) {
  Service s = Walking("");
  s.maximum_age = 10;
  s.schedules[0].opens_at = "25:00";
  auto saved = dir().Save(w_.As("vcse"), s);
  ASSERT_EQ(saved.status().code(), Code::kInvalid);
  std::vector<std::string> fields;
  for (const auto& f : saved.status().fields()) fields.push_back(f.field);
  EXPECT_NE(std::find(fields.begin(), fields.end(), "name"), fields.end());
  EXPECT_NE(std::find(fields.begin(), fields.end(), "maximum_age"), fields.end());
  EXPECT_NE(std::find(fields.begin(), fields.end(), "schedules[0].opens_at"), fields.end());
  EXPECT_EQ(dir().ServicesOf("V1")->size(), 0U);
}

TEST_F(DirectoryTest, SearchFindsNearestFirstWithinMilesAndFilters) {
  Save("vcse", Walking("Riverside walking group", kHereford));
  Save("vcse", Walking("Leominster walking group", kLeominster));
  Service debt;
  debt.name = "Money advice";
  debt.description = "Debt advice and help with bills.";
  debt.term_ids = {Term("debt")};
  Save("vcse", debt);
  EXPECT_EQ(Names({.text = "walking", .postcode = "HR6 8AA"}),
            (std::vector<std::string>{"Leominster walking group", "Riverside walking group"}));
  EXPECT_EQ(Names({.text = "walking", .postcode = "hr12jb", .within_miles = 5}),
            (std::vector<std::string>{"Riverside walking group"}));
  EXPECT_EQ(Names({.category = "practical"}), (std::vector<std::string>{"Money advice"}));
  EXPECT_EQ(Names({.text = "walk", .age = 12}), std::vector<std::string>{});
  EXPECT_EQ(Names({.text = "walk", .day = 1}).size(), 2U);
  EXPECT_EQ(Names({.text = "walk", .day = 2}).size(), 0U);
  auto r = dir().Search({.text = "walking", .postcode = "HR6 8AA"});
  ASSERT_TRUE(r.ok());
  ASSERT_TRUE(r->hits[1].miles);
  EXPECT_NEAR(*r->hits[1].miles, 11.7, 0.5);
}

TEST_F(DirectoryTest, CapacityIsKeptAndFiltersAcceptingServices) {
  Service s = Save("vcse", Walking());
  Save("vcse", Walking("Second walking group"));
  ASSERT_TRUE(dir().SetCapacity(w_.As("vcse"), s.id, "not_accepting", 0).ok());
  EXPECT_EQ(dir().Get(s.id)->capacity.state, "not_accepting");
  EXPECT_EQ(Names({.text = "walking", .accepting_only = true}),
            (std::vector<std::string>{"Second walking group"}));
  ASSERT_TRUE(dir().SetCapacity(w_.As("vcse"), s.id, "waiting_list", 6).ok());
  EXPECT_EQ(dir().Get(s.id)->capacity.wait_weeks, 6);
  auto bad = dir().SetCapacity(w_.As("vcse"), s.id, "waiting_list", 0);
  EXPECT_EQ(bad.code(), Code::kInvalid);
  EXPECT_EQ(dir().History(w_.As("vcse"), s.id)->front().summary,
            "Capacity: Waiting list of 6 weeks");
}

TEST_F(DirectoryTest, ABadOrUnknownPostcodeIsSaidNeverAnEmptyResult) {
  Save("vcse", Walking());
  auto malformed = dir().Search({.text = "walking", .postcode = "HR1"});
  ASSERT_EQ(malformed.status().code(), Code::kInvalid);
  EXPECT_EQ(malformed.status().fields().at(0).field, "postcode");
  auto unknown = dir().Search({.text = "walking", .postcode = "ZZ9 9ZZ"});
  ASSERT_EQ(unknown.status().code(), Code::kInvalid);
  EXPECT_NE(unknown.status().fields().at(0).message.find("not a postcode we know"),
            std::string::npos);
  auto nowhere = dir().Search({.text = "walking", .postcode = "HR9 9ZZ"});
  EXPECT_EQ(nowhere.status().code(), Code::kInvalid);
  auto no_postcode = dir().Search({.text = "walking", .within_miles = 5});
  EXPECT_EQ(no_postcode.status().code(), Code::kInvalid);
  EXPECT_EQ(dir().Search({.category = "no_such"}).status().code(), Code::kInvalid);
}

TEST_F(DirectoryTest, AListingNotAssuredForAYearIsFlagged) {
  Service fresh = Walking("Fresh walking group");
  Service old = Walking("Old walking group");
  old.assured_date = "2025-06-01";
  Save("vcse", fresh);
  Save("vcse", old);
  auto r = dir().Search({.text = "walking"});
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->hits.size(), 2U);
  for (const auto& h : r->hits) EXPECT_EQ(h.stale, h.service.name == "Old walking group");
}

TEST_F(DirectoryTest, AnotherInstanceFindsAnEditWithinASecond) {
  // A second System over the same database: another instance, as far as the directory knows.
  System other(*w_.database, w_.clock, w_.codes);
  ASSERT_TRUE(other.services.Start().ok());
  Service s = Save("vcse", Walking("Walking netball"));
  for (int i = 0; i < 100; ++i) {
    if (other.services.SearchIds({.text = "netball"}).total == 1) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_EQ(other.services.SearchIds({.text = "netball"}).total, 1);
}

TEST_F(DirectoryTest, TheHsdsRecordReadsBackTheSame) {
  Service s = Save("vcse", Walking());
  s.phones = {{"", "01432 000000", "Enquiries"}};
  s.cost_options = {{"", "Per walk", 2.5, "GBP", ""}};
  auto terms = [this](const std::string& id) { return dir().Term(id); };
  auto json = HsdsService(s, terms, HsdsDetail::kFull);
  auto back = ServiceFromHsds(json);
  ASSERT_TRUE(back.ok()) << back.status().message();
  const Service& b = back->service;
  EXPECT_EQ(b.id, s.id);
  EXPECT_EQ(b.name, s.name);
  EXPECT_EQ(b.term_ids, s.term_ids);
  EXPECT_EQ(b.minimum_age, s.minimum_age);
  ASSERT_EQ(b.locations.size(), 1U);
  EXPECT_EQ(b.locations[0].address.postal_code, "HR1 2JB");
  EXPECT_EQ(b.phones.at(0).number, "01432 000000");
  EXPECT_EQ(b.cost_options.at(0).amount, 2.5);
  EXPECT_EQ(b.schedules.at(0).opens_at, "10:00");
}

TEST_F(DirectoryTest, AConfidentialLocationPublishesOnlyItsArea) {
  Service s = Walking("Recovery house");
  s.locations[0].confidential = true;
  s.locations[0].area = "Leominster";
  s = Save("vcse", s);
  auto json = HsdsService(s, nullptr, HsdsDetail::kFull);
  std::string text = boost::json::serialize(json);
  EXPECT_EQ(text.find("HR1 2JB"), std::string::npos);
  EXPECT_EQ(text.find("latitude"), std::string::npos);
  EXPECT_EQ(text.find("Bishop"), std::string::npos);
  EXPECT_NE(text.find("Leominster"), std::string::npos);
}

}  // namespace
}  // namespace linkway
