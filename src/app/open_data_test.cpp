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

TEST(OpenData, ReadsAnOnsPostcodeLookupByColumnName) {
  const std::string nspl =
      "pcd,pcds,doterm,lsoa11,ru11ind,lat,long,imd\n"
      "\"HR1 1AA\",\"HR1 1AA\",\"\",\"E01014010\",\"C1\",52.060745,-2.710027,8153\n"
      "\"HR1 1AZ\",\"HR1 1AZ\",\"201001\",\"E01014010\",\"C1\",52.06,-2.71,8153\n"
      "\"HR3 5BB\",\"HR3 5BB\",\"\",\"W01000001\",\"E2\",52.077826,-3.123677,1200\n";
  auto parsed = ParseNspl(nspl, "nspl.csv");
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  ASSERT_EQ(parsed->size(), 2U);  // the terminated one left out
  EXPECT_EQ((*parsed)[0].postcode, "HR1 1AA");
  EXPECT_EQ((*parsed)[0].imd_decile, 3);  // rank 8153 of 32844
  EXPECT_EQ((*parsed)[0].ruc11_name, "Urban city and town");
  EXPECT_NEAR((*parsed)[0].place->lat, 52.060745, 1e-9);
  EXPECT_EQ((*parsed)[1].imd_decile, 0);  // a Welsh LSOA: no English decile
  auto bad = ParseNspl("pcds,lat,long,lsoa11,ru11ind,imd\nHR1 1AA,95,-2.7,E01014010,C1,8153\n",
                       "nspl.csv");
  ASSERT_EQ(bad.status().code(), Code::kInvalid);
  EXPECT_NE(bad.status().message().find("nspl.csv line 2: lat, long: the latitude"),
            std::string::npos)
      << bad.status().message();
  auto no_column = ParseNspl("pcds,lat,long\n", "nspl.csv");
  EXPECT_NE(no_column.status().message().find("no lsoa11 column"), std::string::npos);
}

}  // namespace
}  // namespace linkway
