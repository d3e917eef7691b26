// The casework pages' data over a generated database of 1,000,000 referrals across 50 PCNs:
// p50 and p99 of the waiting list (one PCN's, first page), the caseload (one link worker's)
// and a case page (every read the case page makes), each beside the bare SQL query that the
// page's main read runs, in the same run. The aim is p99 <= 10 ms for each page's data.
// Audit rows are written by the service on top of these reads (through the group commit) and
// are not part of the figures.
//
//   casework_bench [--referrals N] [--seconds S] [--dir PATH]
#include <fmt/format.h>

#include <chrono>
#include <filesystem>
#include <random>

#include "app/system.hpp"
#include "bench_args.hpp"
#include "bench_stats.hpp"
#include "casework/case_store.hpp"
#include "machine.hpp"

namespace linkway::bench {
namespace {

constexpr int kPcns = 50;
constexpr int kPracticesPerPcn = 5;
constexpr int kWorkersPerPcn = 2;
constexpr char kUsage[] =
    "casework_bench [--referrals N] [--seconds S] [--dir PATH]: casework page reads over a "
    "generated database";

std::string Pcn(int p) { return fmt::format("PCN{:02}", p); }
std::string Practice(int p, int i) { return fmt::format("P{:02}{}", p, i); }

void Exec(sql::Tx& tx, const std::string& q) { sql::Query(tx, q).Run(); }

// Organisations, a referrer per practice, two link workers per PCN; returns the link workers'
// user ids by PCN.
std::vector<std::vector<std::int64_t>> MakeWorld(sql::Database& db) {
  std::vector<std::vector<std::int64_t>> workers(kPcns);
  Status s = db.Write([&](sql::Tx& tx) {
    Exec(tx,
         "INSERT INTO organisations (code, kind, name, parent_code, postcode) VALUES "
         "('ICB', 'icb', 'ICB', NULL, '')");
    for (int p = 0; p < kPcns; ++p) {
      sql::Query(tx, "INSERT INTO organisations VALUES ($1, 'pcn', $2, 'ICB', '')", Pcn(p),
                 "PCN " + std::to_string(p))
          .Run();
      for (int i = 0; i < kPracticesPerPcn; ++i) {
        sql::Query(tx, "INSERT INTO organisations VALUES ($1, 'practice', $2, $3, '')",
                   Practice(p, i), "Practice " + Practice(p, i), Pcn(p))
            .Run();
        sql::InsertId(tx,
                      "INSERT INTO users (username, display_name, role, profession, org_code) "
                      "VALUES ($1, $1, 'referrer', 'gp', $2)",
                      "gp" + Practice(p, i), Practice(p, i));
      }
      for (int w = 0; w < kWorkersPerPcn; ++w) {
        workers[p].push_back(
            sql::InsertId(tx,
                          "INSERT INTO users (username, display_name, role, profession, org_code) "
                          "VALUES ($1, $1, 'link_worker', 'link_worker', $2)",
                          fmt::format("lw{:02}{}", p, w), Pcn(p)));
      }
    }
    return Status::Ok();
  });
  if (!s.ok()) throw std::runtime_error(s.message());
  return workers;
}

// Referrals in states a real scheme has: most closed, some waiting and on caseloads; every one
// past received is a case, and each case on a caseload has contacts, goals, measures, a
// connection and events.
void Generate(sql::Database& db, int referrals, const std::vector<std::vector<std::int64_t>>& lw) {
  std::mt19937_64 random(7);
  UnixSeconds start = 1700000000;
  constexpr int kChunk = 20000;
  for (int done = 0; done < referrals; done += kChunk) {
    Status s = db.Write([&](sql::Tx& tx) {
      for (int i = done; i < std::min(referrals, done + kChunk); ++i) {
        int p = i % kPcns;
        int practice = static_cast<int>(random() % kPracticesPerPcn);
        std::int64_t worker = lw[p][random() % kWorkersPerPcn];
        int roll = static_cast<int>(random() % 1000);
        std::string state = roll < 30    ? "accepted"
                            : roll < 50  ? "contacted"
                            : roll < 80  ? "active"
                            : roll < 90  ? "received"
                            : roll < 130 ? "declined"
                                         : "closed";
        UnixSeconds at = start + static_cast<UnixSeconds>(i) * 90;
        bool urgent = random() % 10 == 0;
        std::int64_t id = sql::InsertId(
            tx,
            "INSERT INTO referrals (nhs_number, given_name, family_name, date_of_birth, postcode, "
            "phone, practice_code, pcn_code, referrer_id, referrer_profession, reasons, "
            "reason_other, consent_referral, consent_share, urgency, note, state, outcome, "
            "state_reason, received_at, accepted_at) VALUES ($1, 'Ann', $2, '1950-01-01', '', '', "
            "$3, $4, 1, 'gp', 'loneliness', '', 1, 1, $5, '', $6, '', '', $7, $8)",
            fmt::format("{:010}", 4000000000 + i), "Person" + std::to_string(i),
            Practice(p, practice), Pcn(p), urgent ? "urgent" : "routine", state, at,
            state == "received" ? std::optional<std::string>() : std::to_string(at + 86400));
        if (state == "received") continue;
        bool open = state == "accepted" || state == "contacted" || state == "active";
        sql::Query(tx,
                   "INSERT INTO cases (referral_id, pcn_code, link_worker_id, state, urgent, "
                   "received_at, assigned_at, ended_at, next_action_due) VALUES ($1, $2, $3, $4, "
                   "$5, $6, $7, $8, $9)",
                   id, Pcn(p), worker, state, urgent, at, at + 86400,
                   open ? std::optional<std::string>() : std::to_string(at + 30 * 86400),
                   state == "active" ? FormatDate(DayOf(at) + 30) : std::string())
            .Run();
        if (state != "contacted" && state != "active") continue;
        for (int k = 0; k < 3; ++k) {
          sql::Query(tx,
                     "INSERT INTO contacts (referral_id, at, user_id, kind, contact_date, "
                     "minutes, practice_code) VALUES ($1, $2, $3, 'phone', '2026-01-01', 30, '')",
                     id, at + k * 86400, worker)
              .Run();
          sql::Query(tx,
                     "INSERT INTO case_events (referral_id, at, user_id, kind, summary) VALUES "
                     "($1, $2, $3, 'contact', 'Phone, 30 minutes')",
                     id, at + k * 86400, worker)
              .Run();
        }
        for (int g = 0; g < 2; ++g) {
          sql::Query(tx,
                     "INSERT INTO plan_goals (referral_id, position, text, domain, target_date, "
                     "status) VALUES ($1, $2, 'Join a group', 'loneliness', '2027-01-01', "
                     "'in_progress')",
                     id, g + 1)
              .Run();
        }
        sql::Query(tx,
                   "INSERT INTO measure_results (referral_id, measure, timepoint, at, user_id, "
                   "answers, scores) VALUES ($1, 'ucla3', 'baseline', $2, $3, "
                   "'{\"companionship\":3}', '[]')",
                   id, at, worker)
            .Run();
        sql::Query(tx,
                   "INSERT INTO connections (referral_id, organisation_code, service_id, "
                   "service_name, state, reason, created_at, updated_at, user_id) VALUES ($1, '', "
                   "'', 'Choir', 'sent', '', $2, $2, $3)",
                   id, at, worker)
            .Run();
      }
      return Status::Ok();
    });
    if (!s.ok()) throw std::runtime_error(s.message());
  }
  Status s = db.Write([](sql::Tx& tx) {
    if (tx.backend() == sql::Backend::kSqlite) tx.connection().Exec("ANALYZE");
    return Status::Ok();
  });
  (void)s;
}

struct Figures {
  std::vector<double> ours;
  std::vector<double> bare;
};

template <typename F>
double Millis(F&& f) {
  auto t0 = std::chrono::steady_clock::now();
  f();
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

void Report(const std::string& name, Figures& f) {
  double p50 = Percentile(f.ours, 50), p99 = Percentile(f.ours, 99);
  double b50 = Percentile(f.bare, 50), b99 = Percentile(f.bare, 99);
  fmt::print(
      "{:<14} ours p50 {:6.3f} ms  p99 {:6.3f} ms | bare SQL p50 {:6.3f} ms  p99 {:6.3f} ms"
      " | p99 ratio {:4.2f} | aim p99 <= 10 ms: {}\n",
      name, p50, p99, b50, b99, b99 > 0 ? p99 / b99 : 0, p99 <= 10 ? "met" : "NOT met");
}

}  // namespace
}  // namespace linkway::bench

int main(int argc, char** argv) {
  using namespace linkway;         // NOLINT(google-build-using-namespace)
  using namespace linkway::bench;  // NOLINT(google-build-using-namespace)
  CommonOptions options;
  int referrals = 1000000;
  options.seconds = 10;
  ParseCommon(argc, argv, kUsage, options, [&](const std::string& name, const std::string& v) {
    if (name != "--referrals") return false;
    referrals = std::stoi(v);
    return true;
  });
  std::filesystem::path file = options.dir / fmt::format("casework_bench_{}.db", referrals);
  bool fresh = !std::filesystem::exists(file);
  auto db = OpenDatabase("sqlite:" + file.string(), sql::Options{.durable = false});
  if (!db.ok()) {
    fmt::print(stderr, "casework_bench: {}\n", db.status().message());
    return 1;
  }
  fmt::print("casework_bench: {} referrals across {} PCNs, SQLite; {}\n", referrals, kPcns,
             DescribeCpus());
  std::vector<std::vector<std::int64_t>> workers;
  if (fresh) {
    auto t = Millis([&] {
      workers = MakeWorld(**db);
      Generate(**db, referrals, workers);
    });
    fmt::print("generated in {:.1f} s ({})\n", t / 1000, file.string());
  } else {
    workers.resize(kPcns);
    Status s = (*db)->Read([&](sql::Connection& c) {
      sql::Query q(c, "SELECT id, org_code FROM users WHERE role = 'link_worker' ORDER BY id");
      while (q.Step()) workers[std::stoi(q.Text(1).substr(3))].push_back(q.Int(0));
      return Status::Ok();
    });
    if (!s.ok()) return 1;
  }
  std::vector<std::int64_t> caseload_ids;
  Status s = (*db)->Read([&](sql::Connection& c) {
    sql::Query q(c, "SELECT referral_id FROM cases WHERE state = 'active' ORDER BY referral_id");
    while (q.Step()) caseload_ids.push_back(q.Int(0));
    return Status::Ok();
  });
  if (!s.ok() || caseload_ids.empty()) return 1;

  std::mt19937_64 random(11);
  Figures waiting, caseload, case_page;
  const std::string bare_waiting =
      "SELECT c.referral_id, r.given_name, r.family_name, c.urgent, c.received_at "
      "FROM cases c JOIN referrals r ON r.id = c.referral_id "
      "WHERE c.state = 'accepted' AND c.pcn_code = $1 "
      "ORDER BY c.urgent DESC, c.received_at, c.referral_id LIMIT 50";
  const std::string bare_caseload =
      "SELECT c.referral_id, r.given_name, r.family_name, c.next_action_due "
      "FROM cases c JOIN referrals r ON r.id = c.referral_id "
      "WHERE c.state IN ('contacted', 'active') AND c.link_worker_id = $1 "
      "ORDER BY c.next_action_due = '', c.next_action_due, c.received_at, c.referral_id LIMIT 50";
  const std::string bare_case = "SELECT * FROM referrals WHERE id = $1";
  auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(options.seconds);
  while (std::chrono::steady_clock::now() < until) {
    int p = static_cast<int>(random() % kPcns);
    std::int64_t worker = workers[p][random() % workers[p].size()];
    std::int64_t id = caseload_ids[random() % caseload_ids.size()];
    Status r = (*db)->Read([&](sql::Connection& c) {
      waiting.ours.push_back(Millis([&] {
        cases::ListFilter f;
        f.pcn_code = Pcn(p);
        f.waiting = true;
        (void)cases::List(c, f);
      }));
      waiting.bare.push_back(Millis([&] {
        sql::Query q(c, bare_waiting, Pcn(p));
        while (q.Step()) {
        }
      }));
      caseload.ours.push_back(Millis([&] {
        cases::ListFilter f;
        f.pcn_code = Pcn(p);
        f.link_worker_id = worker;
        f.waiting = false;
        (void)cases::List(c, f);
      }));
      caseload.bare.push_back(Millis([&] {
        sql::Query q(c, bare_caseload, worker);
        while (q.Step()) {
        }
      }));
      case_page.ours.push_back(Millis([&] {
        sql::Query q(c, bare_case, id);
        q.Step();
        auto row = cases::Get(c, id);
        (void)cases::Holders(c, id);
        (void)cases::Events(c, id);
        (void)cases::Contacts(c, id);
        (void)cases::GetWhatMatters(c, id);
        (void)cases::GetPlan(c, id);
        (void)cases::Measures(c, id);
        (void)cases::Connections(c, id);
        (void)cases::Notes(c, id, false);
        (void)cases::Concerns(c, id, false);
        (void)cases::EarlierReferrals(c, row ? row->nhs_number : "", Pcn(p), id);
        (void)cases::FeedbackFor(c, id);
      }));
      case_page.bare.push_back(Millis([&] {
        sql::Query q(c, bare_case, id);
        q.Step();
      }));
      return Status::Ok();
    });
    if (!r.ok()) return 1;
  }
  fmt::print("{} samples of each\n", waiting.ours.size());
  Report("waiting list", waiting);
  Report("caseload", caseload);
  Report("case page", case_page);
  return 0;
}
