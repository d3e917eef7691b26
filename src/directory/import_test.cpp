// Reading services to import, without a database: HSDS 3.0 JSON (the Open Referral example
// service), the HSDS tabular data package (the example CSV folder), Open Referral UK v1 (three
// real Bristol services, mojibake and all, and a full v1 record), and broken records, each
// refused naming the record and the field as its file names them.
#include "directory/import.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <functional>
#include <sstream>

namespace linkway {
namespace {

constexpr const char* kFixtures = LINKWAY_SOURCE_DIR "/tests/fixtures/directory/";

std::string Fixture(const std::string& path) {
  std::ifstream in(kFixtures + path, std::ios::binary);
  EXPECT_TRUE(in) << "cannot read " << path;
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

constexpr const char* kServiceId = "ac148810-d857-441c-9679-408f346de14b";

// The example package, each file named "tabular/NAME"; `edit` may change a file's text.
std::vector<ImportFile> Tabular(
    const std::function<void(const std::string&, std::string&)>& edit = {}) {
  std::vector<ImportFile> files;
  for (const char* name :
       {"datapackage.json", "services.csv", "organizations.csv", "locations.csv",
        "service_at_location.csv", "addresses.csv", "accessibility.csv", "phones.csv",
        "schedules.csv", "contacts.csv", "cost_options.csv", "service_areas.csv", "languages.csv",
        "attributes.csv", "taxonomy_terms.csv", "taxonomies.csv", "funding.csv"}) {
    ImportFile f{std::string("tabular/") + name, Fixture(std::string("tabular/") + name)};
    if (edit) edit(name, f.text);
    files.push_back(std::move(f));
  }
  return files;
}

void Replace(std::string& text, const std::string& from, const std::string& to) {
  auto at = text.find(from);
  ASSERT_NE(at, std::string::npos) << from;
  text.replace(at, from.size(), to);
}

// The one record of `records`, which must be refused; its problem's text.
std::string OnlyProblem(const std::vector<ImportedRecord>& records) {
  EXPECT_EQ(records.size(), 1u);
  if (records.empty()) return {};
  EXPECT_FALSE(records[0].record) << records[0].where;
  return records[0].problem.message();
}

TEST(ImportTest, HsdsServiceFile) {
  auto records = ParseImport({{"service_full.json", Fixture("hsds/service_full.json")}});
  ASSERT_EQ(records.size(), 1u);
  ASSERT_TRUE(records[0].record) << records[0].problem.message();
  EXPECT_EQ(records[0].where, std::string("service_full.json record 1 (id ") + kServiceId + ")");
  const HsdsRecord& r = *records[0].record;
  const Service& s = r.service;
  EXPECT_EQ(s.id, kServiceId);
  EXPECT_EQ(s.name, "Community Counselling");
  EXPECT_EQ(s.minimum_age, 12);
  EXPECT_EQ(s.maximum_age, 100);
  EXPECT_EQ(s.organization_id, "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610");
  ASSERT_TRUE(r.organization);
  EXPECT_EQ(r.organization->name, "Example Organization Inc.");
  ASSERT_EQ(s.locations.size(), 1u);
  ASSERT_TRUE(s.locations[0].place);
  EXPECT_DOUBLE_EQ(s.locations[0].place->lat, 52.0565);
  EXPECT_EQ(r.postcode, "ABC 1234");
  ASSERT_EQ(s.schedules.size(), 1u);
  EXPECT_EQ(s.schedules[0].byday, (std::vector<std::string>{"TH", "FR"}));
  EXPECT_EQ(s.schedules[0].opens_at, "10:00");
  ASSERT_EQ(s.term_ids.size(), 1u);
  ASSERT_EQ(r.terms.size(), 1u);
  EXPECT_EQ(r.terms[0].taxonomy_id, "5c4d79d7-cc55-470e-9f1f-8cad074e4892");
  ASSERT_EQ(records[0].taxonomies.size(), 1u);
  EXPECT_EQ(records[0].taxonomies[0].id, "5c4d79d7-cc55-470e-9f1f-8cad074e4892");
}

TEST(ImportTest, HsdsPageAndArray) {
  std::string one = Fixture("hsds/service_full.json");
  std::string other = one;
  Replace(other, kServiceId, "0d6b6d0e-7a3e-4f7b-9c55-1a2b3c4d5e6f");
  auto page = ParseImport(
      {{"page.json", "{\"total_items\": 2, \"contents\": [" + one + "," + other + "]}"}});
  ASSERT_EQ(page.size(), 2u);
  EXPECT_TRUE(page[0].record && page[1].record);
  EXPECT_EQ(page[1].where, "page.json record 2 (id 0d6b6d0e-7a3e-4f7b-9c55-1a2b3c4d5e6f)");
  auto list = ParseImport({{"list.json", "[" + one + "]"}});
  ASSERT_EQ(list.size(), 1u);
  EXPECT_TRUE(list[0].record);
}

TEST(ImportTest, TabularPackage) {
  auto records = ParseImport(Tabular());
  ASSERT_EQ(records.size(), 1u) << "funding.csv is an HSDS table Linkway does not read";
  ASSERT_TRUE(records[0].record) << records[0].problem.message();
  EXPECT_EQ(records[0].where, std::string("tabular/services.csv line 2 (id ") + kServiceId + ")");
  const HsdsRecord& r = *records[0].record;
  const Service& s = r.service;
  EXPECT_EQ(s.name, "Community Counselling");
  EXPECT_EQ(s.minimum_age, 12);
  ASSERT_TRUE(r.organization);
  EXPECT_EQ(r.organization->website, "http://example.com");
  ASSERT_EQ(s.locations.size(), 1u);
  const Location& l = s.locations[0];
  EXPECT_EQ(l.service_at_location, "e94c9f38-1e8f-4564-91d4-d53501ab1765");
  EXPECT_EQ(l.name, "MyCity Civic Center");
  ASSERT_TRUE(l.place);
  EXPECT_DOUBLE_EQ(l.place->lon, -2.716);
  EXPECT_EQ(l.address.address_1, "1-30 Main Street");
  EXPECT_EQ(l.address.postal_code, "ABC 1234");
  EXPECT_NE(l.accessibility.find("induction loops"), std::string::npos);
  ASSERT_EQ(s.phones.size(), 1u);
  EXPECT_EQ(s.phones[0].number, "\"+44 1234 234567\"");
  ASSERT_EQ(s.schedules.size(), 1u);
  EXPECT_EQ(s.schedules[0].closes_at, "18:00");
  ASSERT_EQ(s.contacts.size(), 1u);
  EXPECT_EQ(s.contacts[0].name, "Ann Persona");
  ASSERT_EQ(s.cost_options.size(), 1u);
  EXPECT_EQ(s.cost_options[0].amount, 35);
  ASSERT_EQ(s.languages.size(), 1u);
  EXPECT_EQ(s.languages[0].code, "ur");
  EXPECT_EQ(s.service_areas.size(), 1u);
  EXPECT_TRUE(s.term_ids.empty()) << "the example's one attribute links another record";
}

TEST(ImportTest, TabularJoinsAttributesToTermsAndTaxonomies) {
  auto records = ParseImport(Tabular([](const std::string& name, std::string& text) {
    if (name == "attributes.csv") {
      text += std::string("5b0c1f7e-2d7a-4c1e-8a5e-3f6d2c1b0a99,") + kServiceId +
              ",3f7b145d-84af-42d7-8fae-eaca714b02b2,service,service,\r\n";
    }
    if (name == "taxonomy_terms.csv") {
      Replace(text, "07ff6aee-a219-438c-b694-d2fcb6c5373b", "5c4d79d7-cc55-470e-9f1f-8cad074e4892");
    }
  }));
  ASSERT_EQ(records.size(), 1u);
  ASSERT_TRUE(records[0].record) << records[0].problem.message();
  const HsdsRecord& r = *records[0].record;
  EXPECT_EQ(r.service.term_ids, (std::vector<std::string>{"3f7b145d-84af-42d7-8fae-eaca714b02b2"}));
  ASSERT_EQ(r.terms.size(), 1u);
  EXPECT_EQ(r.terms[0].taxonomy_id, "5c4d79d7-cc55-470e-9f1f-8cad074e4892");
  ASSERT_EQ(records[0].taxonomies.size(), 1u);
  EXPECT_EQ(records[0].taxonomies[0].uri, "http://example.com");
}

TEST(ImportTest, TabularProblemsNameFileLineAndField) {
  // The example's own latitude and longitude, 100 and 101, are not on the earth.
  std::string why = OnlyProblem(ParseImport(Tabular([](const std::string& name, std::string& t) {
    if (name == "locations.csv") Replace(t, ",52.0565,-2.716,", ",100,101,");
  })));
  EXPECT_NE(why.find("tabular/locations.csv line 2: latitude must be degrees"), std::string::npos)
      << why;

  why = OnlyProblem(ParseImport(Tabular([](const std::string& name, std::string& t) {
    if (name == "services.csv") Replace(t, ",12,100,", ",ten,100,");
  })));
  EXPECT_EQ(why, "tabular/services.csv line 2: minimum_age must be a number");

  why = OnlyProblem(ParseImport(Tabular([](const std::string& name, std::string& t) {
    if (name == "schedules.csv") Replace(t, "10:00:00", "ten o'clock");
  })));
  EXPECT_EQ(why, "tabular/schedules.csv line 2: opens_at must be a time written HH:MM");

  why = OnlyProblem(ParseImport(Tabular([](const std::string& name, std::string& t) {
    if (name == "service_at_location.csv") Replace(t, ",3a19ff88-", ",4b19ff88-");
  })));
  EXPECT_NE(why.find("tabular/service_at_location.csv line 2: location_id is not a location"),
            std::string::npos)
      << why;
}

TEST(ImportTest, TabularBrokenQuote) {
  // In services.csv, the service on that line is refused and the one before it taken.
  auto records = ParseImport(Tabular([](const std::string& name, std::string& t) {
    if (name == "services.csv")
      t += "0d6b6d0e-7a3e-4f7b-9c55-1a2b3c4d5e6f,d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610,,"
           "\"Broken,description\r\n";
  }));
  ASSERT_EQ(records.size(), 2u);
  EXPECT_TRUE(records[0].record);
  EXPECT_EQ(records[1].where, "tabular/services.csv line 3");
  EXPECT_EQ(records[1].problem.message(), "a quoted cell is not closed");

  // In another table, no service of the package can be trusted.
  std::string why = OnlyProblem(ParseImport(Tabular([](const std::string& name, std::string& t) {
    if (name == "schedules.csv") t += "\"unclosed,\r\n";
  })));
  EXPECT_EQ(why,
            "tabular/schedules.csv line 3: a quoted cell is not closed; the package is not "
            "imported");
}

TEST(ImportTest, TabularFilesThatAreNoTable) {
  auto records = ParseImport({{"feed/notes.csv", "a,b\n1,2\n"}});
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].where, "feed/notes.csv");
  EXPECT_EQ(records[0].problem.message(), "is not a table of the HSDS data package");
  EXPECT_EQ(records[1].problem.message(), "the data package has no services.csv");

