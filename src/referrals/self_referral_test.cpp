// Self-referral, through the service and the public page, on SQLite and PostgreSQL: a good
// request arrives in the PCN's inbox as a referral whose source is self; bad ones are refused
// by field; robots and floods are turned away.
#include <gtest/gtest.h>

#include "support/app_harness.hpp"

namespace linkway {
namespace {

using testing::Encode;

SelfReferralInput Good() {
  SelfReferralInput in;
  in.given_name = "Ann";
  in.family_name = "Jones";
  in.phone = "07700 900123";
  in.postcode = "hr1 2jb";
  in.practice = "P2";
  in.help = "I feel lonely since my husband died and would like to meet people.";
  in.agreed = true;
  return in;
}

class SelfReferralTest : public testing::PagesTest {};

TEST_F(SelfReferralTest, ArrivesInThePcnInboxAsASelfReferral) {
  auto made = w_.referrals->CreateSelfReferral(Good());
  ASSERT_TRUE(made.ok()) << made.status().message();
  EXPECT_EQ(made->referral.referrer_profession, "self_referral");
  EXPECT_EQ(made->referral.pcn_code, "PCN1");
  EXPECT_EQ(made->referral.patient.postcode, "HR1 2JB");
  auto inbox = w_.referrals->ListReferrals(w_.As("lw1"), {});
  ASSERT_TRUE(inbox.ok());
  bool found = false;
  for (const auto& r : inbox->items) found = found || r.id == made->referral.id;
  EXPECT_TRUE(found);
  // Another PCN's link worker does not see it.
  EXPECT_FALSE(w_.referrals->GetReferral(w_.As("lw2"), made->referral.id).ok());
  // The second uses the same built-in user.
  auto again = w_.referrals->CreateSelfReferral(Good());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->referral.referrer_id, made->referral.referrer_id);
}

TEST_F(SelfReferralTest, BadRequestsAreRefusedByFieldAndNothingIsStored) {
  SelfReferralInput in;
  in.nhs_number = "1234567890";
  in.postcode = "HR1";
  in.practice = "P9";
  auto refused = w_.referrals->CreateSelfReferral(in);
  ASSERT_EQ(refused.status().code(), Code::kInvalid);
  std::set<std::string> fields;
  for (const auto& f : refused.status().fields()) fields.insert(f.field);
  for (const char* f : {"given_name", "family_name", "phone", "postcode", "practice", "help",
                        "nhs_number", "agreed"}) {
    EXPECT_TRUE(fields.count(f)) << f;
  }
  EXPECT_TRUE(w_.referrals->ListReferrals(w_.As("lw1"), {})->items.empty());
}

TEST_F(SelfReferralTest, ThePublicFormWorksWithoutSigningIn) {
  auto page = Send("GET", "/self-referral");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Second Practice"), std::string::npos);
  auto bad = Send("POST", "/self-referral", "", Encode({{"given_name", "Ann"}}));
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("There is a problem"), std::string::npos);
  EXPECT_NE(bad.body.find("value=\"Ann\""), std::string::npos);
  auto good = Send("POST", "/self-referral", "",
                   Encode({{"given_name", "Ann"},
                           {"family_name", "Jones"},
                           {"phone", "07700 900123"},
                           {"postcode", "HR1 2JB"},
                           {"practice", "P2"},
                           {"help", "Meeting people"},
                           {"agreed", "yes"}}));
  ASSERT_EQ(good.status, 200);
  EXPECT_NE(good.body.find("Your reference number"), std::string::npos);
  EXPECT_NE(good.body.find("SR-"), std::string::npos);
  EXPECT_EQ(w_.referrals->ListReferrals(w_.As("lw1"), {})->items.size(), 1U);
}

TEST_F(SelfReferralTest, RobotsAndFloodsAreTurnedAway) {
  auto robot = Send("POST", "/self-referral", "",
                    Encode({{"given_name", "Ann"}, {"website", "http://spam.example"}}));
  EXPECT_EQ(robot.status, 200);  // thanked, nothing kept
  EXPECT_TRUE(w_.referrals->ListReferrals(w_.As("lw1"), {})->items.empty());
  int limited = 0;
  for (int i = 0; i < 8; ++i) {
    auto r = Send("POST", "/self-referral", "", Encode({{"given_name", "Ann"}}));
    if (r.status == 429) ++limited;
  }
  EXPECT_GE(limited, 3);
  auto huge = Send("POST", "/self-referral", "", "help=" + std::string(20000, 'a'));
  EXPECT_EQ(huge.status, 413);
}

}  // namespace
}  // namespace linkway
