// The insight dashboards' data over a generated database of 10,000,000 referral and signpost
// events over 5 years across 1,000 practices (100 PCNs): p50 and p95 of each figure as the
// pages get it (from the counts kept as activity happens), each beside a full-scan GROUP BY of
// the same figure straight over the events in SQLite, in the same run. The aim is p95 <= 50 ms
// for every dashboard.
//
//   insight_bench [--events N] [--seconds S] [--dir PATH]
#include <fmt/format.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <random>

#include "app/system.hpp"
#include "bench_args.hpp"
#include "bench_stats.hpp"
#include "machine.hpp"

namespace linkway::bench {
namespace {

constexpr int kPcns = 100;
constexpr int kPracticesPerPcn = 10;
constexpr int kReferrersPerPractice = 6;
constexpr int kPostcodes = 20000;
constexpr UnixSeconds kNow = 1795514400;  // 2026-11-24
constexpr UnixSeconds kDay = 86400;
constexpr UnixSeconds kSpan = 5 * 365 * kDay;
constexpr char kUsage[] =
    "insight_bench [--events N] [--seconds S] [--dir PATH]: insight dashboards over generated "
    "referrals and signposts";
constexpr const char* kReasons[] = {"loneliness", "mental_wellbeing", "money",  "housing",
                                    "work",       "activity",         "caring", "bereavement"};
constexpr const char* kProfessions[] = {"gp", "gp", "gp", "nurse", "pharmacist", "practice_admin"};

std::string Pcn(int p) { return fmt::format("U{:05}", p); }
std::string Practice(int p, int i) { return fmt::format("M{:03}{}", p, i); }
std::string Postcode(int i) { return fmt::format("HR{} {}AB", i / 1000, i % 1000); }

void Exec(sql::Tx& tx, const std::string& q) { sql::Query(tx, q).Run(); }

void Check(const Status& s) {
  if (!s.ok()) throw std::runtime_error(s.message() + " " + s.detail());
}

// Organisations, referrers, postcodes with deciles and rurality, list sizes with their parts.
void MakeWorld(sql::Database& db) {
  std::mt19937_64 random(3);
  Check(db.Write([&](sql::Tx& tx) {
    Exec(tx,
         "INSERT INTO organisations (code, kind, name, parent_code, postcode) VALUES "
         "('ICB', 'icb', 'ICB', NULL, '')");
    const char* ruc[] = {"C1", "C1", "C1", "D1", "E1", "F1"};
    for (int i = 0; i < kPostcodes; ++i) {
      sql::Query(tx,
                 "INSERT INTO postcodes (postcode, lsoa11, imd_decile, ruc11_code, ruc11_name) "
                 "VALUES ($1, $2, $3, $4, '')",
                 Postcode(i), fmt::format("E0{:07}", i / 10), std::int64_t{1 + (i / 10) % 10},
                 ruc[(i / 10) % 6])
          .Run();
    }
    for (int p = 0; p < kPcns; ++p) {
      sql::Query(tx,
                 "INSERT INTO organisations (code, kind, name, parent_code, postcode) VALUES "
                 "($1, 'pcn', $2, 'ICB', '')",
                 Pcn(p), "PCN " + std::to_string(p))
          .Run();
      for (int i = 0; i < kPracticesPerPcn; ++i) {
        std::string code = Practice(p, i);
        sql::Query(tx,
                   "INSERT INTO organisations (code, kind, name, parent_code, postcode) "
                   "VALUES ($1, 'practice', $2, $3, '')",
                   code, "Practice " + code, Pcn(p))
            .Run();
        std::int64_t size = 3000 + static_cast<std::int64_t>(random() % 17000);
        sql::Query(tx,
                   "INSERT INTO list_sizes (practice_code, extract_date, total, male, female) "
                   "VALUES ($1, '2026-04-01', $2, 0, 0)",
                   code, size)
            .Run();
        for (int d = 1; d <= 10; ++d) {
          sql::Query(tx, "INSERT INTO list_size_parts VALUES ($1, 'imd', $2, $3)", code,
                     std::to_string(d), size / 10)
              .Run();
        }
        for (int r = 0; r < kReferrersPerPractice; ++r) {
          sql::InsertId(tx,
                        "INSERT INTO users (username, display_name, role, profession, org_code) "
                        "VALUES ($1, $1, 'referrer', $2, $3)",
                        fmt::format("gp{}{}", code, r), kProfessions[r], code);
        }
      }
    }
    return Status::Ok();
  }));
}

// Referrals (60%) and signposts (40%) spread evenly over 5 years, in time order; referrals
// older than three weeks have left the wait, most after a first contact.
void Generate(sql::Database& db, std::int64_t events) {
  std::mt19937_64 random(7);
  std::vector<std::pair<std::int64_t, std::string>> users;  // id, practice
  Check(db.Read([&](sql::Connection& c) {
    for (sql::Query q(c, "SELECT id, org_code FROM users WHERE role = 'referrer' ORDER BY id");
         q.Step();) {
      users.emplace_back(q.Int(0), q.Text(1));
    }
    return Status::Ok();
  }));
  constexpr std::int64_t kChunk = 100000;
  for (std::int64_t done = 0; done < events; done += kChunk) {
    Check(db.Write([&](sql::Tx& tx) {
      const std::string referral_sql =
          "INSERT INTO referrals (nhs_number, given_name, family_name, date_of_birth, postcode, "
          "phone, practice_code, pcn_code, referrer_id, referrer_profession, reasons, "
          "reason_other, consent_referral, consent_share, urgency, note, state, received_at, "
          "accepted_at, contacted_at, declined_at, closed_at) VALUES ('9434765919', 'A', 'B', "
          "$1, $2, '', $3, $4, $5, $6, $7, '', 1, 1, 'routine', '', $8, $9, $10, $11, $12, $13)";
      const std::string signpost_sql =
          "INSERT INTO signposts (at, practice_code, pcn_code, user_id, profession, service, "
          "reasons, note, code_system, code) VALUES ($1, $2, $3, $4, $5, 'Walking group', $6, "
          "'', 'http://snomed.info/sct', '871731000000106')";
      for (std::int64_t i = done; i < std::min(events, done + kChunk); ++i) {
        const auto& [user, practice] = users[random() % users.size()];
        std::string pcn = Pcn(std::stoi(practice.substr(1, 3)));
        // In time order, as a scheme's rows arrive, a few minutes apart at random.
        UnixSeconds at =
            kNow - kSpan +
            static_cast<UnixSeconds>(static_cast<double>(kSpan) * static_cast<double>(i) /
                                     static_cast<double>(events)) +
            static_cast<UnixSeconds>(random() % 600);
        std::string reasons = kReasons[random() % 8];
        if (random() % 3 == 0) reasons += std::string(",") + kReasons[random() % 8];
        const char* profession = kProfessions[(user - 1) % kReferrersPerPractice];
        if (random() % 10 < 4) {
          sql::Query(tx, signpost_sql, at, practice, pcn, user, profession, reasons).Run();
          continue;
        }
        int year = 1930 + static_cast<int>(random() % 80);
        std::string dob = fmt::format("{}-0{}-1{}", year, 1 + random() % 9, random() % 9);
        std::optional<std::int64_t> accepted, contacted, declined, closed;
        std::string state = "received";
        if (at < kNow - 21 * kDay) {
          if (random() % 10 == 0) {
            state = "declined";
            declined = at + kDay;
          } else {
            state = "closed";
            accepted = at + kDay;
            contacted = at + static_cast<UnixSeconds>(1 + random() % 30) * kDay;
            closed = *contacted + 60 * kDay;
          }
        } else if (random() % 2) {
          state = "accepted";
          accepted = at + 3600;
        }
        auto text = [](const std::optional<std::int64_t>& t) {
          return t ? std::optional<std::string>(std::to_string(*t)) : std::nullopt;
        };
        sql::Query(tx, referral_sql, dob, Postcode(static_cast<int>(random() % kPostcodes)),
                   practice, pcn, user, profession, reasons, state, at, text(accepted),
                   text(contacted), text(declined), text(closed))
            .Run();
      }
      return Status::Ok();
    }));
    if ((done / kChunk) % 10 == 9) fmt::print("  {} events\n", done + kChunk);
  }
}

template <typename F>
double Millis(F&& f) {
  auto t0 = std::chrono::steady_clock::now();
  f();
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

struct Figure {
  std::string name;
  std::function<void(std::mt19937_64&)> ours;
  std::function<void(std::mt19937_64&)> bare;
};

}  // namespace
}  // namespace linkway::bench

int main(int argc, char** argv) {
  using namespace linkway;         // NOLINT(google-build-using-namespace)
  using namespace linkway::bench;  // NOLINT(google-build-using-namespace)
  CommonOptions options;
  std::int64_t events = 10000000;
  options.seconds = 5;
  ParseCommon(argc, argv, kUsage, options, [&](const std::string& name, const std::string& v) {
    if (name != "--events") return false;
    events = std::stoll(v);
    return true;
  });
  std::filesystem::path file = options.dir / fmt::format("insight_bench_{}.db", events);
  bool fresh = !std::filesystem::exists(file);
  auto db = OpenDatabase("sqlite:" + file.string(), sql::Options{.durable = false});
  if (!db.ok()) {
    fmt::print(stderr, "insight_bench: {}\n", db.status().message());
    return 1;
  }
  fmt::print("insight_bench: {} events over 5 years across {} practices, SQLite; {}; load {}\n",
             events, kPcns * kPracticesPerPcn, DescribeCpus(), LoadAverage());
  FixedClock clock(kNow);
  Organisations organisations(**db);
  AuditTrail audit(**db);
  MeasureSet measures = BuiltinMeasures();
  Insight insight(**db, organisations, clock, audit, measures);
  if (fresh) {
    double generate = Millis([&] {
      MakeWorld(**db);
      Generate(**db, events);
    });
    double count = Millis([&] { Check(insight.aggregates().Recompute()); });
    fmt::print("generated in {:.1f} s; counted from scratch in {:.1f} s ({})\n", generate / 1000,
               count / 1000, file.string());
  }
  Principal commissioner{.user_id = 1, .role = Role::kCommissioner, .org_kind = OrgKind::kIcb};
  std::vector<Principal> clinicians;
  Check((*db)->Read([&](sql::Connection& c) {
    for (sql::Query q(c, "SELECT id, org_code FROM users WHERE role = 'referrer' ORDER BY id");
         q.Step();) {
      Principal p{.user_id = q.Int(0),
                  .role = Role::kReferrer,
                  .org_code = q.Text(1),
                  .org_kind = OrgKind::kPractice};
      p.pcn_code = Pcn(std::stoi(p.org_code.substr(1, 3)));
      clinicians.push_back(p);
    }
    return Status::Ok();
  }));
  // A random 12 months within the 5 years, as months and as times.
  auto year = [](std::mt19937_64& random) {
    int back = static_cast<int>(random() % 48);  // months before the last whole month
    int m = 10 - back;                           // 2026-10 is month index 0
    int y = 2026;
    while (m < 1) {
      m += 12;
      --y;
    }
    std::string to = fmt::format("{:04}-{:02}", y, m);
    int fm = m - 11, fy = y;
    while (fm < 1) {
      fm += 12;
      --fy;
    }
    std::string from = fmt::format("{:04}-{:02}", fy, fm);
    UnixSeconds start = *ParseDate(from + "-01") * kDay;
    int nm = m % 12 + 1, ny = m == 12 ? y + 1 : y;
    UnixSeconds end = *ParseDate(fmt::format("{:04}-{:02}-01", ny, nm)) * kDay;
    return std::tuple{from, to, start, end};
  };
  auto pcn = [](std::mt19937_64& random) { return Pcn(static_cast<int>(random() % kPcns)); };
  auto ok = [](const Status& s) {
    if (!s.ok()) throw std::runtime_error(s.message());
  };
  auto scan = [&](const std::string& sql, auto... args) {
    Check((*db)->Read([&](sql::Connection& c) {
      for (sql::Query q(c, sql, args...); q.Step();) {
      }
      return Status::Ok();
    }));
  };
  std::vector<Figure> figures = {
      {"variation",
       [&](auto& r) {
         auto [from, to, s, e] = year(r);
         ok(insight.Variations(commissioner, {from, to, "icb", "referrals"}).status());
       },
       [&](auto& r) {
         auto [from, to, s, e] = year(r);
         scan(
             "SELECT practice_code, COUNT(*) FROM referrals WHERE received_at >= $1 AND "
             "received_at < $2 GROUP BY practice_code",
             s, e);
       }},
      {"trend (PCN)",
       [&](auto& r) {
         auto [from, to, s, e] = year(r);
         ok(insight.Trends(commissioner, {from, to, "pcn:" + pcn(r), ""}).status());
       },
       [&](auto& r) {
         auto [from, to, s, e] = year(r);
         std::string p = pcn(r);
         scan(
             "SELECT strftime('%Y-%m', received_at, 'unixepoch'), COUNT(*) FROM referrals "
             "WHERE pcn_code = $1 AND received_at >= $2 AND received_at < $3 GROUP BY 1",
             p, s, e);
         scan(
             "SELECT strftime('%Y-%m', at, 'unixepoch'), COUNT(*) FROM signposts WHERE "
             "pcn_code = $1 AND at >= $2 AND at < $3 GROUP BY 1",
             p, s, e);
       }},
      {"reasons",
       [&](auto& r) {
         auto [from, to, s, e] = year(r);
         ok(insight.Breakdowns(commissioner, {from, to, "icb", "reason"}).status());
       },
       [&](auto& r) {
         auto [from, to, s, e] = year(r);
         scan(
             "SELECT reasons, COUNT(*) FROM referrals WHERE received_at >= $1 AND received_at "
             "< $2 GROUP BY reasons",
             s, e);
       }},
      {"equity (IMD)",
       [&](auto& r) {
         auto [from, to, s, e] = year(r);
         ok(insight.Equities(commissioner, {from, to, "icb", "imd"}).status());
       },
       [&](auto& r) {
         auto [from, to, s, e] = year(r);
         scan(
             "SELECT p.imd_decile, COUNT(*) FROM referrals r LEFT JOIN postcodes p ON "
             "p.postcode = r.postcode WHERE r.received_at >= $1 AND r.received_at < $2 "
             "GROUP BY 1",
             s, e);
       }},
      {"own view",
       [&](auto& r) {
         auto [from, to, s, e] = year(r);
         ok(insight.Own(clinicians[r() % clinicians.size()], {from, to, "", ""}).status());
       },
       [&](auto& r) {
         auto [from, to, s, e] = year(r);
         std::int64_t who = clinicians[r() % clinicians.size()].user_id;
         scan(
             "SELECT strftime('%Y-%m', received_at, 'unixepoch'), COUNT(*) FROM referrals "
             "WHERE referrer_id = $1 AND received_at >= $2 AND received_at < $3 GROUP BY 1",
             who, s, e);
       }},
      {"waits (PCN)",
       [&](auto& r) {
         auto [from, to, s, e] = year(r);
         ok(insight.WaitsFor(commissioner, {from, to, "pcn:" + pcn(r), ""}).status());
       },
       [&](auto& r) {
         auto [from, to, s, e] = year(r);
         scan(
             "SELECT strftime('%Y-%m', received_at, 'unixepoch'), (contacted_at - "
             "received_at) / 86400, COUNT(*) FROM referrals WHERE pcn_code = $1 AND "
             "received_at >= $2 AND received_at < $3 AND contacted_at IS NOT NULL GROUP BY 1, 2",
             pcn(r), s, e);
       }},
      {"forecast (PCN)",
       [&](auto& r) { ok(insight.ForecastFor(commissioner, "pcn:" + pcn(r)).status()); },
       [&](auto& r) {
         std::string p = pcn(r);
         scan(
             "SELECT COUNT(*) FROM referrals WHERE pcn_code = $1 AND state IN ('received', "
             "'accepted')",
             p);
         scan(
             "SELECT received_at / 604800, COUNT(*) FROM referrals WHERE pcn_code = $1 AND "
             "received_at >= $2 GROUP BY 1",
             p, kNow - 63 * kDay);
         scan(
             "SELECT COALESCE(contacted_at, declined_at) / 604800, COUNT(*) FROM referrals "
             "WHERE pcn_code = $1 AND COALESCE(contacted_at, declined_at) >= $2 GROUP BY 1",
             p, kNow - 63 * kDay);
       }},
  };
  std::mt19937_64 random(11);
  bool all_met = true;
  for (auto& f : figures) {
    std::vector<double> ours, bare;
    auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(options.seconds);
    // At least 20 of each, so that the p95 means something even where the bare scan is slow.
    while (std::chrono::steady_clock::now() < until || ours.size() < 20 || bare.size() < 20) {
      ours.push_back(Millis([&] { f.ours(random); }));
      if (bare.size() < 20 || std::chrono::steady_clock::now() < until) {
        bare.push_back(Millis([&] { f.bare(random); }));
      }
    }
    double p50 = Percentile(ours, 50), p95 = Percentile(ours, 95);
    double b50 = Percentile(bare, 50), b95 = Percentile(bare, 95);
    bool met = p95 <= 50;
    all_met = all_met && met;
    fmt::print(
        "{:<15} ours p50 {:7.2f} ms  p95 {:7.2f} ms (n={}) | full-scan GROUP BY p50 "
        "{:8.2f} ms  p95 {:8.2f} ms (n={}) | p95 {:6.1f}x faster | aim p95 <= 50 ms: {}\n",
        f.name, p50, p95, ours.size(), b50, b95, bare.size(), p95 > 0 ? b95 / p95 : 0,
        met ? "met" : "NOT met");
  }
  // What keeping the counts costs a write: the fold of a day's new activity.
  double fold = Millis([&] {
    Check((*db)->Write([&](sql::Tx& tx) {
      for (int i = 0; i < 1000; ++i) {
        sql::Query(tx,
                   "INSERT INTO signposts (at, practice_code, pcn_code, user_id, profession, "
                   "service, reasons, note, code_system, code) VALUES ($1, $2, $3, 1, 'gp', 'x', "
                   "'money', '', '', '')",
                   kNow - 3600, Practice(i % kPcns, 0), Pcn(i % kPcns))
            .Run();
      }
      return Status::Ok();
    }));
    Check(insight.aggregates().CatchUp());
  });
  fmt::print("folding 1,000 new events into the counts: {:.1f} ms\n", fold);
  return all_met ? 0 : 2;
}
