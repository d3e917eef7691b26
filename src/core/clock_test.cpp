#include "core/clock.hpp"

#include <gtest/gtest.h>

#include "core/postcode.hpp"

namespace linkway {
namespace {

TEST(Date, ParsesRealDatesOnly) {
  EXPECT_EQ(ParseDate("1970-01-01"), 0);
  EXPECT_EQ(ParseDate("1948-03-02"), -7975);
  EXPECT_TRUE(ParseDate("2024-02-29").has_value());
  EXPECT_FALSE(ParseDate("2023-02-29").has_value());
  EXPECT_FALSE(ParseDate("2023-13-01").has_value());
  EXPECT_FALSE(ParseDate("2023-1-01").has_value());
  EXPECT_FALSE(ParseDate("02/03/1948").has_value());
}

TEST(Date, RoundTrips) {
  for (std::int64_t d = -40000; d < 40000; d += 37) EXPECT_EQ(ParseDate(FormatDate(d)), d);
}

TEST(Date, FormatsTimestamps) {
  EXPECT_EQ(FormatTimestamp(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(FormatTimestamp(1795532400), "2026-11-24T15:00:00Z");
  EXPECT_EQ(FormatDisplayDate(1795532400), "24 Nov 2026");
}

TEST(Postcode, Normalises) {
  EXPECT_EQ(ParsePostcode("hr47dd").value(), "HR4 7DD");
  EXPECT_EQ(ParsePostcode(" HR4 7DD ").value(), "HR4 7DD");
  EXPECT_EQ(ParsePostcode("SW1A 1AA").value(), "SW1A 1AA");
  EXPECT_EQ(ParsePostcode("M1 1AE").value(), "M1 1AE");
  EXPECT_FALSE(ParsePostcode("HR4").ok());
  EXPECT_FALSE(ParsePostcode("HR4 DD7").ok());
  EXPECT_FALSE(ParsePostcode("HR4-7DD").ok());
  EXPECT_FALSE(ParsePostcode("ABC DEF").ok());
}

TEST(Clock, DaysWaitingCountsWholeDaysUntilTheWaitEnds) {
  UnixSeconds monday = 1795514400;  // 2026-11-24 10:00
  EXPECT_EQ(DaysWaiting(monday, std::nullopt, monday + 3600), 0);
  EXPECT_EQ(DaysWaiting(monday, std::nullopt, monday + 14 * 3600), 1);  // past midnight
  EXPECT_EQ(DaysWaiting(monday, monday + 2 * 86400, monday + 30 * 86400), 2);
  EXPECT_EQ(DaysWaiting(monday, monday - 86400, monday), 0);  // never negative
}

}  // namespace
}  // namespace linkway