  // Without datapackage.json the tables are known by their usual names.
  auto files = Tabular();
  files.erase(files.begin());
  records = ParseImport(files);
  ASSERT_EQ(records.size(), 1u);
  EXPECT_TRUE(records[0].record);
}

TEST(ImportTest, OrukV1Page) {
  auto records = ParseImport({{"bristol.json", Fixture("oruk-v1/bristol_services_page1_v1.json")}});
  ASSERT_EQ(records.size(), 3u);
  for (const auto& r : records) ASSERT_TRUE(r.record) << r.where << ": " << r.problem.message();
  const Service& health = records[0].record->service;
  EXPECT_EQ(health.id, "3121dd2f-3900-4c90-b529-4c265f026d6f");
  EXPECT_EQ(health.status, "active");
  EXPECT_EQ(health.assured_date, "2022-10-04");
  EXPECT_EQ(health.description,
            "This website helps clinicians provide Easy Read information to people with learning "
            "disabilities.\n\nYou can use the website to print Easy Read examples that are being "
            "used by other clinicians to help you and your patients.\n\nIf you do develop new "
            "health information, you can share it by going to the \u2018Contact Us\u2019 page and "
            "submitting your document.");
  ASSERT_TRUE(records[0].record->organization);
  EXPECT_EQ(records[0].record->organization->name, "NHS");
  EXPECT_EQ(records[0].record->organization->website, "https://www.nhs.uk/");
  const std::string& rights = records[1].record->service.description;
  EXPECT_NE(rights.find("Rights \u2013 Online Tool"), std::string::npos);
  EXPECT_NE(rights.find("legal advice or guidance."), std::string::npos);
  const std::string& casework = records[2].record->service.description;
  EXPECT_NE(casework.find("health & social services"), std::string::npos);
  EXPECT_NE(casework.find("Monday 10am \u2013 4pm"), std::string::npos);
  EXPECT_EQ(casework.find("\xC3\xA2"), std::string::npos) << "no mojibake left";
}

constexpr const char* kV1Full = R"({
  "id": "42", "name": "Walk and Talk", "description": "<p>A walk &amp; a talk.</p>",
  "url": "https://example.org/walk", "email": "walk@example.org", "status": "Active",
  "fees": "Free", "accreditations": "", "deliverable_type": "Information",
  "assured_date": "2025-03-01",
  "organization": {"id": "7", "name": "Bristol Walkers", "description": "Walks",
                   "url": "https://example.org"},
  "regular_schedules": [{"id": "s1", "freq": "weekly", "byday": "MO", "opens_at": "10:00:00",
                         "closes_at": "12:00:00", "description": "Mondays"},
                        {"id": "s2", "weekday": "Thursday", "opens_at": "14:00",
                         "closes_at": "15:00"}],
  "service_at_locations": [
    {"id": "sal1", "location": {"id": "L1", "name": "Castle Park", "latitude": 51.4545,
      "longitude": -2.5879, "physical_addresses": [{"address_1": "Wine Street", "city": "Bristol",
      "state_province": "", "postal_code": "BS1 2DN", "country": "GB"}],
      "accessibility_for_disabilities": [{"accessibility": "Step-free paths"}]}},
    {"location": {"id": "L2", "name": "Library", "latitude": 0, "longitude": 0,
      "physical_addresses": [{"address_1": "College Green", "postal_code": "BS1 5TL"}]}}],
  "contacts": [{"id": "c1", "name": "Reception", "title": "Front desk",
                "phones": [{"number": "0117 000 0000"}]}],
  "eligibilitys": [{"id": "e1", "eligibility": "adult", "minimum_age": 18, "maximum_age": 0}],
  "service_taxonomys": [{"id": "x", "taxonomy": {"id": "bccsource:Leisure", "name": "Leisure",
                                                 "vocabulary": "BCC Source"}}],
  "languages": [{"id": "l1", "language": "English"}],
  "cost_options": [{"id": "co1", "option": "Per walk", "amount": 0}],
  "service_areas": [{"id": "a1", "service_area": "Bristol"}],
  "fundings": [], "reviews": []
})";

