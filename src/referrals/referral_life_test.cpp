#include "referrals/referral_life.hpp"

#include <gtest/gtest.h>

#include <set>
#include <utility>

#include "core/embedded.hpp"

namespace linkway {
const EmbeddedFiles& DefaultCodeFiles();
namespace {

using S = ReferralState;

const std::set<std::pair<S, S>> kLegal = {
    {S::kReceived, S::kAccepted},
    {S::kReceived, S::kDeclined},
    {S::kReceived, S::kWithdrawn},
    {S::kAccepted, S::kContacted},
    {S::kAccepted, S::kUnableToContact},
    {S::kContacted, S::kActive},
    {S::kActive, S::kClosed},
};

TransitionRequest Complete(S to) {
  TransitionRequest r{to, "", ""};
  if (to == S::kDeclined || to == S::kWithdrawn) r.reason = "a reason";
  if (to == S::kClosed) r.outcome = "goals_met";
  return r;
}

TEST(ReferralLife, EveryPairOfStates) {
  int legal = 0;
  for (S from : kAllStates) {
    for (S to : kAllStates) {
      Status s = CheckTransition(from, Complete(to));
      if (kLegal.count({from, to}) != 0) {
        EXPECT_TRUE(s.ok()) << ToString(from) << "->" << ToString(to) << ": " << s.message();
        ++legal;
      } else {
        EXPECT_EQ(s.code(), Code::kConflict) << ToString(from) << "->" << ToString(to);
        EXPECT_NE(s.message().find("is " + std::string(ToString(from))), std::string::npos)
            << s.message();
      }
    }
  }
  EXPECT_EQ(legal, 7);
}

TEST(ReferralLife, NextStatesMatchTheRule) {
  for (S from : kAllStates) {
    for (S to : NextStates(from)) EXPECT_EQ(kLegal.count({from, to}), 1u);
  }
}

TEST(ReferralLife, DeclineAndWithdrawNeedAReason) {
  auto s = CheckTransition(S::kReceived, {S::kDeclined, "  ", ""});
  ASSERT_EQ(s.code(), Code::kInvalid);
  EXPECT_EQ(s.fields().at(0).field, "reason");
  EXPECT_EQ(CheckTransition(S::kReceived, {S::kWithdrawn, "", ""}).code(), Code::kInvalid);
  EXPECT_TRUE(CheckTransition(S::kReceived, {S::kAccepted, "", ""}).ok());
}

TEST(ReferralLife, ClosingNeedsAKnownOutcome) {
  EXPECT_EQ(CheckTransition(S::kActive, {S::kClosed, "", ""}).code(), Code::kInvalid);
  EXPECT_EQ(CheckTransition(S::kActive, {S::kClosed, "", "great"}).code(), Code::kInvalid);
  EXPECT_TRUE(CheckTransition(S::kActive, {S::kClosed, "", "some_goals_met"}).ok());
  EXPECT_EQ(CheckTransition(S::kContacted, {S::kActive, "", "goals_met"}).code(), Code::kInvalid);
}

TEST(ReferralLife, ConflictMessageNamesTheCurrentState) {
  auto s = CheckTransition(S::kDeclined, Complete(S::kAccepted));
  EXPECT_EQ(s.message(), "cannot move a referral that is declined to accepted; declined is final");
  s = CheckTransition(S::kReceived, Complete(S::kClosed));
  EXPECT_EQ(s.message(),
            "cannot move a referral that is received to closed; from received it can move to "
            "accepted, declined or withdrawn");
}

TEST(ReferralLife, TakeStepRecordsWhoWhenAndTheCode) {
  auto codes = CodeTable::Parse(DefaultCodeFiles().at("local_codes.csv"));
  ASSERT_TRUE(codes.ok());
  Referral r;
  r.id = 7;
  r.state = S::kReceived;
  auto e = TakeStep(r, {S::kDeclined, "Needs are clinical", ""}, *codes, {3, "lw1", "link_worker"},
                    1000);
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->referral_id, 7);
  EXPECT_EQ(e->from, S::kReceived);
  EXPECT_EQ(e->to, S::kDeclined);
  EXPECT_EQ(e->at, 1000);
  EXPECT_EQ(e->username, "lw1");
  EXPECT_EQ(e->reason, "Needs are clinical");
  EXPECT_EQ(e->code, "871711000000103");
  EXPECT_EQ(TakeStep(r, Complete(S::kActive), *codes, {}, 0).status().code(), Code::kConflict);
}

TEST(ReferralLife, StateNamesRoundTrip) {
  for (S s : kAllStates) EXPECT_EQ(ParseReferralState(ToString(s)), s);
  EXPECT_FALSE(ParseReferralState("open").has_value());
}

}  // namespace
}  // namespace linkway
