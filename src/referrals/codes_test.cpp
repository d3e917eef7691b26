#include "referrals/codes.hpp"

#include <gtest/gtest.h>

#include "core/embedded.hpp"

namespace linkway {
const EmbeddedFiles& DefaultCodeFiles();
namespace {

TEST(Codes, ShippedTableCoversEveryEvent) {
  auto table = CodeTable::Parse(DefaultCodeFiles().at("local_codes.csv"));
  ASSERT_TRUE(table.ok()) << table.status().message();
  EXPECT_EQ(table->ForState(ReferralState::kAccepted).code, "871731000000106");
  EXPECT_EQ(table->ForState(ReferralState::kDeclined).code, "871711000000103");
  EXPECT_EQ(table->ForState(ReferralState::kAccepted).system, "http://snomed.info/sct");
  for (ReferralState s : kAllStates) EXPECT_FALSE(table->ForState(s).code.empty());
  EXPECT_FALSE(table->ForSignpost().code.empty());
}

TEST(Codes, RejectsBadTables) {
  EXPECT_EQ(CodeTable::Parse("wrong\n").status().code(), Code::kInvalid);
  auto missing = CodeTable::Parse("event,system,code,display\nreferral.received,s,c,d\n");
  EXPECT_NE(missing.status().message().find("no code for event"), std::string::npos);
  auto unknown = CodeTable::Parse("event,system,code,display\nreferral.lost,s,c,d\n");
  EXPECT_EQ(unknown.status().message(), "code table line 2: unknown event 'referral.lost'");
}

TEST(Codes, DeployerCanMapToTheirOwnCodes) {
  std::string csv = "event,system,code,display\n";
  for (const auto& e : RequiredCodeEvents()) csv += e + ",urn:mine,\"X," + e + "\",Mine\n";
  auto table = CodeTable::Parse(csv);
  ASSERT_TRUE(table.ok()) << table.status().message();
  EXPECT_EQ(table->ForState(ReferralState::kClosed).code, "X,referral.closed");
  EXPECT_EQ(table->ForState(ReferralState::kAccepted).code, "871731000000106");
}

}  // namespace
}  // namespace linkway
