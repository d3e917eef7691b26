#include "http/multipart.hpp"

#include <gtest/gtest.h>

namespace linkway::http {
namespace {

TEST(Multipart, ReadsFieldsAndAFile) {
  std::string body =
      "--XyZ\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\nabc\r\n"
      "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"e.csv\"\r\n"
      "Content-Type: text/csv\r\n\r\nA1,B\r\nC,D\r\n--XyZ--\r\n";
  auto parts = ParseMultipart("multipart/form-data; boundary=XyZ", body);
  ASSERT_TRUE(parts);
  ASSERT_EQ(parts->size(), 2u);
  EXPECT_EQ(PartValue(*parts, "csrf_token"), "abc");
  EXPECT_EQ((*parts)[1].filename, "e.csv");
  EXPECT_EQ(PartValue(*parts, "file"), "A1,B\r\nC,D");
  EXPECT_EQ(PartValue(*parts, "none"), "");
  EXPECT_TRUE(ParseMultipart("multipart/form-data; boundary=\"XyZ\"", body));
}

TEST(Multipart, RefusesWhatIsNotMultipartOrIsCutShort) {
  EXPECT_FALSE(ParseMultipart("application/x-www-form-urlencoded", "a=1"));
  EXPECT_FALSE(ParseMultipart("multipart/form-data", "--x\r\n"));
  EXPECT_FALSE(ParseMultipart("multipart/form-data; boundary=x",
                              "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno end"));
  EXPECT_FALSE(ParseMultipart("multipart/form-data; boundary=x", "nothing"));
}

}  // namespace
}  // namespace linkway::http