TEST(ImportTest, OrukV1FullRecord) {
  auto records = ParseImport({{"v1.json", kV1Full}});
  ASSERT_EQ(records.size(), 1u);
  ASSERT_TRUE(records[0].record) << records[0].problem.message();
  EXPECT_EQ(records[0].where, "v1.json record 1 (id 42)");
  const HsdsRecord& r = *records[0].record;
  const Service& s = r.service;
  EXPECT_EQ(s.id, NameUuid("oruk-v1:service:42"));
  EXPECT_EQ(s.organization_id, NameUuid("oruk-v1:organization:7"));
  EXPECT_EQ(r.organization->website, "https://example.org");
  EXPECT_EQ(s.status, "active");
  EXPECT_EQ(s.description, "A walk & a talk.");
  EXPECT_EQ(s.fees_description, "Free");
  EXPECT_EQ(s.minimum_age, 18);
  EXPECT_EQ(s.maximum_age, std::nullopt) << "0 is how v1 says no upper age";
  EXPECT_EQ(s.eligibility_description, "adult");
  ASSERT_EQ(s.schedules.size(), 2u);
  EXPECT_EQ(s.schedules[0].freq, "WEEKLY");
  EXPECT_EQ(s.schedules[0].opens_at, "10:00");
  EXPECT_EQ(s.schedules[1].byday, (std::vector<std::string>{"TH"}));
  ASSERT_EQ(s.locations.size(), 2u);
  EXPECT_EQ(s.locations[0].id, NameUuid("oruk-v1:location:L1"));
  EXPECT_EQ(s.locations[0].service_at_location, NameUuid("oruk-v1:service_at_location:sal1"));
  EXPECT_EQ(s.locations[0].address.postal_code, "BS1 2DN");
  EXPECT_EQ(s.locations[0].accessibility, "Step-free paths");
  EXPECT_FALSE(s.locations[1].place) << "0, 0 is not a place";
  EXPECT_EQ(s.locations[1].address.postal_code, "BS1 5TL");
  ASSERT_EQ(s.contacts.size(), 1u);
  ASSERT_EQ(s.phones.size(), 1u);
  EXPECT_EQ(s.phones[0].number, "0117 000 0000");
  EXPECT_EQ(s.phones[0].description, "Reception");
  ASSERT_EQ(s.languages.size(), 1u);
  EXPECT_EQ(s.languages[0].name, "English");
  ASSERT_EQ(s.service_areas.size(), 1u);
  EXPECT_EQ(s.service_areas[0].name, "Bristol");
  ASSERT_EQ(s.cost_options.size(), 1u);
  EXPECT_EQ(s.cost_options[0].amount, 0);
  std::string term = NameUuid("oruk-v1:term:bccsource:Leisure");
  std::string taxonomy = NameUuid("oruk-v1:taxonomy:BCC Source");
  EXPECT_EQ(s.term_ids, (std::vector<std::string>{term}));
  ASSERT_EQ(r.terms.size(), 1u);
  EXPECT_EQ(r.terms[0].code, "bccsource:Leisure");
  EXPECT_EQ(r.terms[0].name, "Leisure");
  EXPECT_EQ(r.terms[0].taxonomy_id, taxonomy);
  ASSERT_EQ(records[0].taxonomies.size(), 1u);
  EXPECT_EQ(records[0].taxonomies[0].name, "BCC Source");
}

