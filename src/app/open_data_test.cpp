#include "app/open_data.hpp"

#include <gtest/gtest.h>

namespace linkway {
namespace {

TEST(OpenData, ShippedFilesParse) {
  auto data = LoadOpenData();
  ASSERT_TRUE(data.ok()) << data.status().message();
  ASSERT_EQ(data->practices.size(), 20u);
  EXPECT_EQ(data->postcodes.size(), 6175u);
  const Organisation* hmg = nullptr;
  for (const auto& p : data->practices) {
    if (p.code == "M81026") hmg = &p;
  }
  ASSERT_NE(hmg, nullptr);
  EXPECT_EQ(hmg->name, "Hereford Medical Group");
  EXPECT_EQ(hmg->postcode, "HR4 9JP");
  EXPECT_EQ(hmg->kind, OrgKind::kPractice);
  const PostcodeInfo& first = data->postcodes.front();
  EXPECT_EQ(first.postcode, "HR1 1AA");
  EXPECT_EQ(first.lsoa11, "E01014010");
  EXPECT_EQ(first.imd_decile, 3);
  EXPECT_EQ(first.ruc11_code, "C1");
  EXPECT_EQ(first.ruc11_name, "Urban city and town");  // no trailing carriage return
}

TEST(OpenData, QuotedCellsAndLineEndings) {
  auto practices = ParsePractices(
      "code,name,postcode,phone\r\n"
      "A12345,\"Smith, Jones & \"\"Partners\"\"\",hr49jp,01432 000000\r\n"
      "\r\n"
      "B12345,Plain Surgery,HR1 2JB,01432 000001");
  ASSERT_TRUE(practices.ok()) << practices.status().message();
  ASSERT_EQ(practices->size(), 2u);
  EXPECT_EQ((*practices)[0].name, "Smith, Jones & \"Partners\"");
  EXPECT_EQ((*practices)[0].postcode, "HR4 9JP");
  EXPECT_EQ((*practices)[1].code, "B12345");
}

struct BadCase {
  const char* csv;
  const char* message;
};

TEST(OpenData, RejectsMalformedPracticesWithTheLine) {
  const std::string header = "code,name,postcode,phone\n";
  const BadCase cases[] = {
      {"", "herefordshire_practices.csv: the file is empty"},
      {"code,name\n",
       "herefordshire_practices.csv line 1: the header must be "
       "code,name,postcode,phone"},
      {"A12345,Name,HR1 2JB\n", "line 2: expected 4 cells"},
      {"A1234,Name,HR1 2JB,01\n", "line 2: the code must be a letter and 5 digits"},
      {"A12345,,HR1 2JB,01\n", "line 2: the name is empty"},
      {"A12345,Name,HR!,01\n", "line 2: the postcode must contain only letters and digits"},
      {"A12345,Name,HR1 2JB,\n", "line 2: the phone is empty"},
      {"A12345,\"Name,HR1 2JB,01\n", "line 2: a quoted cell is not closed"},
      {"A12345,Name,HR1 2JB,01\n\nA12345,Name,HR1 2JB,01\n", "line 4: practice A12345 repeats"},
  };
  for (const auto& c : cases) {
    std::string csv =
        std::string(c.csv).starts_with("code") || *c.csv == '\0' ? c.csv : header + c.csv;
    auto parsed = ParsePractices(csv);
    ASSERT_EQ(parsed.status().code(), Code::kInvalid) << c.csv;
    EXPECT_NE(parsed.status().message().find(c.message), std::string::npos)
        << parsed.status().message();
  }
}

TEST(OpenData, RejectsMalformedPostcodesWithTheLine) {
  const std::string header = "postcode,lsoa11,imd2019_decile,ruc11_code,ruc11_name,lat,long\n";
  const BadCase cases[] = {
      {"HR1 1AA,E01014010,3,C1\n", "line 2: expected 7 cells"},
      {"HR1,E01014010,3,C1,Urban,52.1,-2.7\n", "line 2: the postcode is not a UK postcode"},
      {"HR1 1AA,W01014010,3,C1,Urban,52.1,-2.7\n", "line 2: the LSOA must be E01 and 6 digits"},
      {"HR1 1AA,E01014010,0,C1,Urban,52.1,-2.7\n", "line 2: the IMD decile must be a whole number"},
      {"HR1 1AA,E01014010,11,C1,Urban,52.1,-2.7\n", "line 2: the IMD decile"},
      {"HR1 1AA,E01014010,3x,C1,Urban,52.1,-2.7\n", "line 2: the IMD decile"},
      {"HR1 1AA,E01014010,3,,Urban,52.1,-2.7\n", "line 2: the rurality code is empty"},
      {"HR1 1AA,E01014010,3,C1,Urban,52.1,-2.7\nhr11aa,E01014010,3,C1,Urban,52.1,-2.7\n",
       "line 3: postcode HR1 1AA repeats"},
      {"HR1 1AA,E01014010,3,C1,Urban,91,-2.7\n", "line 2: the latitude must be"},
      {"HR1 1AA,E01014010,3,C1,Urban,52.1,\n", "line 2: a latitude needs a longitude"},
  };
  for (const auto& c : cases) {
    auto parsed = ParsePostcodes(header + c.csv);
    ASSERT_EQ(parsed.status().code(), Code::kInvalid) << c.csv;
    EXPECT_NE(parsed.status().message().find(c.message), std::string::npos)
        << parsed.status().message();
  }
}

}  // namespace
}  // namespace linkway
