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

}  // namespace
}  // namespace linkway
