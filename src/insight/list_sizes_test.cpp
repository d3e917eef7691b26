#include "insight/list_sizes.hpp"

#include <gtest/gtest.h>

#include "support/test_world.hpp"

namespace linkway {
namespace {

constexpr const char* kFile =
    "PUBLICATION,EXTRACT_DATE,TYPE,CODE,POSTCODE,SEX,AGE,NUMBER_OF_PATIENTS\n"
    "GP_PRAC_PAT_LIST,2026-04-01,GP,P1,HR4 7DD,ALL,ALL,8708\n"
    "GP_PRAC_PAT_LIST,2026-04-01,GP,P1,HR4 7DD,MALE,ALL,4300\n"
    "GP_PRAC_PAT_LIST,2026-04-01,GP,P1,HR4 7DD,FEMALE,ALL,4408\n"
    "GP_PRAC_PAT_LIST,2026-04-01,GP,P1,HR4 7DD,MALE,0_4,120\n"
    "GP_PRAC_PAT_LIST,2026-04-01,GP,P2,HR1 2JB,ALL,ALL,5860\n"
    "GP_PRAC_PAT_LIST,2026-04-01,GP,Z99999,HR1 2JB,ALL,ALL,100\n";

TEST(ListSizes, ParsesTheNhsDigitalShape) {
  auto sizes = ParseListSizes(kFile);
  ASSERT_TRUE(sizes.ok()) << sizes.status().message();
  ASSERT_EQ(sizes->size(), 3u);
  EXPECT_EQ((*sizes)[0].practice_code, "P1");
  EXPECT_EQ((*sizes)[0].total, 8708);
  EXPECT_EQ((*sizes)[0].male, 4300);
  EXPECT_EQ((*sizes)[0].female, 4408);
  auto bad = ParseListSizes("EXTRACT_DATE,CODE,SEX,AGE,NUMBER_OF_PATIENTS\nx,P1,ALL,ALL,lots\n");
  EXPECT_EQ(bad.status().code(), Code::kInvalid);
  EXPECT_NE(bad.status().message().find("line 2"), std::string::npos) << bad.status().message();
  EXPECT_EQ(ParseListSizes("CODE,TOTAL\nP1,5\n").status().code(), Code::kInvalid);
}

// Unknown practice codes are reported, and the known rows are still used.
TEST(ListSizes, UnknownPracticesAreReportedAndTheRestStored) {
  testing::TestWorld w;
  ListSizes sizes(*w.database);
  auto report = sizes.Import(*ParseListSizes(kFile));
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_EQ(report->used, 2);
  ASSERT_EQ(report->unknown.size(), 1u);
  EXPECT_EQ(report->unknown[0], "Z99999");
  auto all = sizes.All();
  EXPECT_EQ(all->at("P2").total, 5860);
  EXPECT_EQ(all->count("Z99999"), 0u);
}

TEST(ListSizes, AgeBandsAndLsoas) {
  testing::TestWorld w;
  ASSERT_TRUE(w.postcodes
                  ->Put({{"HR4 7DD", "E01014050", 6, "C1", "Urban city and town", std::nullopt},
                         {"HR9 5AB", "E01014100", 3, "E1", "Rural village", std::nullopt}})
                  .ok());
  ListSizes sizes(*w.database);
  ASSERT_TRUE(sizes.Import(*ParseListSizes(kFile)).ok());
  auto by_lsoa = ParseListSizes(
      "PUBLICATION,EXTRACT_DATE,PRACTICE_CODE,PRACTICE_NAME,LSOA_CODE,SEX,NUMBER_OF_PATIENTS\n"
      "GP_PRAC_PAT_LSOA,2026-04-01,P1,First,E01014050,ALL,6000\n"
      "GP_PRAC_PAT_LSOA,2026-04-01,P1,First,E01014100,ALL,2000\n"
      "GP_PRAC_PAT_LSOA,2026-04-01,P1,First,E01999999,ALL,708\n");
  ASSERT_TRUE(by_lsoa.ok()) << by_lsoa.status().message();
  EXPECT_FALSE((*by_lsoa)[0].has_total);
  ASSERT_TRUE(sizes.Import(*by_lsoa).ok());
  EXPECT_EQ(sizes.All()->at("P1").total, 8708);  // the total from the first file stays
  auto imd = sizes.Parts("imd");
  ASSERT_TRUE(imd.ok());
  EXPECT_EQ(imd->at("P1").at("6"), 6000);
  EXPECT_EQ(imd->at("P1").at("3"), 2000);
  EXPECT_EQ(imd->at("P1").at("unknown"), 708);
  EXPECT_EQ(sizes.Parts("rurality")->at("P1").at("E1"), 2000);
  EXPECT_EQ(sizes.Parts("age")->at("P1").at("MALE/0-19"), 120);
  auto bad = ParseListSizes("EXTRACT_DATE,CODE,SEX,AGE,NUMBER_OF_PATIENTS\nx,P1,MALE,old,5\n");
  EXPECT_NE(bad.status().message().find("five-year band"), std::string::npos);
}

}  // namespace
}  // namespace linkway
