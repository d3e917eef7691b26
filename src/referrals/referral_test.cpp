#include "referrals/referral.hpp"

#include <gtest/gtest.h>

#include "referrals/signpost.hpp"

namespace linkway {
namespace {

const std::int64_t kToday = *ParseDate("2026-11-24");

ReferralInput Good() {
  ReferralInput in;
  in.patient = {"943 476 5919", "Ann", "Smith", "1948-03-02", "hr4 7dd", "01432 000000"};
  in.practice = "M81026";
  in.reasons = {"money", "loneliness"};
  in.consent_referral = true;
  in.consent_share = true;
  return in;
}

std::string ErrorFor(const Status& s, const std::string& field) {
  for (const auto& f : s.fields())
    if (f.field == field) return f.message;
  return "";
}

TEST(ValidateReferral, CleansAGoodReferral) {
  auto r = ValidateReferral(Good(), kToday);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->patient.nhs_number, "9434765919");
  EXPECT_EQ(r->patient.postcode, "HR4 7DD");
  EXPECT_EQ(r->reasons, (std::vector<std::string>{"loneliness", "money"}));
}

TEST(ValidateReferral, ReportsEveryFieldAtOnce) {
  struct Case {
    void (*mutate)(ReferralInput&);
    const char* field;
    const char* message;
  };
  const Case cases[] = {
      {[](ReferralInput& r) { r.patient.nhs_number = "1234567890"; }, "patient.nhs_number",
       "check digit does not match"},
      {[](ReferralInput& r) { r.patient.nhs_number = ""; }, "patient.nhs_number", "is required"},
      {[](ReferralInput& r) { r.patient.given_name = " "; }, "patient.given_name", "is required"},
      {[](ReferralInput& r) { r.patient.date_of_birth = "1948-02-30"; }, "patient.date_of_birth",
       "must be a real date written YYYY-MM-DD"},
      {[](ReferralInput& r) { r.patient.date_of_birth = "2030-01-01"; }, "patient.date_of_birth",
       "must be in the past"},
      {[](ReferralInput& r) { r.patient.postcode = "HR4"; }, "patient.postcode",
       "is not a UK postcode"},
      {[](ReferralInput& r) { r.patient.phone = "12"; }, "patient.phone",
       "must be a UK phone number, like 01432 123456"},
      {[](ReferralInput& r) { r.reasons = {}; }, "reasons", "choose at least one reason"},
      {[](ReferralInput& r) { r.reasons = {"boredom"}; }, "reasons",
       "'boredom' is not a reason code"},
      {[](ReferralInput& r) { r.reasons = {"other"}; }, "reason_other",
       "describe the other reason"},
      {[](ReferralInput& r) { r.consent_referral = false; }, "consent.referral",
       "the person must agree to the referral"},
      {[](ReferralInput& r) { r.urgency = "soon"; }, "urgency", "must be routine or urgent"},
      {[](ReferralInput& r) { r.practice = ""; }, "practice", "is required"},
  };
  for (const auto& c : cases) {
    ReferralInput in = Good();
    c.mutate(in);
    auto r = ValidateReferral(in, kToday);
    ASSERT_FALSE(r.ok()) << c.field;
    EXPECT_EQ(ErrorFor(r.status(), c.field), c.message) << c.field;
  }
  ReferralInput empty;
  auto r = ValidateReferral(empty, kToday);
  EXPECT_GE(r.status().fields().size(), 8u);
}

TEST(ValidateReferral, SexIsOptionalAndCoded) {
  auto given = ValidateReferral(Good(), kToday);
  ASSERT_TRUE(given.ok());
  EXPECT_EQ(given->patient.sex, "not_known");
  ReferralInput in = Good();
  in.patient.sex = "female";
  EXPECT_EQ(ValidateReferral(in, kToday)->patient.sex, "female");
  in.patient.sex = "F";
  auto bad = ValidateReferral(in, kToday);
  ASSERT_EQ(bad.status().code(), Code::kInvalid);
  EXPECT_EQ(bad.status().fields().at(0).field, "patient.sex");
}

TEST(ValidateSignpost, NeedsServiceAndReason) {
  EXPECT_TRUE(ValidateSignpost({"Hereford Men's Shed", {"loneliness"}, ""}).ok());
  auto bad = ValidateSignpost({" ", {}, ""});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().fields().size(), 2u);
}

TEST(Referral, ReferralAndSignpostRefuseUnstorableText) {
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
