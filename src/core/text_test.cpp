#include "core/text.hpp"

#include <gtest/gtest.h>

namespace linkway {
namespace {

TEST(Text, StorableTextIsUtf8WithoutControls) {
  EXPECT_TRUE(IsStorableText("Ann Smith", false));
  EXPECT_TRUE(IsStorableText("Zo\xc3\xab \xe2\x80\x94 \xf0\x9f\x99\x82", false));  // ë — 🙂
  EXPECT_TRUE(IsStorableText("tab\there", false));
  EXPECT_TRUE(IsStorableText("two\nlines\r\n", true));
  EXPECT_FALSE(IsStorableText("two\nlines", false));
  EXPECT_FALSE(IsStorableText(std::string_view("a\0b", 3), true));  // NUL
  EXPECT_FALSE(IsStorableText("bell\a", true));
  EXPECT_FALSE(IsStorableText("del\x7f", true));
  EXPECT_FALSE(IsStorableText("\xff", true));              // not UTF-8
  EXPECT_FALSE(IsStorableText("\xc0\x80", true));          // overlong NUL
  EXPECT_FALSE(IsStorableText("\xed\xa0\x80", true));      // a surrogate
  EXPECT_FALSE(IsStorableText("\xe2\x82", true));          // cut short
  EXPECT_FALSE(IsStorableText("\xc2\x85", true));          // C1 control (NEL)
  EXPECT_FALSE(IsStorableText("\xf4\x90\x80\x80", true));  // past U+10FFFF
}

// Hardening finding 10: text cut at a byte count split a character.
TEST(Text, ShortenCutsOnCharacterBoundariesAndMendsBadBytes) {
  EXPECT_EQ(Shorten("hello", 40), "hello");
  EXPECT_EQ(Shorten("abc\xc3\xa9", 4), "abc");  // the two bytes of é do not fit: both go
  EXPECT_EQ(Shorten("abc\xc3\xa9", 5), "abc\xc3\xa9");
  EXPECT_EQ(Shorten("\xe2\x82\xac\xe2\x82\xac", 4), "\xe2\x82\xac");
  EXPECT_EQ(Shorten("a\xff\xc3"
                    "b",
                    10),
            "a??b");  // not UTF-8
  EXPECT_EQ(Shorten(std::string("a\0b", 3), 10), "a?b");
  for (std::size_t n = 0; n < 12; ++n) {
    EXPECT_TRUE(IsStorableText(Shorten("\xf0\x9f\x98\x80\xf0\x9f\x98\x80x\xe9", n), true)) << n;
    EXPECT_LE(Shorten("\xf0\x9f\x98\x80\xf0\x9f\x98\x80x\xe9", n).size(), n);
  }
}

TEST(Text, TrimsAndComparesSecrets) {
  EXPECT_EQ(Trim("  a b \t\n"), "a b");
  EXPECT_EQ(Trim(" \t "), "");
  EXPECT_TRUE(SameSecret("abc", "abc"));
  EXPECT_FALSE(SameSecret("abc", "abd"));
  EXPECT_FALSE(SameSecret("abc", "ab"));
}

}  // namespace
}  // namespace linkway
