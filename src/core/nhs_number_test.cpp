#include "core/nhs_number.hpp"

#include <gtest/gtest.h>

namespace linkway {
namespace {

struct Case {
  const char* input;
  bool valid;
  const char* message;
};

TEST(NhsNumber, TableOfCases) {
  const Case cases[] = {
      {"9434765919", true, ""},
      {"4000000632", true, ""},
      {"943 476 5919", true, ""},
      {" 943 4765 919 ", true, ""},
      {"1234567890", false, "check digit does not match"},
      {"0000000000", false, "cannot be the same digit ten times"},
      {"5555555555", false, "cannot be the same digit ten times"},
      {"943476591", false, "must be 10 digits"},
      {"94347659190", false, "must be 10 digits"},
      {"", false, "must be 10 digits"},
      {"943-476-5919", false, "must contain only digits and spaces"},
      {"9434765918", false, "check digit does not match"},
  };
  for (const auto& c : cases) {
    auto result = ParseNhsNumber(c.input);
    EXPECT_EQ(result.ok(), c.valid) << c.input;
    if (!c.valid) {
      EXPECT_EQ(result.status().message(), c.message) << c.input;
    }
  }
}

TEST(NhsNumber, StripsSpaces) { EXPECT_EQ(ParseNhsNumber("943 476 5919").value(), "9434765919"); }

TEST(NhsNumber, RemainderTenHasNoCheckDigit) {
  // 1000000010: weights give sum 10+2*1=... pick nine digits whose check would be 10.
  int found = 0;
  for (int n = 100000000; n < 100000200; ++n) {
    std::string nine = std::to_string(n);
    if (NhsCheckDigit(nine) == -1) {
      ++found;
      for (char d = '0'; d <= '9'; ++d) EXPECT_FALSE(ParseNhsNumber(nine + d).ok()) << nine << d;
    }
  }
  EXPECT_GT(found, 0);
}

TEST(NhsNumber, Formats) { EXPECT_EQ(FormatNhsNumber("9434765919"), "943 476 5919"); }

}  // namespace
}  // namespace linkway