TEST(ImportTest, OrukV1ProblemsNameTheV1Fields) {
  std::string types = kV1Full;
  Replace(types, "\"minimum_age\": 18", "\"minimum_age\": \"ten\"");
  Replace(types, "\"fees\": \"Free\"", "\"fees\": {\"amount\": 0}");
  EXPECT_EQ(OnlyProblem(ParseImport({{"v1.json", types}})),
            "fees must be text; eligibilitys[0].minimum_age must be a number");

  std::string rules = kV1Full;
  Replace(rules, "\"Active\"", "\"open\"");
  Replace(rules, "\"opens_at\": \"14:00\"", "\"opens_at\": \"2pm\"");
  EXPECT_EQ(OnlyProblem(ParseImport({{"v1.json", rules}})),
            "status must be one of active, inactive, defunct or temporarily closed; "
            "regular_schedules[1].opens_at must be a time written HH:MM");
}

TEST(ImportTest, BrokenHsdsRecords) {
  std::string good = Fixture("hsds/service_full.json");
  std::string types = good, uuid = good, age = good, orphan = good;
  Replace(types, "\"name\": \"Community Counselling\"", "\"name\": {\"en\": \"Counselling\"}");
  Replace(types, "\"phones\": [", "\"phones\": \"0123\", \"x\": [");
  Replace(uuid, kServiceId, "not-a-uuid");
  Replace(age, "\"minimum_age\": 12", "\"minimum_age\": \"ten\"");
  Replace(orphan, "\"organization\": {", "\"provider\": {");
  auto records =
      ParseImport({{"bad.json", "[" + types + "," + uuid + "," + age + "," + orphan + "]"}});
  ASSERT_EQ(records.size(), 4u);
  for (const auto& r : records) EXPECT_FALSE(r.record) << r.where;
  EXPECT_EQ(records[0].problem.message(), "name must be text; phones must be an array");
  EXPECT_EQ(records[1].where, "bad.json record 2 (id not-a-uuid)");
  EXPECT_EQ(records[1].problem.message(), "id must be a uuid (such as 3f2b6c1e-...)");
  EXPECT_EQ(records[2].problem.message(), "minimum_age must be a number");
  EXPECT_EQ(records[3].problem.message(), "has no organization");
  ASSERT_EQ(records[2].problem.fields().size(), 1u);
  EXPECT_EQ(records[2].problem.fields()[0].field, "minimum_age");
}

