// The counts insight keeps as activity happens equal a full recount, after a random workload of
// referrals, steps, contacts and signposts over several months (on both backends).
#include <gtest/gtest.h>

#include <random>

#include "insight/aggregates.hpp"
#include "support/app_harness.hpp"

namespace linkway {
namespace {

using insight::AgeBand;
using insight::WeekOf;

TEST(AgeBandTest, BandsByAgeOnTheDay) {
  EXPECT_EQ(AgeBand("2000-06-15", "2020-06-14"), "0-19");
  EXPECT_EQ(AgeBand("2000-06-15", "2020-06-15"), "20-29");
  EXPECT_EQ(AgeBand("1948-03-02", "2026-11-30"), "70-79");
  EXPECT_EQ(AgeBand("1920-01-01", "2026-11-30"), "80+");
  EXPECT_EQ(AgeBand("2030-01-01", "2026-11-30"), "unknown");
  EXPECT_EQ(AgeBand("", "2026-11-30"), "unknown");
}

TEST(WeekOfTest, WeeksStartOnMonday) {
  // 2026-11-30 is a Monday; 2026-12-06 the Sunday after.
  std::int64_t monday = *ParseDate("2026-11-30");
  EXPECT_EQ(WeekOf(monday * 86400), monday);
  EXPECT_EQ(WeekOf(*ParseDate("2026-12-06") * 86400 + 86399), monday);
  EXPECT_EQ(WeekOf(*ParseDate("2026-12-07") * 86400), monday + 7);
}

using Rows = std::vector<std::string>;

Rows Dump(sql::Database& db, const std::string& select) {
  auto rows = db.Read([&](sql::Connection& c) -> Result<Rows> {
    Rows out;
    for (sql::Query q(c, select); q.Step();) {
      std::string row;
      for (int i = 0; i < q.columns(); ++i) row += q.Text(i) + "|";
      out.push_back(row);
    }
    return out;
  });
  return rows.ok() ? *rows : Rows{"error: " + rows.status().message()};
}

struct Tables {
  Rows counts, waits, flows;
  bool operator==(const Tables&) const = default;
};

Tables DumpAll(sql::Database& db) {
  return {Dump(db,
               "SELECT dimension, month, practice_code, kind, value, n FROM activity_counts "
               "ORDER BY dimension, month, practice_code, kind, value"),
          Dump(db,
               "SELECT pcn_code, month, link_worker_id, days, n FROM first_contact_waits "
               "ORDER BY pcn_code, month, link_worker_id, days"),
          Dump(db,
               "SELECT pcn_code, week, arrivals, departures FROM waiting_flows "
               "ORDER BY pcn_code, week")};
}

class AggregatesTest : public testing::PagesTest {};

TEST_F(AggregatesTest, KeptCountsEqualAFullRecount) {
  ASSERT_TRUE(w_.postcodes
                  ->Put({{"HR4 7DD", "E01014050", 6, "C1", "Urban city and town", std::nullopt},
                         {"HR9 5AB", "E01014100", 3, "E1", "Rural village", std::nullopt}})
                  .ok());
  std::mt19937 random(20261207);
  auto pick = [&](int n) { return static_cast<int>(random() % n); };
  const char* practices[] = {"P1", "P2", "P3"};
  const char* referrers[] = {"gp1", "gp2", "gp3"};
  const char* postcodes[] = {"HR4 7DD", "HR9 5AB", "HR1 9ZZ", ""};
  const char* births[] = {"1948-03-02", "1990-11-30", "2009-01-01", "1933-07-19"};
  std::vector<std::pair<std::int64_t, int>> referrals;  // id, practice index
  auto& insight = w_.system->insight.aggregates();
  w_.clock.Set(testing::kNow - 150 * 86400);
  for (int step = 0; step < 400; ++step) {
    w_.clock.Set(w_.clock.Now() + pick(9 * 3600));
    int action = pick(10);
    if (action < 4 || referrals.empty()) {
      int p = pick(3);
      ReferralInput in = w_.GoodReferral(practices[p]);
      in.patient.postcode = postcodes[pick(4)];
      in.patient.date_of_birth = births[pick(4)];
      in.reasons = pick(2) ? std::vector<std::string>{"housing"}
                           : std::vector<std::string>{"loneliness", "money"};
      auto made = w_.referrals->CreateReferral(w_.As(referrers[p]), in);
      ASSERT_TRUE(made.ok()) << made.status().message();
      referrals.emplace_back(made->referral.id, p);
    } else if (action < 8) {
      auto [id, p] = referrals[pick(static_cast<int>(referrals.size()))];
      Principal lw = w_.As(p == 2 ? "lw2" : (pick(2) ? "lw1" : "lw3"));
      auto now = w_.referrals->GetReferral(lw, id);
      ASSERT_TRUE(now.ok());
      if (now->state == ReferralState::kAccepted && pick(2)) {
        auto logged = w_.casework->LogContact(
            lw, id, {"phone", FormatDate(DayOf(w_.clock.Now())), 20, practices[p]});
        EXPECT_TRUE(logged.ok() || logged.status().code() == Code::kNotFound ||
                    logged.status().code() == Code::kForbidden);
        continue;
      }
      auto next = NextStates(now->state);
      if (next.empty()) continue;
      TransitionRequest request{next[pick(static_cast<int>(next.size()))], "", ""};
      if (request.to == ReferralState::kDeclined || request.to == ReferralState::kWithdrawn) {
        request.reason = "Not suitable";
      }
      if (request.to == ReferralState::kClosed) request.outcome = "goals_met";
      auto moved = w_.referrals->Move(lw, id, request);
      EXPECT_TRUE(moved.ok() || moved.status().code() == Code::kNotFound ||
                  moved.status().code() == Code::kForbidden)
          << moved.status().message();
    } else {
      int p = pick(3);
      auto made = w_.referrals->RecordSignpost(
          w_.As(referrers[p]), {"Leominster walking group", {pick(2) ? "activity" : "money"}, ""});
      ASSERT_TRUE(made.ok()) << made.status().message();
    }
    if (pick(25) == 0) {
      ASSERT_TRUE(insight.CatchUp().ok());  // folds part way, too
    }
  }
  ASSERT_TRUE(insight.CatchUp().ok());
  Tables kept = DumpAll(*w_.database);
  EXPECT_GT(kept.counts.size(), 50u);
  EXPECT_GT(kept.waits.size(), 0u);
  EXPECT_GT(kept.flows.size(), 10u);
  ASSERT_TRUE(insight.Recompute().ok());
  Tables recounted = DumpAll(*w_.database);
  EXPECT_EQ(kept.counts, recounted.counts);
  EXPECT_EQ(kept.waits, recounted.waits);
  EXPECT_EQ(kept.flows, recounted.flows);
  // The totals agree with the source rows, for the practices, the PCNs and the ICB alike.
  for (const char* rows :
       {"practice_code NOT LIKE '*%'", "practice_code LIKE '*_%'", "practice_code = '*'"}) {
    EXPECT_EQ(Dump(*w_.database, std::string("SELECT SUM(n) FROM activity_counts WHERE "
                                             "dimension = 'all' AND kind = 'referral' AND ") +
                                     rows),
              Rows{std::to_string(referrals.size()) + "|"})
        << rows;
  }
}

}  // namespace
}  // namespace linkway
