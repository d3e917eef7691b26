// The SNOMED-coded extract (the practice's own staff only, audited per record) and the monthly
// practice digest.
#include <gtest/gtest.h>

#include "insight/list_sizes.hpp"
#include "support/app_harness.hpp"

namespace linkway {
namespace {

class ExportsTest : public testing::PagesTest {
 protected:
  void SetUp() override {
    ListSizes sizes(*w_.database);
    ASSERT_TRUE(sizes.Import({{"P1", "2026-04-01", 2000}, {"P2", "2026-04-01", 10000}}).ok());
    for (int i = 0; i < 2; ++i) {
      auto made = w_.referrals->CreateReferral(w_.As("gp1"), w_.GoodReferral("P1"));
      ASSERT_TRUE(made.ok());
      ids_.push_back(made->referral.id);
    }
    ASSERT_TRUE(w_.referrals->Move(w_.As("lw1"), ids_[0], {ReferralState::kAccepted, "", ""}).ok());
    ASSERT_TRUE(
        w_.referrals->RecordSignpost(w_.As("gp1"), {"Leominster walking group", {"activity"}, ""})
            .ok());
  }
  std::string Month() { return FormatDate(DayOf(w_.clock.Now())).substr(0, 7); }
  std::vector<std::int64_t> ids_;
};

TEST_F(ExportsTest, TheExtractIsCodedAndAuditedPerRecord) {
  auto& insight = w_.system->insight;
  auto e = insight.ExtractFor(w_.As("gp1"), "", Month(), Month());
  ASSERT_TRUE(e.ok()) << e.status().message();
  ASSERT_GE(e->rows.size(), 4u);  // two referrals, one acceptance, one signpost
  int referrals = 0, signposts = 0;
  for (const auto& row : e->rows) {
    EXPECT_FALSE(row.code.empty());
    EXPECT_EQ(row.date, FormatDate(DayOf(w_.clock.Now())));
    if (row.record_type == "referral") {
      ++referrals;
      EXPECT_EQ(row.nhs_number, "9434765919");
    } else {
      ++signposts;
      EXPECT_TRUE(row.nhs_number.empty());
    }
  }
  EXPECT_EQ(signposts, 1);
  EXPECT_GE(referrals, 3);
  for (auto id : ids_) {
    auto seen = w_.audit->List({.record_type = "referral", .record_id = std::to_string(id)});
    ASSERT_TRUE(seen.ok());
    bool extracted = false;
    for (const auto& a : *seen) extracted = extracted || a.action == "insight.extract";
    EXPECT_TRUE(extracted) << id;
  }
  EXPECT_EQ(insight.ExtractFor(w_.As("gp1"), "P2", "", "").status().code(), Code::kNotFound);
  EXPECT_EQ(insight.ExtractFor(w_.As("lw1"), "P1", "", "").status().code(), Code::kForbidden);
  EXPECT_EQ(insight.ExtractFor(w_.As("commissioner"), "P1", "", "").status().code(),
            Code::kForbidden);
  auto csv = Send("GET", "/api/v1/insight/extract?from=" + Month() + "&to=" + Month(),
                  SignIn("gp1").cookie);
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.Header("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_NE(csv.body.find("\"9434765919\""), std::string::npos);
  EXPECT_EQ(Send("GET", "/api/v1/insight/extract", SignIn("commissioner").cookie).status, 403);
}

TEST_F(ExportsTest, TheDigestHasFiguresLinkWorkersAndCaseStudies) {
  auto& insight = w_.system->insight;
  ASSERT_TRUE(w_.casework->SetPresence(w_.As("lw1"), "lw1", {{2, "morning", "P1", ""}}).ok());
  ASSERT_TRUE(w_.casework
                  ->LogContact(w_.As("lw1"), ids_[0],
                               {"phone", FormatDate(DayOf(w_.clock.Now())), 10, "P1"})
                  .ok());
  std::string story = "A man in his seventies joined a walking group and now leads it.";
  ASSERT_TRUE(w_.casework->AddNote(w_.As("lw1"), ids_[0], story, false, true).ok());
  ASSERT_TRUE(w_.casework->AddNote(w_.As("lw1"), ids_[0], "Not for sharing", false, false).ok());
  auto d = insight.DigestFor(w_.As("gp1"), "P1", Month());
  ASSERT_TRUE(d.ok()) << d.status().message();
  EXPECT_EQ(d->figures.referrals, 2);
  EXPECT_EQ(d->figures.signposts, 1);
  EXPECT_DOUBLE_EQ(*d->figures.rate_per_1000, 1.0);
  // The ICB's and PCN's 2 referrals are fewer than 5: their rates would give them away.
  EXPECT_FALSE(d->figures.icb_rate_per_1000.has_value());
  EXPECT_FALSE(d->figures.pcn_rate_per_1000.has_value());
  ASSERT_EQ(d->link_workers.size(), 1u);
  EXPECT_EQ(d->link_workers[0].sessions, std::vector<std::string>{"Tuesday morning"});
  EXPECT_EQ(d->case_studies, std::vector<std::string>{story});
  EXPECT_EQ(insight.DigestFor(w_.As("gp1"), "P2", Month()).status().code(), Code::kNotFound);
  EXPECT_EQ(insight.DigestFor(w_.As("vcse"), "P1", Month()).status().code(), Code::kForbidden);
  EXPECT_EQ(insight.DigestFor(w_.As("gp1"), "P1", "2099-01").status().code(), Code::kInvalid);
  auto page = Send("GET", "/insight/digest/P1?month=" + Month(), SignIn("commissioner").cookie);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Print this digest"), std::string::npos);
  EXPECT_NE(page.body.find("walking group and now leads it"), std::string::npos);
  EXPECT_EQ(page.body.find("Not for sharing"), std::string::npos);
  EXPECT_EQ(page.body.find("9434765919"), std::string::npos);
  auto index = Send("GET", "/insight/digest", SignIn("gp1").cookie);
  EXPECT_EQ(index.status, 303);
  EXPECT_EQ(index.Header("Location"), "/insight/digest/P1");
}

TEST_F(ExportsTest, ACaseStudyNeedsConsentToShare) {
  // Referrals are made with consent to share; one from before that rule, without.
  auto made = w_.referrals->CreateReferral(w_.As("gp1"), w_.GoodReferral("P1"));
  ASSERT_TRUE(made.ok());
  ASSERT_TRUE(w_.database
                  ->Write([&](sql::Tx& tx) {
                    sql::Query(tx, "UPDATE referrals SET consent_share = 0 WHERE id = $1",
                               made->referral.id)
                        .Run();
                    return Status::Ok();
                  })
                  .ok());
  ASSERT_TRUE(
      w_.referrals->Move(w_.As("lw1"), made->referral.id, {ReferralState::kAccepted, "", ""}).ok());
  auto note = w_.casework->AddNote(w_.As("lw1"), made->referral.id, "A story", false, true);
  ASSERT_EQ(note.status().code(), Code::kInvalid);
  EXPECT_EQ(note.status().fields().at(0).field, "case_study");
}

TEST_F(ExportsTest, ACaseStudyMustNotSayWhoItIsAbout) {
  // The referral is of Ann Smith, 943 476 5919, HR4 7DD, born 1948-03-02.
  for (const char* text : {"Ann joined a group.", "Mrs SMITH now walks.", "NHS 9434765919.",
                           "Lives at hr4 7dd.", "Born 1948-03-02."}) {
    auto note = w_.casework->AddNote(w_.As("lw1"), ids_[0], text, false, true);
    ASSERT_EQ(note.status().code(), Code::kInvalid) << text;
    EXPECT_EQ(note.status().fields().at(0).field, "case_study");
  }
  EXPECT_TRUE(
      w_.casework->AddNote(w_.As("lw1"), ids_[0], "Annual walks helped.", false, true).ok());
}

}  // namespace
}  // namespace linkway