TEST(ImportTest, MalformedJsonIsOneProblemWithItsPlace) {
  auto records = ParseImport({{"broken.json", "[\n  {\"id\": \"x\",\n   \"name\": oops}\n]"}});
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].where, "broken.json");
  const std::string& why = records[0].problem.message();
  EXPECT_TRUE(why.starts_with("is not valid JSON: ")) << why;
  EXPECT_NE(why.find(" at line 3, column "), std::string::npos) << why;
}

TEST(ImportTest, AServiceGivenTwiceIsTakenOnce) {
  std::string one = Fixture("hsds/service_full.json");
  auto records = ParseImport({{"a.json", one}, {"b.json", "[" + one + "]"}});
  ASSERT_EQ(records.size(), 2u);
  EXPECT_TRUE(records[0].record);
  EXPECT_FALSE(records[1].record);
  EXPECT_EQ(records[1].problem.message(),
            std::string("repeats the service id of a.json record 1 (id ") + kServiceId + ")");
}

TEST(ImportTest, PlainText) {
  EXPECT_EQ(PlainText("<p>Tea &amp; talk</p><p>Every&nbsp;Monday<br>10am</p><p><br></p>"),
            "Tea & talk\n\nEvery Monday\n10am");
  EXPECT_EQ(PlainText("\xC3\x82\xC2\xA3"
                      "10 for young people\xC3\xA2\xE2\x82\xAC\xE2\x84\xA2s tea"),
            "\xC2\xA3"
            "10 for young people\xE2\x80\x99s tea");
  EXPECT_EQ(PlainText("Caf\xC3\xA9 at \xC2\xA3"
                      "5"),
            "Caf\xC3\xA9 at \xC2\xA3"
            "5")
      << "not mojibake";
  EXPECT_EQ(PlainText("2 < 3 & 4 > 1"), "2 < 3 & 4 > 1") << "not HTML";
  EXPECT_EQ(PlainText("Line one\n\n\n\nLine two  \n"), "Line one\n\nLine two");
  EXPECT_EQ(PlainText("&#8216;quoted&#x2019; &#0; &bogus;"), "\u2018quoted\u2019 &#0; &bogus;");
}

}  // namespace
}  // namespace linkway
