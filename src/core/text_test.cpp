#include "core/text.hpp"

#include <gtest/gtest.h>

#include "core/referral.hpp"
#include "core/signpost.hpp"

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

TEST(Text, ReferralAndSignpostRefuseUnstorableText) {
  ReferralInput in;
  in.patient = {"943 476 5919", std::string("A\0nn", 4), "Smith", "1948-03-02", "HR4 7DD", ""};
  in.practice = "P1";
  in.reasons = {"money"};
  in.consent_referral = in.consent_share = true;
  in.urgency = "routine";
  in.note = "fine\nover two lines";
  auto r = ValidateReferral(in, 20000);
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(r.status().fields().size(), 1u);
  EXPECT_EQ(r.status().fields()[0].field, "patient.given_name");
  SignpostInput s{"Men's Shed\xff", {"loneliness"}, ""};
  auto sp = ValidateSignpost(s);
  ASSERT_FALSE(sp.ok());
  EXPECT_EQ(sp.status().fields()[0].field, "service");
}

}  // namespace
}  // namespace linkway
